import { applyBasisPoints, type PricedLine } from './money';

/**
 * Discount codes as pure rules: what a code takes off a basket, or why it does not apply. The
 * checkout service reads the code and the basket; the orders domain claims a use at placement.
 */

/** A code as the shopper types or says it ("spring ten", "Spring-10") to the stored form ("SPRING10"). */
export const DISCOUNT_CODE_PATTERN = /^[A-Z0-9]{3,24}$/;

const SPOKEN_DIGITS: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twenty: '20', fifteen: '15', fifty: '50' };

/** Null when what was said or typed cannot be a code (bounded before the regex runs). */
export function normalizeDiscountCode(said: string): string | null {
  if (said.length > 60) return null;
  const words = said.toLowerCase().split(/[\s-]+/).filter(Boolean);
  const code = words.map((word) => SPOKEN_DIGITS[word] ?? word).join('').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return DISCOUNT_CODE_PATTERN.test(code) ? code : null;
}

export type DiscountUsage = { kind: 'once-per-customer' } | { kind: 'capped'; cap: number };

export interface DiscountTerms {
  code: string;
  /** Percent in basis points (1000 = 10 %), or a fixed amount in the shop's currency. */
  kind: 'percent' | 'fixed';
  percentBasisPoints?: number | null;
  amountMinor?: number | null;
  currency: string;
  minimumBasketMinor: number;
  validFrom?: Date | null;
  validUntil?: Date | null;
  /** Limited to these skus or categories; both empty: the whole basket. */
  skus: string[];
  categories: string[];
  usage: DiscountUsage;
  active: boolean;
}

export type DiscountProblem = 'unknown' | 'inactive' | 'not-yet-valid' | 'expired' | 'below-minimum' | 'no-eligible-items' | 'used-up';

export type DiscountOutcome = { ok: true; code: string; amountMinor: number } | { ok: false; code: string; problem: DiscountProblem };

export type DiscountLine = PricedLine & { category?: string };

/** What `terms` take off these lines at `now`: never more than the eligible lines cost. */
export function discountFor(terms: DiscountTerms, lines: readonly DiscountLine[], now: Date): DiscountOutcome {
  const refuse = (problem: DiscountProblem): DiscountOutcome => ({ ok: false, code: terms.code, problem });
  if (!terms.active) return refuse('inactive');
  if (terms.validFrom && now < terms.validFrom) return refuse('not-yet-valid');
  if (terms.validUntil && now >= terms.validUntil) return refuse('expired');
  const subtotal = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  if (subtotal < terms.minimumBasketMinor) return refuse('below-minimum');
  const limited = terms.skus.length > 0 || terms.categories.length > 0;
  const eligible = lines
    .filter((line) => !limited || terms.skus.includes(line.sku) || (line.category !== undefined && terms.categories.includes(line.category)))
    .reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  if (eligible === 0) return refuse('no-eligible-items');
  const amountMinor = terms.kind === 'percent' ? applyBasisPoints(eligible, terms.percentBasisPoints ?? 0) : Math.min(eligible, terms.amountMinor ?? 0);
  return { ok: true, code: terms.code, amountMinor };
}

/** How many uses a claim may bring a code's use log to: its cap, or one per customer. */
export function usageLimit(usage: DiscountUsage): number {
  return usage.kind === 'capped' ? usage.cap : 1;
}
