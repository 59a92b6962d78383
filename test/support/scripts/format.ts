import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { isRegisteredChannel } from '../../../src/channels/registry';
import type { Channel } from '../../../src/core/channels';

/**
 * A conversation script (test/scripts/*.yaml): one conversation that every channel must carry.
 *
 * ```yaml
 * name: order
 * setup:
 *   customer: returning        # new (default): no orders, an address on file; returning: also a past order
 *   voiceCode: "4321"          # optional: the customer has set this voice code
 *   stock: { COF-001: 0 }      # optional: stock levels by sku before the conversation
 * locale: pt-BR                # optional (en-US): the shopper's language
 * channels: [whatsapp, sms]    # optional (every channel): the channels that serve that language
 * steps:
 *   - user: add 2 colombian coffee          # what the customer says or types
 *     expect: Added 2 Colombian Coffee      # a regex (case-insensitive), or a list of them, all matched
 *   - pick: Yes                             # a choice offered by the last reply, by label or 1-based index
 *     expect: ^Done\.
 *     state: { order: placed, orders: 1, cart: empty }
 *     on:                                   # rare: where a channel (or every voice/text channel) genuinely differs
 *       voice: { expect: voice code, state: { orders: 0 } }
 *   - user: "4321"
 *     only: voice                           # rarer still: a step only some channels have
 *     expect: ^Done\.
 * ```
 *
 * `expect` is matched against what the customer sees or hears on the channel: the spoken text on
 * voice (SSML tags dropped), every message sent in answer on messaging channels (buttons and
 * options included). `state` is checked in the database for this run's customer.
 */

const patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));

const stateSchema = z
  .object({
    /** The status of the customer's newest order, or `none` when they have none. */
    order: z.enum(['none', 'pending', 'placed', 'cancelled', 'failed']).optional(),
    /** How many orders the customer has (any status), the setup's past order included. */
    orders: z.number().int().min(0).optional(),
    /** `empty`, or the number of units in the cart. */
    cart: z.union([z.literal('empty'), z.number().int().min(1)]).optional(),
    /** The customer's newest marketing consent on this channel (or on every channel). */
    consent: z.enum(['opted-in', 'opted-out', 'unset']).optional(),
    /** Stock left for a sku. */
    stock: z.record(z.string(), z.number().int().min(0)).optional(),
    /** The language kept on the customer. */
    locale: z.string().optional(),
  })
  .strict();

const stepFields = {
  user: z.string().min(1).optional(),
  pick: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
  expect: patterns.optional(),
  /** Patterns that must NOT match. */
  reject: patterns.optional(),
  state: stateSchema.optional(),
};

const overrideSchema = z.object(stepFields).strict();
/** A registered channel's id, or every voice or every text channel. */
const overrideKey = z.string().refine((key) => key === 'voice' || key === 'text' || isRegisteredChannel(key), { error: (issue) => `not a channel id, voice or text: ${String(issue.input)}` });

const stepSchema = z
  .object({
    ...stepFields,
    on: z.record(overrideKey, overrideSchema).optional(),
    /** A step only some channels have (the voice code is asked on voice only). */
    only: z.union([overrideKey, z.array(overrideKey).min(1)]).optional(),
  })
  .strict()
  .refine((step) => (step.user === undefined) !== (step.pick === undefined), { message: 'a step has exactly one of `user` or `pick`' });

export const scriptSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** The shopper's language: the Alexa request locale and the web chat session's; other channels find it in the first message. */
    locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/).default('en-US'),
    /** The channels that serve the script's language; every channel when absent. */
    channels: z.array(z.string().refine(isRegisteredChannel, { error: (issue) => `not a channel id: ${String(issue.input)}` })).min(1).optional(),
    setup: z
      .object({
        customer: z.enum(['new', 'returning']).default('new'),
        voiceCode: z.string().regex(/^\d{4}$/).optional(),
        stock: z.record(z.string(), z.number().int().min(0)).optional(),
      })
      .strict()
      .default({ customer: 'new' }),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type ConversationScript = z.infer<typeof scriptSchema>;
export type ScriptStep = z.infer<typeof stepSchema>;
export type StateExpectation = z.infer<typeof stateSchema>;

/** A step as it runs on one channel: the channel's override first, then voice/text, then the step itself. */
export function stepOn(step: ScriptStep, channel: Channel, voice: boolean): Omit<ScriptStep, 'on' | 'only'> | null {
  const { on, only, ...base } = step;
  if (only !== undefined && ![only].flat().some((key) => key === channel || key === (voice ? 'voice' : 'text'))) return null;
  const group = on?.[voice ? 'voice' : 'text'] ?? {};
  const own = on?.[channel] ?? {};
  const merged = { ...base, ...group, ...own };
  // An override that says something different replaces the other way of saying it.
  if ((group.user ?? own.user) !== undefined && (group.pick ?? own.pick) === undefined) delete merged.pick;
  if ((group.pick ?? own.pick) !== undefined && (group.user ?? own.user) === undefined) delete merged.user;
  return merged;
}

export function loadScripts(folder: string): ConversationScript[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      let document: unknown;
      try {
        document = parse(readFileSync(path.join(folder, file), 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
      }
      const parsed = scriptSchema.safeParse(document);
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}
