import type { Types } from 'mongoose';
import { MAX_VOICE_CODE_ATTEMPTS } from '../../core/guard';
import { hashVoiceCode, isWellFormedVoiceCode, voiceCodeMatches } from '../../core/voice-code';
import { findCustomer, invalidateVoiceCode, releaseVoiceCodeAttempt, storeVoiceCode, takeVoiceCodeAttempt, type CustomerRecord } from '../../store/customer-store';

export type VoiceCodeCheck = { outcome: 'right' } | { outcome: 'wrong'; attemptsLeft: number } | { outcome: 'locked' } | { outcome: 'not-set' };

export function hasUsableVoiceCode(customer: CustomerRecord): boolean {
  return !!customer.voiceCode?.hash && !customer.voiceCode.invalidatedAt;
}

/**
 * Checks a spoken code. Each guess first takes one of three numbered attempts on an append-only log
 * per code, and only then is compared: so of any number of parallel guesses at most three are ever
 * compared, the rest are refused unheard, and three wrong codes invalidate it (after that even the
 * right code is refused). A right guess gives its attempt back.
 */
export async function checkVoiceCode(customerId: Types.ObjectId, code: string, pepper: string, now = new Date()): Promise<VoiceCodeCheck> {
  const customer = await findCustomer(customerId);
  const stored = customer?.voiceCode;
  if (!customer || !stored?.hash || !stored.salt || !stored.setAt) return { outcome: 'not-set' };
  if (stored.invalidatedAt) return { outcome: 'locked' };
  const attempt = await takeVoiceCodeAttempt(customerId, stored.setAt, MAX_VOICE_CODE_ATTEMPTS, now);
  if (attempt === null) {
    await invalidateVoiceCode(customerId, now);
    return { outcome: 'locked' };
  }
  if (isWellFormedVoiceCode(code) && (await voiceCodeMatches(code, { hash: stored.hash, salt: stored.salt }, pepper))) {
    await releaseVoiceCodeAttempt(customerId, stored.setAt, attempt);
    return { outcome: 'right' };
  }
  const wrongSoFar = attempt + 1;
  if (wrongSoFar >= MAX_VOICE_CODE_ATTEMPTS) {
    await invalidateVoiceCode(customerId, now);
    return { outcome: 'locked' };
  }
  return { outcome: 'wrong', attemptsLeft: MAX_VOICE_CODE_ATTEMPTS - wrongSoFar };
}

export type SetVoiceCodeResult = { ok: true } | { ok: false; code: 'VALIDATION_FAILED' };

/** Sets (or replaces) the code: a new code starts with no wrong attempts against it. */
export async function setVoiceCode(customerId: Types.ObjectId, code: string, pepper: string, now = new Date()): Promise<SetVoiceCodeResult> {
  if (!isWellFormedVoiceCode(code)) return { ok: false, code: 'VALIDATION_FAILED' };
  await storeVoiceCode(customerId, await hashVoiceCode(code, pepper), now);
  return { ok: true };
}
