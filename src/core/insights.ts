/**
 * The merchant insights' vocabulary: every metric counted into the daily aggregates
 * (`models/insight-daily.ts`) and how its key is made. One table, read by the hooks that count and by
 * the report that reads the counts back. A key never names a customer.
 */
export const INSIGHT_METRICS = {
  /** Key: channel. A customer's first turn of the UTC day on a channel. */
  conversation: 'conversation',
  /** Key: channel. Per funnel step: a product listing shown, an item added, the read-back asked, an order placed. */
  browse: 'funnel:browse',
  cart: 'funnel:cart',
  readBack: 'funnel:read-back',
  order: 'funnel:order',
  /** Key: `channel|currency`; amount: the order's total in minor units (and one order under `revenueOrders`). */
  revenueMinor: 'revenue:minor',
  revenueOrders: 'revenue:orders',
  /** Key: the product's name. A search that found it. */
  searchMatched: 'search:matched',
  /** Key: the search's words (lowercase, bounded). */
  searchUnmatched: 'search:unmatched',
  searchAskedBack: 'search:asked-back',
  /** Key: channel. Handoffs started; first agent replies and the seconds they took (summed). */
  handoffStarted: 'handoff:started',
  handoffFirstReplies: 'handoff:first-replies',
  handoffFirstReplySeconds: 'handoff:first-reply-seconds',
  /** Key: `channel|source` (a campaign id, or how: keyword, post-order, stop, link, ...). Marketing decisions only. */
  optIn: 'consent:opt-in',
  optOut: 'consent:opt-out',
  /** Key: campaign id. Sends, clicks and orders credited to it; revenue key `campaignId|currency`. */
  campaignSends: 'campaign:sends',
  campaignClicks: 'campaign:clicks',
  campaignOrders: 'campaign:orders',
  campaignRevenueMinor: 'campaign:revenue',
  /** Key: the score `0`..`10` (recorded by the NPS answer). */
  npsScore: 'nps:score',
} as const;

export type InsightMetric = (typeof INSIGHT_METRICS)[keyof typeof INSIGHT_METRICS];

/** At most this many characters of a search term or a product name make a key. */
export const MAX_INSIGHT_TERM = 60;

/** The UTC day of an instant, `YYYY-MM-DD`: the aggregates' day. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A key of two parts (channel and currency, channel and source); the parts never hold a `|` of their own. */
export function pairKey(first: string, second: string): string {
  return `${first.replaceAll('|', '/')}|${second.replaceAll('|', '/')}`;
}

export function splitPairKey(key: string): [string, string] {
  const at = key.indexOf('|');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

/**
 * What a search is counted under: lowercase, spaces folded, bounded, and with what could name a person
 * masked (an e-mail address, a run of digits as long as a phone or card number), as shoppers sometimes
 * type those where a product was asked for, and the counts are read by staff.
 */
export function searchTermKey(said: string): string {
  return said
    .slice(0, 4 * MAX_INSIGHT_TERM)
    .toLowerCase()
    .replace(/[^\s@]+@[^\s@]+/g, '[e-mail]')
    .replace(/\d(?:[\s().-]*\d){5,}/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_INSIGHT_TERM);
}

/** A report covers at most a quarter: its figures are read by equality on each of its days. */
export const MAX_REPORT_DAYS = 92;
const DAY_MS = 86_400_000;

/** The UTC days from `from` to `to` inclusive (`YYYY-MM-DD`), or null when either is no calendar day, `from` is after `to`, or the range is longer than `MAX_REPORT_DAYS`. */
export function reportDays(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || utcDay(new Date(start)) !== from || utcDay(new Date(end)) !== to) return null;
  const count = Math.round((end - start) / DAY_MS) + 1;
  if (count < 1 || count > MAX_REPORT_DAYS) return null;
  return Array.from({ length: count }, (_, i) => utcDay(new Date(start + i * DAY_MS)));
}

/** The UTC days from `first`'s to `last`'s (only `first`'s when `last` is earlier), at most the first `MAX_REPORT_DAYS`. */
export function daysFrom(first: Date, last: Date): string[] {
  const start = Date.parse(`${utcDay(first)}T00:00:00Z`);
  const count = Math.min(MAX_REPORT_DAYS, Math.max(1, Math.round((Date.parse(`${utcDay(last)}T00:00:00Z`) - start) / DAY_MS) + 1));
  return Array.from({ length: count }, (_, i) => utcDay(new Date(start + i * DAY_MS)));
}
