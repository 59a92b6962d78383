import { z } from 'zod';

/**
 * The parts of Amazon's interaction model schema certify reads, checked as Amazon documents them
 * (Interaction Model Schema). Fields we do not read (modelConfiguration, valueSupplier, …) are let through.
 */

/** Intent names: letters and underscores, or AMAZON.<Name> for built-ins. */
const intentName = z.string().regex(/^(AMAZON\.[A-Za-z_]+|[A-Za-z_]+)$/, 'intent names use letters and underscores only (built-ins start with AMAZON.)');
/** Slot names: a letter first, then letters, digits and underscores. */
const slotName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'slot names start with a letter and use letters, digits and underscores');
const sample = z.string().trim().min(1, 'a sample utterance is empty');

const slot = z.object({ name: slotName, type: z.string().min(1), samples: z.array(sample).optional() });

const slotValue = z.object({
  id: z.string().optional(),
  name: z.object({ value: z.string().trim().min(1), synonyms: z.array(z.string().trim().min(1)).optional() }),
});

const dialogSlot = z.object({
  name: slotName,
  type: z.string().min(1),
  elicitationRequired: z.boolean().optional(),
  confirmationRequired: z.boolean().optional(),
  prompts: z.object({ elicitation: z.string().optional(), confirmation: z.string().optional() }).optional(),
});

export const interactionModelFileSchema = z.object({
  interactionModel: z.object({
    languageModel: z.object({
      invocationName: z.string().min(1),
      intents: z.array(z.object({ name: intentName, slots: z.array(slot).optional(), samples: z.array(sample).optional() })).min(1),
      types: z.array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'custom slot type names use letters, digits and underscores'), values: z.array(slotValue) })).optional(),
    }),
    dialog: z
      .object({
        delegationStrategy: z.enum(['ALWAYS', 'SKILL_RESPONSE']).optional(),
        intents: z.array(
          z.object({
            name: intentName,
            delegationStrategy: z.enum(['ALWAYS', 'SKILL_RESPONSE']).optional(),
            confirmationRequired: z.boolean().optional(),
            prompts: z.object({ confirmation: z.string().optional() }).optional(),
            slots: z.array(dialogSlot).optional(),
          }),
        ),
      })
      .optional(),
    prompts: z.array(z.object({ id: z.string().min(1), variations: z.array(z.object({ type: z.enum(['PlainText', 'SSML']), value: z.string() })) })).optional(),
  }),
});

export type InteractionModelFile = z.infer<typeof interactionModelFileSchema>;
export type ModelIntent = InteractionModelFile['interactionModel']['languageModel']['intents'][number];
