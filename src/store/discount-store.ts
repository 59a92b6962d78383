import type { Types } from 'mongoose';
import { DiscountCodeModel, DiscountUseModel, type DiscountUseEntry } from '../../models';
import { usageLimit, type DiscountTerms } from '../core/discount';
import { insertOnce } from './insert-once';
import { appendInSequence, latestEntry } from './sequenced-log';

export type DiscountRecord = DiscountTerms & { createdAt?: Date };

type StoredDiscount = {
  code: string;
  kind: string;
  percentBasisPoints?: number | null;
  amountMinor?: number | null;
  currency: string;
  minimumBasketMinor: number;
  validFrom?: Date | null;
  validUntil?: Date | null;
  skus: string[];
  categories: string[];
  usage: string;
  usageCap?: number | null;
  active: boolean;
  createdAt?: Date;
};

function toRecord(stored: StoredDiscount): DiscountRecord {
  return {
    code: stored.code,
    kind: stored.kind as DiscountTerms['kind'],
    percentBasisPoints: stored.percentBasisPoints ?? null,
    amountMinor: stored.amountMinor ?? null,
    currency: stored.currency,
    minimumBasketMinor: stored.minimumBasketMinor,
    validFrom: stored.validFrom ?? null,
    validUntil: stored.validUntil ?? null,
    skus: stored.skus,
    categories: stored.categories,
    usage: stored.usage === 'capped' ? { kind: 'capped', cap: stored.usageCap ?? 0 } : { kind: 'once-per-customer' },
    active: stored.active,
    createdAt: stored.createdAt,
  };
}

/** The code's terms by its unique code (equality), or null. */
export async function findDiscount(code: string): Promise<DiscountRecord | null> {
  const stored = await DiscountCodeModel.findOne({ code }).lean();
  return stored && toRecord(stored as StoredDiscount);
}

/** False when a code with that name exists already. */
export async function insertDiscount(terms: DiscountTerms): Promise<boolean> {
  const { usage, ...rest } = terms;
  // An absent term is left out, not stored as null.
  const present = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined));
  return insertOnce(DiscountCodeModel, { ...present, usage: usage.kind, usageCap: usage.kind === 'capped' ? usage.cap : undefined });
}

export async function setDiscountActive(code: string, active: boolean): Promise<boolean> {
  const result = await DiscountCodeModel.updateOne({ code }, { $set: { active } });
  return result.matchedCount > 0;
}

function scopeOf(terms: Pick<DiscountTerms, 'code' | 'usage'>, customerId: Types.ObjectId | null): { scope: string; customerId?: Types.ObjectId } {
  if (terms.usage.kind === 'capped') return { scope: terms.code };
  if (!customerId) throw new Error(`code ${terms.code} is used once per customer: its uses need the customer`);
  return { scope: `${terms.code}:${customerId.toHexString()}`, customerId };
}

type KnownUse = Pick<DiscountUseEntry, 'seq' | 'used'>;

/**
 * Takes one use of the code for an order (its placement key), decided on the log's newest entry so
 * racing buyers never pass the cap. Taking it again for the same order is a no-op that says yes.
 */
export async function claimDiscountUse(terms: Pick<DiscountTerms, 'code' | 'usage'>, customerId: Types.ObjectId, orderRef: string): Promise<boolean> {
  if ((await heldByOrder(terms.code, orderRef)) > 0) return true;
  const { scope, customerId: owner } = scopeOf(terms, customerId);
  const limit = usageLimit(terms.usage);
  const { appended } = await appendInSequence<DiscountUseEntry, KnownUse>(DiscountUseModel, { scope }, (latest) => {
    const used = latest?.used ?? 0;
    if (used >= limit) return null;
    return { code: terms.code, customerId: owner, orderRef, delta: 1, used: used + 1, at: new Date() };
  });
  return appended !== null;
}

/** The uses an order holds of a code now: 1 once claimed, 0 never claimed or given back. */
async function heldByOrder(code: string, orderRef: string): Promise<number> {
  const entries = await DiscountUseModel.find({ orderRef, code }).select({ delta: 1 }).lean();
  return entries.reduce((sum, entry) => sum + entry.delta, 0);
}

/** Gives back the use an order holds (a failed placement, a cancellation); a repeat gives nothing. */
export async function releaseDiscountUse(terms: Pick<DiscountTerms, 'code' | 'usage'>, customerId: Types.ObjectId, orderRef: string): Promise<void> {
  if ((await heldByOrder(terms.code, orderRef)) <= 0) return;
  const { scope, customerId: owner } = scopeOf(terms, customerId);
  await appendInSequence<DiscountUseEntry, KnownUse>(DiscountUseModel, { scope }, (latest) => ({
    code: terms.code,
    customerId: owner,
    orderRef,
    delta: -1,
    used: Math.max(0, (latest?.used ?? 1) - 1),
    at: new Date(),
  }));
}

/**
 * The uses counted against the limit: all of a capped code's (customerId may be null), or this
 * customer's of a code once per customer. The log's newest entry, read newest-first: a capped code's
 * log holds about two entries per use at most, so it stays as small as its cap.
 */
export async function usesOf(terms: Pick<DiscountTerms, 'code' | 'usage'>, customerId: Types.ObjectId | null): Promise<number> {
  if (terms.usage.kind !== 'capped' && !customerId) return 0;
  const { scope } = scopeOf(terms, customerId);
  return (await latestEntry(DiscountUseModel, { scope }))?.used ?? 0;
}

