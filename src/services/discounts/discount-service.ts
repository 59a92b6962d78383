import type { Types } from 'mongoose';
import { discountFor, usageLimit, type DiscountLine, type DiscountOutcome, type DiscountTerms } from '../../core/discount';
import { claimDiscountUse, findDiscount, insertDiscount, releaseDiscountUse, usesOf, type DiscountRecord } from '../../store/discount-store';

/**
 * What the code named takes off these lines now, or why not. Read by equality on the unique code,
 * and only for a cart that has one, so a turn without a code costs nothing more.
 */
export async function priceDiscount(code: string, lines: readonly DiscountLine[], now: Date): Promise<DiscountOutcome> {
  const terms = await findDiscount(code);
  if (!terms) return { ok: false, code, problem: 'unknown' };
  return discountFor(terms, lines, now);
}

/**
 * When a shopper applies a code: its terms on their basket, and whether they (or, for a capped code,
 * everyone) used it up already. The use itself is taken only when the order is placed.
 */
export async function checkDiscountForCustomer(code: string, customerId: Types.ObjectId, lines: readonly DiscountLine[], now: Date): Promise<DiscountOutcome> {
  const terms = await findDiscount(code);
  if (!terms) return { ok: false, code, problem: 'unknown' };
  const outcome = discountFor(terms, lines, now);
  if (!outcome.ok) return outcome;
  if ((await usesOf(terms, customerId)) >= usageLimit(terms.usage)) return { ok: false, code, problem: 'used-up' };
  return outcome;
}

/** Takes a use of the code for an order (idempotent per order); false when it is used up. */
export async function claimDiscount(code: string, customerId: Types.ObjectId, orderRef: string): Promise<boolean> {
  const terms = await findDiscount(code);
  return !!terms && claimDiscountUse(terms, customerId, orderRef);
}

/** Gives back the use an order took (its placement failed, or it was cancelled); nothing when it took none. */
export async function releaseDiscount(code: string, customerId: Types.ObjectId, orderRef: string): Promise<void> {
  const terms = await findDiscount(code);
  if (terms) await releaseDiscountUse(terms, customerId, orderRef);
}

export type NewDiscount = Omit<DiscountTerms, 'active'> & { active?: boolean };

/** A new code; false when one of that name exists. */
export async function createDiscount(terms: NewDiscount): Promise<boolean> {
  return insertDiscount({ ...terms, active: terms.active ?? true });
}

/** The code's terms and, for a capped code, how many uses it has now. */
export async function describeDiscount(code: string): Promise<(DiscountRecord & { used: number | null }) | null> {
  const terms = await findDiscount(code);
  if (!terms) return null;
  return { ...terms, used: terms.usage.kind === 'capped' ? await usesOf(terms, null) : null };
}
