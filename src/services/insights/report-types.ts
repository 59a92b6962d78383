/**
 * The merchant's insights over a range of whole UTC days, as the admin API returns them and the
 * dashboard draws them. Every figure is read from daily aggregates counted as events happen
 * (`models/insight-daily.ts`), never by scanning turns, orders or sends when a report is asked for.
 */
export interface InsightReport {
  /** First and last UTC day, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  days: string[];
  /** Conversations (a customer's first turn of the UTC day on a channel) per channel per day. */
  conversations: { day: string; channel: string; count: number }[];
  /** Per channel: turns that browsed, added to a cart, heard a read-back, placed an order. */
  funnel: { channel: string; browse: number; cart: number; readBack: number; order: number }[];
  /** Placed orders' totals per channel and currency, in minor units. */
  revenue: { channel: string; currency: string; totalMinor: number; orders: number }[];
  /** Products found by search, most searched first. */
  topSearches: { term: string; count: number }[];
  /** What customers asked for that matched nothing, or had to be asked back: what the catalog lacks. */
  unmatchedSearches: { term: string; count: number }[];
  askedBackSearches: { term: string; count: number }[];
  /** Handoffs per conversation, and how long the first agent reply took. */
  handoff: { conversations: number; handoffs: number; rate: number | null; firstReplies: number; firstReplyAverageSeconds: number | null };
  /** Marketing opt-ins and opt-outs per channel and source (a campaign id, or how: keyword, post-order ask, STOP, link). */
  consent: { channel: string; source: string; optIns: number; optOuts: number }[];
  campaigns: { campaignId: string; name: string; sends: number; clicks: number; attributedOrders: number; attributedRevenue: { currency: string; totalMinor: number }[] }[];
  /** Net promoter score from the answers 0-10: % promoters (9-10) minus % detractors (0-6); null without answers. */
  nps: { responses: number; promoters: number; passives: number; detractors: number; score: number | null; byScore: number[] };
  /** Messages sent and their estimated cost per channel, pricing category and currency. */
  messageSpend: { channel: string; category: string; currency: string; messages: number; costMinor: number }[];
}
