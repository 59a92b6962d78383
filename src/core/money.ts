/** Money is an integer count of minor units plus an ISO 4217 currency; never a float. */
export interface Money {
  minor: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** "$12.99": for text channels. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}

const SPOKEN_UNITS: Record<string, [major: string, majorPlural: string, minor: string, minorPlural: string]> = {
  USD: ['dollar', 'dollars', 'cent', 'cents'],
  CAD: ['Canadian dollar', 'Canadian dollars', 'cent', 'cents'],
  AUD: ['Australian dollar', 'Australian dollars', 'cent', 'cents'],
  GBP: ['pound', 'pounds', 'penny', 'pence'],
  EUR: ['euro', 'euros', 'cent', 'cents'],
};

/**
 * "12 dollars and 99 cents": what a voice assistant should say, unambiguous where "$12.99" may be read oddly.
 * Other languages get Intl's currency name in their own grammar ("12,50 dolara amerykańskiego").
 */
export function speakMoney(minor: number, currency: string, locale = 'en-US'): string {
  const units = SPOKEN_UNITS[currency];
  if (!locale.toLowerCase().startsWith('en')) {
    const digits = minorDigits(currency);
    const fraction = minor % 10 ** digits === 0 ? 0 : digits;
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name', minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(minor / 10 ** digits);
  }
  if (!units) return formatMoney(minor, currency);
  const digits = minorDigits(currency);
  const major = Math.floor(minor / 10 ** digits);
  const cents = minor % 10 ** digits;
  const majorPart = `${major} ${major === 1 ? units[0] : units[1]}`;
  if (cents === 0) return majorPart;
  const minorPart = `${cents} ${cents === 1 ? units[2] : units[3]}`;
  return major === 0 ? minorPart : `${majorPart} and ${minorPart}`;
}

/** Round half up, in integers only: tax on 1999 at 825 bp is 164.9175 -> 165. */
export function applyBasisPoints(minor: number, basisPoints: number): number {
  return Math.floor((minor * basisPoints + 5000) / 10000);
}

export interface PricingPolicy {
  currency: string;
  taxRateBasisPoints: number;
  deliveryFeeMinor: number;
  freeDeliveryFromMinor: number;
}

export interface PricedLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface Totals {
  currency: string;
  subtotalMinor: number;
  /** A discount code's amount off the subtotal (0 or absent: none); tax and delivery follow the discounted subtotal. */
  discountMinor?: number;
  discountCode?: string;
  taxMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
}

export function computeTotals(lines: readonly PricedLine[], policy: PricingPolicy, discount?: { code: string; amountMinor: number }): Totals {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const discountMinor = Math.min(discount?.amountMinor ?? 0, subtotalMinor);
  const payable = subtotalMinor - discountMinor;
  const taxMinor = applyBasisPoints(payable, policy.taxRateBasisPoints);
  const deliveryFeeMinor = subtotalMinor === 0 || payable >= policy.freeDeliveryFromMinor ? 0 : policy.deliveryFeeMinor;
  const totals: Totals = { currency: policy.currency, subtotalMinor, taxMinor, deliveryFeeMinor, totalMinor: payable + taxMinor + deliveryFeeMinor };
  return discount && discountMinor > 0 ? { ...totals, discountMinor, discountCode: discount.code } : totals;
}

/** Thousandths of a minor unit (estimated message costs) to whole minor units, half up. */
export function milliMinorToMinor(milliMinor: number): number {
  return Math.floor((milliMinor + 500) / 1000);
}
