import { z } from 'zod';

/**
 * The part of a Dialogflow ES webhook request (WebhookRequest, API v2) we rely on. Unknown fields are
 * allowed: Google adds fields over time and a new one must not take the endpoint down.
 */
const contextSchema = z.object({
  /** `projects/<p>/agent/sessions/<s>/contexts/<name>` (also with locations/, environments/ and users/). */
  name: z.string().min(1).max(1024),
  lifespanCount: z.number().int().min(0).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

export const webhookRequestSchema = z.object({
  responseId: z.string().min(1).max(256),
  session: z.string().regex(/\/sessions\/[^/]+$/, 'expected a Dialogflow session path ending in /sessions/<id>').max(1024),
  queryResult: z.object({
    queryText: z.string().max(4096).default(''),
    languageCode: z.string().max(35).optional(),
    action: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).default({}),
    allRequiredParamsPresent: z.boolean().optional(),
    outputContexts: z.array(contextSchema).max(100).default([]),
    intent: z.object({ name: z.string().optional(), displayName: z.string().min(1).max(256) }),
    intentDetectionConfidence: z.number().optional(),
  }),
  originalDetectIntentRequest: z
    .object({
      /** 'google' when the Assistant integration sent it; other integrations name themselves or send nothing. */
      source: z.string().optional(),
      version: z.string().optional(),
      payload: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export type WebhookRequest = z.infer<typeof webhookRequestSchema>;

/** The id Dialogflow's caller chose for the conversation: the last segment of the session path. */
export function sessionId(request: WebhookRequest): string {
  return request.session.slice(request.session.lastIndexOf('/sessions/') + '/sessions/'.length);
}

/** The context's own name, without the session path (Dialogflow lowercases it). */
export function contextName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('/') + 1).toLowerCase();
}

export function fromAssistant(request: WebhookRequest): boolean {
  return request.originalDetectIntentRequest?.source === 'google';
}
