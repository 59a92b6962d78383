import { createHash } from 'node:crypto';
import { RateSlotModel } from '../../models';
import { appendInSequence } from './sequenced-log';

/**
 * Takes one use of an allowance of `limit` per fixed window (e.g. per clock hour): false when this
 * window's uses are all taken. Each use is a unique insert, so parallel callers never exceed the limit,
 * and a lookup is an equality match on one key (at most `limit` rows). The key is hashed, so what is
 * counted (a phone number, an IP address) is not stored in the clear; rows go at the window's end.
 */
export async function takeRateSlot(counted: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  if (limit <= 0) return false;
  const bucket = Math.floor(now.getTime() / windowMs);
  const key = createHash('sha256').update(`${counted}|${windowMs}|${bucket}`).digest('base64url');
  const expiresAt = new Date((bucket + 1) * windowMs);
  const { appended } = await appendInSequence(RateSlotModel, { key }, (latest) => (latest && latest.seq + 1 >= limit ? null : { at: now, expiresAt }));
  return appended !== null;
}
