import { z } from 'zod';

/**
 * The part of Alexa's request envelope we rely on, checked after the signature. Unknown fields are
 * allowed: Amazon adds fields over time and a new one must not take the skill down.
 */
const slotSchema = z.object({
  name: z.string(),
  value: z.string().optional(),
  resolutions: z
    .object({
      resolutionsPerAuthority: z
        .array(z.object({ status: z.object({ code: z.string() }), values: z.array(z.object({ value: z.object({ name: z.string(), id: z.string() }) })).optional() }))
        .optional(),
    })
    .optional(),
});

export const alexaEnvelopeSchema = z.object({
  version: z.string(),
  session: z.object({ new: z.boolean().optional(), sessionId: z.string(), application: z.object({ applicationId: z.string() }).optional() }).optional(),
  context: z.object({
    System: z.object({
      application: z.object({ applicationId: z.string() }),
      user: z.object({ userId: z.string().min(1).max(512), accessToken: z.string().max(4096).optional() }),
      person: z.object({ personId: z.string() }).optional(),
      apiEndpoint: z.string().optional(),
      apiAccessToken: z.string().optional(),
    }),
  }),
  request: z.object({
    type: z.string(),
    requestId: z.string(),
    timestamp: z.string(),
    locale: z.string().optional(),
    reason: z.string().optional(),
    intent: z
      .object({
        name: z.string(),
        confirmationStatus: z.enum(['NONE', 'CONFIRMED', 'DENIED']).optional(),
        slots: z.record(z.string(), slotSchema).optional(),
      })
      .optional(),
    error: z.object({ type: z.string(), message: z.string() }).optional(),
  }),
});

export type AlexaEnvelope = z.infer<typeof alexaEnvelopeSchema>;
export type AlexaSlot = z.infer<typeof slotSchema>;
