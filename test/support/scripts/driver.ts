import type { Types } from 'mongoose';
import type { Channel } from '../../../src/core/channels';

/**
 * One channel as the customer meets it, driven through the channel's real HTTP endpoint with
 * payloads in the platform's own format. A driver is made per script run, for one customer.
 */
export interface ScriptDriver {
  readonly channel: Channel;
  /** Voice channels hear speech; the others see messages. */
  readonly voice: boolean;
  /** The customer's id on this platform (a PSID, a phone number, an Alexa user id, …). */
  readonly externalId: string;
  /** Called first, for a channel whose session creates the customer (web chat); `externalId` is known after it. */
  open?(): Promise<void>;
  /** Called once the customer exists, before the first turn (e.g. to link an Alexa account). */
  prepare?(customerId: Types.ObjectId): Promise<void>;
  /** The customer says or types this. */
  say(text: string): Promise<void>;
  /** The customer picks one of the choices the last output offered, by label or 1-based position. */
  pick(choice: string | number): Promise<void>;
  /** What the customer saw or heard in answer to the last turn, as plain text. */
  lastOutput(): string;
  /** Checks at the end of a run (every declared third-party fake was used). */
  finish?(): void;
}

/** The choice a label or a 1-based position names among those offered, or an error naming what was offered. */
export function chooseAmong<T>(offered: { label: string; value: T }[], choice: string | number, output: string): T {
  const found = typeof choice === 'number' ? offered[choice - 1] : (offered.find((o) => o.label.toLowerCase() === choice.toLowerCase()) ?? offered.find((o) => o.label.toLowerCase().startsWith(choice.toLowerCase())));
  if (!found) throw new Error(`no choice ${JSON.stringify(choice)} among [${offered.map((o) => o.label).join(', ')}] in: ${output}`);
  return found.value;
}

export function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Choices written as numbered text: "Reply 1 for Yes, 2 for No." or one "N) Label" line each. */
export function numberedChoices(body: string): { label: string; value: string }[] {
  const inline = /Reply (\d+ for [^.]+)\.?\s*$/m.exec(body);
  if (inline) {
    return inline[1]!.split(', ').map((part) => {
      const [, digit, label] = /^(\d+) for (.+)$/.exec(part.trim())!;
      return { label: label!, value: digit! };
    });
  }
  return [...body.matchAll(/^(\d+)\) (.+)$/gm)].map((match) => ({ label: match[2]!.trim(), value: match[1]! }));
}
