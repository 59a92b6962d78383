import type { Types } from 'mongoose';
import { SpendLedgerModel, type SpendLedgerEntry } from '../../models';
import type { LocalDate } from '../core/dates';
import { appendInSequence, latestEntry } from './sequenced-log';

/** A day's spend as someone read it: the newest entry's seq and running total (null seq: nothing spent that day then). */
export interface SpendHead {
  seq: number | null;
  spentMinor: number;
}

type KnownSpend = Pick<SpendLedgerEntry, 'seq' | 'spentMinor'>;

export function spendDayOf(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** What the customer has been charged on `day` so far, and where that day's log stands: its newest entry. */
export async function spendHeadOn(customerId: Types.ObjectId, day: string): Promise<SpendHead> {
  const latest = await latestEntry(SpendLedgerModel, { customerId, day });
  return { seq: latest?.seq ?? null, spentMinor: latest?.spentMinor ?? 0 };
}

/**
 * Charges an order to the day only if the day's total stays within `perDayMinor`; decided on the
 * newest entry, so racing placements cannot both slip under the limit. From `head` (the day's log as
 * the read-back saw it) the charge is one insert when nothing was charged since; an order charged
 * meanwhile (on another channel) takes that seq, and the charge is decided again on it.
 */
export async function chargeSpend(customerId: Types.ObjectId, day: string, orderRef: string, amountMinor: number, perDayMinor: number, head?: SpendHead): Promise<{ charged: boolean; spentMinor: number }> {
  const from = head ? { latest: head.seq === null ? null : { seq: head.seq, spentMinor: head.spentMinor } } : undefined;
  const { appended, latest } = await appendInSequence<SpendLedgerEntry, KnownSpend>(
    SpendLedgerModel,
    { customerId, day },
    (latest) => {
      const spent = latest?.spentMinor ?? 0;
      if (spent + amountMinor > perDayMinor) return null;
      return { orderRef, deltaMinor: amountMinor, spentMinor: spent + amountMinor, at: new Date() };
    },
    from,
  );
  return { charged: appended !== null, spentMinor: appended?.spentMinor ?? latest?.spentMinor ?? 0 };
}

/** What an order is charged on its day now: its charge less any credit (0 when never charged or given back). */
export async function chargedToOrder(customerId: Types.ObjectId, day: string, orderRef: string): Promise<number> {
  const entries = await SpendLedgerModel.find({ customerId, day, orderRef }).select({ deltaMinor: 1 }).lean();
  return entries.reduce((sum, entry) => sum + entry.deltaMinor, 0);
}

/**
 * Gives back what a failed or cancelled order was charged, if it still is (an order the limit refused,
 * one a crash stopped before its charge, or one already credited is not), so a repeat credits nothing.
 */
export async function creditSpend(customerId: Types.ObjectId, day: string, orderRef: string): Promise<void> {
  const amountMinor = await chargedToOrder(customerId, day, orderRef);
  if (amountMinor <= 0) return;
  await appendInSequence<SpendLedgerEntry>(SpendLedgerModel, { customerId, day }, (latest) => {
    const spent = latest?.spentMinor ?? 0;
    return { orderRef, deltaMinor: -amountMinor, spentMinor: Math.max(0, spent - amountMinor), at: new Date() };
  });
}
