import { Types } from 'mongoose';
import { ATTRIBUTION_WINDOW_MS } from '../../core/campaign';
import { INSIGHT_METRICS, MAX_INSIGHT_TERM, pairKey, searchTermKey, utcDay } from '../../core/insights';
import { attributeOrder, latestClickOf } from '../../store/campaign-store';
import { countInsight, discardPendingInsights as discardPendingCounts, flushInsights as flushCounts, onInsightFlushError } from '../../store/insight-store';
import type { NewOutboxJob } from '../../store/outbox-store';

/**
 * The hooks that count insights as events happen. Each is one call where the event is decided; none
 * reads the database or waits for a write (the counts are buffered, see `store/insight-store.ts`).
 * A placed order is the exception: its placement queues an outbox job (`orderInsightsJob`) and the
 * outbox worker counts it (`countPlacedOrder`), off the turn.
 */

/** What happened to a product search: nothing matched, or the shopper was asked which one they meant. */
export type SearchOutcome = 'unmatched' | 'asked-back';

/**
 * Counts a search that matched nothing or was asked back, under its day and its words (lowercase,
 * spaces folded, bounded): what customers want that the catalog lacks or names differently.
 */
export async function recordSearchOutcome(said: string, outcome: SearchOutcome, now: Date): Promise<void> {
  const term = searchTermKey(said);
  if (!term) return;
  await countInsight(utcDay(now), outcome === 'unmatched' ? INSIGHT_METRICS.searchUnmatched : INSIGHT_METRICS.searchAskedBack, term);
}

/** Counts a search that found a product, under the product's name: the most wanted products. */
export async function recordMatchedSearch(productName: string, now: Date): Promise<void> {
  await countInsight(utcDay(now), INSIGHT_METRICS.searchMatched, productName.slice(0, MAX_INSIGHT_TERM));
}

/**
 * Counts a conversation when this is the channel user's first turn of the UTC day: decided from when
 * their previous turn was (the session the turn loaded keeps it), so no read.
 */
export async function recordTurn(channel: string, previousTurnAt: number | undefined, now: Date): Promise<void> {
  const today = utcDay(now);
  if (previousTurnAt !== undefined && utcDay(new Date(previousTurnAt)) === today) return;
  await countInsight(today, INSIGHT_METRICS.conversation, channel);
}

export type FunnelStep = 'browse' | 'cart' | 'readBack';

/** A step of the funnel on a channel: a product listing shown, an item added, the read-back asked. Orders are counted at placement. */
export async function recordFunnelStep(step: FunnelStep, channel: string, now: Date): Promise<void> {
  await countInsight(utcDay(now), INSIGHT_METRICS[step], channel);
}

export interface PlacedOrderFacts {
  orderNumber: string;
  customerId: Types.ObjectId;
  channel: string;
  currency: string;
  totalMinor: number;
  placedAt: Date;
}

/** The outbox job that counts a placed order's figures (see `countPlacedOrder`), one per order. */
export const ORDER_INSIGHTS_JOB_KIND = 'order-placed-insights';

/** What the job carries: the order's facts as stored (ids and dates as strings). */
export interface OrderInsightsPayload {
  orderNumber: string;
  customerId: string;
  channel: string;
  currency: string;
  totalMinor: number;
  placedAt: string;
}

/**
 * The job a placement queues with its other jobs (every run that finishes it, so a crash, a replay or
 * maintenance cannot skip it; its key makes the repeats one job). Durable, unlike a count in memory.
 */
export function orderInsightsJob(order: PlacedOrderFacts): NewOutboxJob {
  const payload: OrderInsightsPayload = { orderNumber: order.orderNumber, customerId: String(order.customerId), channel: order.channel, currency: order.currency, totalMinor: order.totalMinor, placedAt: order.placedAt.toISOString() };
  return { jobKey: `${ORDER_INSIGHTS_JOB_KIND}:${order.orderNumber}`, kind: ORDER_INSIGHTS_JOB_KIND, customerId: order.customerId, payload };
}

/**
 * The outbox job's work, off the turn: a placed order's figures (the funnel's last step, the revenue per
 * channel and currency) and, when the customer clicked a campaign's link in the 7 days before it, the
 * campaign's order and revenue. Cancelled and refunded orders are not subtracted: the figure is what
 * was placed. Counted once per order, decided by the unique insert of its attribution (to a campaign or
 * to none), never by memory: a second run of the job (a retry, two workers) counts nothing. The counts
 * are written before the job is done, so only a crash between that insert and the write loses them.
 * Returns whether this run counted the order.
 */
export async function countPlacedOrder(payload: OrderInsightsPayload): Promise<boolean> {
  const placedAt = new Date(payload.placedAt);
  const customerId = new Types.ObjectId(payload.customerId);
  const click = await latestClickOf(customerId, new Date(placedAt.getTime() - ATTRIBUTION_WINDOW_MS), placedAt);
  const attribution = { orderNumber: payload.orderNumber, campaignId: click?.campaignId ?? null, customerId, totalMinor: payload.totalMinor, currency: payload.currency, at: placedAt };
  if (!(await attributeOrder(attribution))) return false;
  const day = utcDay(placedAt);
  await countInsight(day, INSIGHT_METRICS.order, payload.channel);
  await countInsight(day, INSIGHT_METRICS.revenueMinor, pairKey(payload.channel, payload.currency), payload.totalMinor);
  await countInsight(day, INSIGHT_METRICS.revenueOrders, pairKey(payload.channel, payload.currency));
  if (click) {
    await countInsight(day, INSIGHT_METRICS.campaignOrders, click.campaignId);
    await countInsight(day, INSIGHT_METRICS.campaignRevenueMinor, pairKey(click.campaignId, payload.currency), payload.totalMinor);
  }
  // A failed write keeps the counts buffered for the next flush (`store/insight-store.ts`); the job is retried and counts nothing twice.
  await flushCounts();
  return true;
}

/** Writes what this process counted so far: a report calls it first. */
export function flushInsights(): Promise<void> {
  return flushCounts();
}

/** The background flush of `cli serve` and `cli worker`: every `intervalMs`, and once more when stopped. */
export function startInsightFlushing(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  onInsightFlushError(onError);
  const timer = setInterval(() => void flushInsights().catch(onError), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await flushInsights().catch(onError);
  };
}

/** Drops what this process counted and has not written (a test starting from an empty database). */
export function discardPendingInsights(): void {
  discardPendingCounts();
}

/** A handoff to a person started on a channel. */
export async function recordHandoffStarted(channel: string, now: Date): Promise<void> {
  await countInsight(utcDay(now), INSIGHT_METRICS.handoffStarted, channel);
}

/** The first agent reply of a handoff, and how long after the handoff started it came. */
export async function recordFirstAgentReply(channel: string, startedAt: Date, now: Date): Promise<void> {
  const day = utcDay(now);
  await countInsight(day, INSIGHT_METRICS.handoffFirstReplies, channel);
  await countInsight(day, INSIGHT_METRICS.handoffFirstReplySeconds, channel, Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)));
}
