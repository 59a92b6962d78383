import { InboundLeaseModel } from '../../models';
import { appendInSequence } from './sequenced-log';
import { HOUR_MS } from './time-buckets';

/**
 * A named lease held by one worker in any number of processes: a customer's inbound lane
 * (`<channel>:<user>`) or a maintenance job (`maintenance:<job>`). Each lease is a log (unique
 * (lane, seq), store/sequenced-log.ts): taking it appends 'claimed' only when the latest entry is no
 * live claim, so of several racing workers exactly one wins; a claim past `leaseUntil` belongs to a
 * crashed worker and may be taken over. The log lives in the `InboundLease` collection, which is
 * where the inbound lanes first kept it.
 */

/** A lease log is only needed while a lease may be live; the sweeper trims it after this. */
const LEASE_MEMORY_MS = 24 * HOUR_MS;

/** The log entry of a claim held from `now` for `leaseMs`. */
function claimed(owner: string, now: Date, leaseMs: number) {
  return { outcome: 'claimed', owner, leaseUntil: new Date(now.getTime() + leaseMs), at: now, expiresAt: new Date(now.getTime() + LEASE_MEMORY_MS) };
}

/** Takes the lease for `leaseMs` if no live claim holds it; false when another owner does. */
export async function takeLease(name: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const { appended } = await appendInSequence(InboundLeaseModel, { lane: name }, (latest) => {
    if (latest?.outcome === 'claimed' && latest.leaseUntil && latest.leaseUntil > now) return null;
    return claimed(owner, now, leaseMs);
  });
  return appended !== null;
}

/**
 * Keeps a lease for another `leaseMs` from `now`, if this owner's claim is still the latest and live:
 * false when it ran out and another owner took it over (the work under it should stop).
 */
export async function renewLease(name: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const { appended } = await appendInSequence(InboundLeaseModel, { lane: name }, (latest) => {
    if (latest?.outcome !== 'claimed' || latest.owner !== owner || !latest.leaseUntil || latest.leaseUntil <= now) return null;
    return claimed(owner, now, leaseMs);
  });
  return appended !== null;
}

/** Gives the lease back, if this owner's claim is still the latest (a claim taken over after expiry is left alone). */
export async function giveBackLease(name: string, owner: string, now: Date): Promise<void> {
  await appendInSequence(InboundLeaseModel, { lane: name }, (latest) =>
    latest?.outcome === 'claimed' && latest.owner === owner ? { outcome: 'released', owner, at: now, expiresAt: new Date(now.getTime() + LEASE_MEMORY_MS) } : null,
  );
}
