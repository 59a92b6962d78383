import { z } from 'zod';

/**
 * The files of a Dialogflow ES agent export (Settings → Export and Import), as far as we generate them.
 * The generator checks its own output against this before writing, and the tests check the committed files.
 */

/** Entity names: a letter, then letters, digits, '-' or '_' (Dialogflow's rule for entity display names). */
const entityName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/);
/** Context names: what Dialogflow accepts in a context id. */
const contextId = z.string().regex(/^[a-zA-Z0-9_%-]{1,250}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const agentSchema = z
  .object({
    description: z.string(),
    language: z.string().min(2),
    shortDescription: z.string(),
    examples: z.string(),
    linkToDocs: z.string(),
    displayName: z.string().min(1).max(150),
    disableInteractionLogs: z.boolean(),
    disableStackdriverLogs: z.boolean(),
    defaultTimezone: z.string().min(1),
    webhook: z.object({ url: z.string(), username: z.string(), headers: z.record(z.string(), z.string()), available: z.boolean(), useForDomains: z.boolean(), cloudFunctionsEnabled: z.boolean(), cloudFunctionsInitialized: z.boolean() }).strict(),
    isPrivate: z.boolean(),
    mlMinConfidence: z.number().min(0).max(1),
    supportedLanguages: z.array(z.string()),
    enableOnePlatform: z.boolean(),
    onePlatformApiVersion: z.literal('v2'),
    analyzeQueryTextSentiment: z.boolean(),
    enabledKnowledgeBaseNames: z.array(z.string()),
    knowledgeServiceConfidenceAdjustment: z.number(),
    dialogBuilderMode: z.boolean(),
    baseActionPackagesUrl: z.string(),
    enableSpellCorrection: z.boolean(),
  })
  .strict();

export const packageSchema = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).strict();

const parameterSchema = z
  .object({
    id: uuid,
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    required: z.boolean(),
    dataType: z.string().regex(/^@(sys\.[a-z-]+|[A-Za-z][A-Za-z0-9_-]*)$/),
    value: z.string().regex(/^\$[A-Za-z0-9_.-]+$/),
    defaultValue: z.string(),
    isList: z.boolean(),
    prompts: z.array(z.unknown()),
    promptMessages: z.array(z.unknown()),
    noMatchPromptMessages: z.array(z.unknown()),
    noInputPromptMessages: z.array(z.unknown()),
    outputDialogContexts: z.array(z.unknown()),
  })
  .strict();

export const intentSchema = z
  .object({
    id: uuid,
    name: z.string().min(1).max(100),
    auto: z.boolean(),
    contexts: z.array(contextId),
    responses: z
      .array(
        z
          .object({
            resetContexts: z.boolean(),
            action: z.string(),
            affectedContexts: z.array(z.object({ name: contextId, lifespan: z.number().int().min(0) }).strict()),
            parameters: z.array(parameterSchema),
            messages: z.array(z.unknown()),
            speech: z.array(z.string()),
            defaultResponsePlatforms: z.record(z.string(), z.boolean()),
          })
          .strict(),
      )
      .length(1),
    priority: z.number().int(),
    webhookUsed: z.boolean(),
    webhookForSlotFilling: z.boolean(),
    fallbackIntent: z.boolean(),
    events: z.array(z.object({ name: z.string().min(1) }).strict()),
    conditionalResponses: z.array(z.unknown()),
    condition: z.string(),
    conditionalFollowupEvents: z.array(z.unknown()),
  })
  .strict();

const phrasePartSchema = z.union([
  z.object({ text: z.string().min(1), userDefined: z.literal(false) }).strict(),
  z.object({ text: z.string().min(1), alias: z.string().min(1), meta: z.string().regex(/^@/), userDefined: z.literal(true) }).strict(),
]);

export const userSaysSchema = z.array(
  z
    .object({
      id: uuid,
      data: z.array(phrasePartSchema).min(1),
      isTemplate: z.literal(false),
      count: z.number().int(),
      lang: z.string().min(2),
      updated: z.number().int(),
    })
    .strict()
    // Dialogflow's limit on one training phrase.
    .refine((phrase) => phrase.data.map((part) => part.text).join('').length <= 768, 'a training phrase is at most 768 characters'),
);

export const entitySchema = z
  .object({
    id: uuid,
    name: entityName,
    isOverridable: z.boolean(),
    isEnum: z.boolean(),
    isRegexp: z.boolean(),
    automatedExpansion: z.boolean(),
    allowFuzzyExtraction: z.boolean(),
  })
  .strict();

export const entityEntriesSchema = z.array(z.object({ value: z.string().min(1), synonyms: z.array(z.string().min(1)).min(1) }).strict()).min(1);

export type AgentJson = z.infer<typeof agentSchema>;
export type IntentJson = z.infer<typeof intentSchema>;
export type UserSaysJson = z.infer<typeof userSaysSchema>;
export type EntityJson = z.infer<typeof entitySchema>;
export type EntityEntriesJson = z.infer<typeof entityEntriesSchema>;

/** Which schema a file of the agent answers to, by its path inside the agent folder. */
export function schemaForAgentFile(file: string): z.ZodType {
  if (file === 'agent.json') return agentSchema;
  if (file === 'package.json') return packageSchema;
  if (/^intents\/.+_usersays_[a-z-]+\.json$/.test(file)) return userSaysSchema;
  if (/^intents\/[^/]+\.json$/.test(file)) return intentSchema;
  if (/^entities\/.+_entries_[a-z-]+\.json$/.test(file)) return entityEntriesSchema;
  if (/^entities\/[^/]+\.json$/.test(file)) return entitySchema;
  throw new Error(`not a Dialogflow agent file: ${file}`);
}
