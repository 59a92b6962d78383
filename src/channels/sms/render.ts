import type { Reply } from '../../conversation/turn';
import { renderNumberedText, type NumberedChoice, type NumberedRendering } from '../numbered-text';
import { analyzeSms, fitToSegments, transliterateToGsm } from './segments';

/**
 * A neutral Reply as one SMS body within a segment budget: the shared numbered-text layout
 * (channels/numbered-text.ts: text, card lines, numbered choices, the order things are dropped in),
 * measured in SMS segments.
 *
 * - Silent → body '' (nothing to send).
 * - Typographic punctuation (curly quotes, dashes, ellipsis, middle dots and bullets, no-break space) is folded to GSM-7
 *   equivalents (like Twilio's Smart Encoding), so one curly apostrophe does not halve the capacity.
 *   Cards use " - " rather than an em dash for the same reason.
 * - The text is trimmed at a word boundary with '...' (GSM-7) so options stay whole.
 */

export interface SmsRenderOptions {
  /** Most segments the body may use (Twilio bills per segment; 10 = 1530 GSM-7 chars). */
  segmentBudget: number;
  /** Letters outside GSM-7 lose their diacritics (SMS_TRANSLITERATE). */
  transliterate?: boolean;
}

export type SmsChoice = NumberedChoice;
export type SmsRendering = NumberedRendering;

const GSM_FOLD: [RegExp, string][] = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[‐‑‒–—―−]/g, '-'],
  [/…/g, '...'],
  [/[·•∙]/g, '-'],
  [/[\u00a0\u2007\u202f\u2009\u200a]/g, ' '],
  [/\u200b|\u200c|\u200d|\u2060|\ufeff/g, ''],
];

export function foldToGsm(text: string): string {
  return GSM_FOLD.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/**
 * A question the shopper answers yes or no to (a purchase read-back above all, or a consent ask) is
 * never trimmed: its lines, total and question, or its consent wording, are what the yes agrees to. It may use up to 10 segments, the most
 * SMS_SEGMENT_BUDGET itself allows (Twilio refuses a body over 1,600 characters), whatever the budget
 * is set to; in UCS-2 (ã, ç, ł, ș) a read-back outgrows the default 4 segments. So may a reply that
 * carries a link (a payment or card-setup page): a cut address opens nothing.
 */
const CONFIRMATION_SEGMENT_BUDGET = 10;

export function renderSms(reply: Reply, options: SmsRenderOptions): SmsRendering {
  const configured = Math.max(0, Math.floor(options.segmentBudget));
  const budget = reply.confirmation || reply.consentAsk || reply.link ? Math.max(configured, CONFIRMATION_SEGMENT_BUDGET) : configured;
  return renderNumberedText(reply, {
    fits: (body) => analyzeSms(body).segments <= budget,
    fitText: (text, suffix) => fitToSegments(text, budget, { suffix }),
    clean: options.transliterate ? (text) => transliterateToGsm(foldToGsm(text)) : foldToGsm,
  });
}
