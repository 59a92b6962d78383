/**
 * Twilio's default SMS keywords (long codes and toll-free; Advanced Opt-Out can customize them).
 * Twilio itself handles these before the webhook for its default behaviour: this classifier lets the
 * app record consent and avoid answering them as commerce turns. Whole message only: "stop please"
 * or "stop the order" is not a keyword.
 *
 * Caution: YES is also how a customer confirms a purchase. Treat 'opt-in' as consent only when the
 * number is currently opted out; otherwise hand YES on as an ordinary turn (Twilio forwards it too).
 */

export type SmsKeywordKind = 'opt-out' | 'opt-in' | 'help';

export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

const KEYWORDS = new Map<string, SmsKeywordKind>([
  ...OPT_OUT_KEYWORDS.map((word) => [word, 'opt-out'] as const),
  ...OPT_IN_KEYWORDS.map((word) => [word, 'opt-in'] as const),
  ...HELP_KEYWORDS.map((word) => [word, 'help'] as const),
]);

export function classifyKeyword(body: string | null | undefined): SmsKeywordKind | null {
  if (!body) return null;
  return KEYWORDS.get(body.trim().toUpperCase()) ?? null;
}
