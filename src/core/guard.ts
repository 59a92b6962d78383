import { createHash } from 'node:crypto';
import type { ErrorCode } from './errors';
import type { PricedLine, Totals } from './money';

/**
 * The purchase guard: the policy every order passes through on every channel. Pure decisions
 * only; the checkout service does the I/O (reading the cart, checking a code, placing the order).
 */

export type VoiceCodeReason = 'customer-set-code' | 'threshold' | 'unrecognized-speaker' | 'kid-mode' | 'unproven-caller';

export interface GuardContext {
  voice: boolean;
  /** The voice platform recognized who is speaking (Alexa `context.System.person`). */
  speakerRecognized: boolean;
  kidMode: boolean;
  customerHasVoiceCode: boolean;
  totalMinor: number;
  voiceCodeThresholdMinor: number;
  /** The channel cannot tell who is writing (a Dialogflow session id is the caller's choice): the code proves the shopper, by voice or text. */
  channelRequiresCode?: boolean;
}

/** Why this order needs the voice code; empty when it does not. Voice orders, and any order on a channel that cannot tell who is writing. */
export function voiceCodeReasons(context: GuardContext): VoiceCodeReason[] {
  const reasons: VoiceCodeReason[] = context.channelRequiresCode ? ['unproven-caller'] : [];
  if (!context.voice) return reasons;
  if (context.customerHasVoiceCode) reasons.push('customer-set-code');
  if (context.totalMinor >= context.voiceCodeThresholdMinor) reasons.push('threshold');
  if (!context.speakerRecognized) reasons.push('unrecognized-speaker');
  if (context.kidMode) reasons.push('kid-mode');
  return reasons;
}

export interface RestrictedProduct {
  sku: string;
  name: string;
  restrictions?: { minimumAge?: number | null; notSoldByVoice?: boolean | null; reason?: string | null } | null;
}

export interface RestrictionProblem {
  sku: string;
  name: string;
  code: Extract<ErrorCode, 'RESTRICTED_BY_VOICE' | 'AGE_VERIFICATION_REQUIRED'>;
  reason: string;
}

export function restrictionProblems(products: readonly RestrictedProduct[], context: { voice: boolean; customerAge: number | null }): RestrictionProblem[] {
  const problems: RestrictionProblem[] = [];
  for (const product of products) {
    const restrictions = product.restrictions;
    if (!restrictions) continue;
    if (context.voice && restrictions.notSoldByVoice) {
      problems.push({ sku: product.sku, name: product.name, code: 'RESTRICTED_BY_VOICE', reason: restrictions.reason ?? 'it cannot be ordered by voice' });
    } else if (restrictions.minimumAge && (context.customerAge === null || context.customerAge < restrictions.minimumAge)) {
      problems.push({ sku: product.sku, name: product.name, code: 'AGE_VERIFICATION_REQUIRED', reason: `you must be ${restrictions.minimumAge} or older` });
    }
  }
  return problems;
}

export function ageOn(birthDate: Date | null | undefined, now: Date): number | null {
  if (!birthDate) return null;
  let age = now.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday = now.getUTCMonth() < birthDate.getUTCMonth() || (now.getUTCMonth() === birthDate.getUTCMonth() && now.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

export interface SpendingLimits {
  perOrderMinor: number;
  perDayMinor: number;
}

export function limitProblem(totalMinor: number, spentTodayMinor: number, limits: SpendingLimits): Extract<ErrorCode, 'ORDER_LIMIT_EXCEEDED' | 'DAILY_LIMIT_EXCEEDED'> | null {
  if (totalMinor > limits.perOrderMinor) return 'ORDER_LIMIT_EXCEEDED';
  if (spentTodayMinor + totalMinor > limits.perDayMinor) return 'DAILY_LIMIT_EXCEEDED';
  return null;
}

/**
 * What a confirmation is bound to: every line (sku, quantity, price) and every total. Any change to
 * the basket or its prices changes the fingerprint, and the old confirmation no longer counts.
 */
export function basketFingerprint(lines: readonly PricedLine[], totals: Totals): string {
  const canonical = [...lines]
    .sort((a, b) => a.sku.localeCompare(b.sku))
    .map((line) => `${line.sku}x${line.quantity}@${line.unitPriceMinor}`)
    .join('|');
  // A discount is part of what is confirmed; a basket without one keeps the fingerprint it always had.
  const discount = totals.discountCode ? `:${totals.discountCode}-${totals.discountMinor ?? 0}` : '';
  return createHash('sha256').update(`${canonical}#${totals.currency}:${totals.subtotalMinor}${discount}:${totals.taxMinor}:${totals.deliveryFeeMinor}:${totals.totalMinor}`).digest('base64url');
}

export const MAX_VOICE_CODE_ATTEMPTS = 3;
/** A read-back older than this is stale: prices or stock may have moved, so read it back again. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

export type GuardState =
  | { step: 'awaiting-confirmation'; fingerprint: string; codeReasons: VoiceCodeReason[]; issuedAt: number }
  | { step: 'awaiting-code'; fingerprint: string; codeReasons: VoiceCodeReason[]; issuedAt: number };

export type GuardEvent =
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'silence' }
  | { type: 'other-intent' }
  | { type: 'code-checked'; outcome: 'right' | 'wrong' | 'locked' };

export type GuardOutcome =
  | { result: 'ask-code'; state: GuardState }
  | { result: 'approved' }
  | { result: 'code-wrong'; state: GuardState }
  | { result: 'code-locked' }
  | { result: 'cancelled'; why: 'declined' | 'silence' | 'changed-subject' }
  | { result: 'stale' };

/** Whether a read-back is too old for its yes (CONFIRMATION_TTL_MS), whatever the basket did since. */
export function readBackExpired(state: Pick<GuardState, 'issuedAt'>, now: number): boolean {
  return now - state.issuedAt > CONFIRMATION_TTL_MS;
}

/**
 * One step of the guard. The basket's current fingerprint is passed in so a change made after the
 * read-back (on any channel) is caught at the moment of saying yes or giving the code.
 */
export function advanceGuard(state: GuardState, event: GuardEvent, current: { fingerprint: string; now: number }): GuardOutcome {
  if (event.type === 'no') return { result: 'cancelled', why: 'declined' };
  if (event.type === 'silence') return { result: 'cancelled', why: 'silence' };
  if (event.type === 'other-intent') return { result: 'cancelled', why: 'changed-subject' };
  if (state.fingerprint !== current.fingerprint || readBackExpired(state, current.now)) return { result: 'stale' };

  if (state.step === 'awaiting-confirmation') {
    if (event.type !== 'yes') return { result: 'stale' };
    if (state.codeReasons.length > 0) return { result: 'ask-code', state: { ...state, step: 'awaiting-code' } };
    return { result: 'approved' };
  }

  if (event.type !== 'code-checked') return { result: 'ask-code', state };
  if (event.outcome === 'right') return { result: 'approved' };
  if (event.outcome === 'locked') return { result: 'code-locked' };
  return { result: 'code-wrong', state };
}
