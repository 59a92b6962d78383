import { createHash } from 'node:crypto';
import { RateSlotModel } from '../../models';
import { appendInSequence, type SequencedEntry } from './sequenced-log';

function hashed(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * Takes one use of an allowance of `limit` per fixed window (e.g. per clock hour): false when this
 * window's uses are all taken. Each use is a unique insert, so parallel callers never exceed the limit,
 * and a lookup is an equality match on one key (at most `limit` rows). The key is hashed, so what is
 * counted (a phone number, an IP address) is not stored in the clear; rows go at the window's end.
 *
 * With a `holder` (an outbox job's key), a holder that already took a use in this window keeps it: a
 * retried send is not counted twice. The window's rows (at most `limit`) are then read once, which also
 * gives the newest one to append after, so the holder costs no extra round trip.
 */
export async function takeRateSlot(counted: string, limit: number, windowMs: number, now: Date, holder?: string): Promise<boolean> {
  if (limit <= 0) return false;
  const bucket = Math.floor(now.getTime() / windowMs);
  const key = hashed(`${counted}|${windowMs}|${bucket}`);
  const expiresAt = new Date((bucket + 1) * windowMs);
  const holderKey = holder === undefined ? undefined : hashed(`${key}|${holder}`);
  const decide = (latest: SequencedEntry | null) => (latest && latest.seq + 1 >= limit ? null : { at: now, expiresAt, holder: holderKey });
  if (holderKey === undefined) return (await appendInSequence(RateSlotModel, { key }, decide)).appended !== null;

  const taken = await RateSlotModel.find({ key }).select({ seq: 1, holder: 1 }).lean();
  if (taken.some((slot) => slot.holder === holderKey)) return true;
  const latest = taken.reduce<SequencedEntry | null>((newest, slot) => (!newest || slot.seq > newest.seq ? slot : newest), null);
  return (await appendInSequence(RateSlotModel, { key }, decide, { latest })).appended !== null;
}
