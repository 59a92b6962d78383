import type { Types } from 'mongoose';
import { ATTRIBUTION_WINDOW_MS } from '../../core/campaign';
import { INSIGHT_METRICS, MAX_INSIGHT_TERM, pairKey, searchTermKey, utcDay } from '../../core/insights';
import { attributeOrder, latestClickOf } from '../../store/campaign-store';
import { countInsight, discardPendingInsights as discardPendingCounts, flushInsights as flushCounts, onInsightFlushError } from '../../store/insight-store';

/**
 * The hooks that count insights as events happen. Each is one call where the event is decided; none
 * reads the database or waits for a write (the counts are buffered, see `store/insight-store.ts`).
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
  placedAt?: Date | null;
}

/** Orders placed and not yet looked at for a campaign click: attributed in the background, at the next flush. */
let placedSinceFlush: PlacedOrderFacts[] = [];
/** A flush looks at this many placed orders at most; the rest wait for the next one. */
const MAX_ATTRIBUTIONS_PER_FLUSH = 200;
const MAX_WAITING_ATTRIBUTIONS = 5_000;
let attributing: Promise<void> = Promise.resolve();

/**
 * An order placed (counted once, by the placement run that placed it): the funnel's last step and the
 * revenue per channel and currency. Cancelled and refunded orders are not subtracted: the figure is
 * what was placed. Whether a campaign click earned it is decided off the turn, at the next flush.
 */
export async function recordOrderPlaced(order: PlacedOrderFacts, now: Date): Promise<void> {
  const day = utcDay(order.placedAt ?? now);
  await countInsight(day, INSIGHT_METRICS.order, order.channel);
  await countInsight(day, INSIGHT_METRICS.revenueMinor, pairKey(order.channel, order.currency), order.totalMinor);
  await countInsight(day, INSIGHT_METRICS.revenueOrders, pairKey(order.channel, order.currency));
  if (placedSinceFlush.length < MAX_WAITING_ATTRIBUTIONS) placedSinceFlush.push({ ...order, placedAt: order.placedAt ?? now });
}

/**
 * Credits each order placed since the last flush to the campaign of that customer's latest click in
 * the 7 days before it, once (the attribution is a unique insert per order, so a second placement run
 * of one order credits nothing twice), and counts the campaign's order and revenue.
 */
function attributePlacedOrders(): Promise<void> {
  // One at a time, so a report's flush also waits for the orders a background flush is crediting.
  attributing = attributing.catch(() => undefined).then(attributeWaitingOrders);
  return attributing;
}

async function attributeWaitingOrders(): Promise<void> {
  const orders = placedSinceFlush.slice(0, MAX_ATTRIBUTIONS_PER_FLUSH);
  placedSinceFlush = placedSinceFlush.slice(orders.length);
  for (const order of orders) {
    const placedAt = order.placedAt!;
    const click = await latestClickOf(order.customerId, new Date(placedAt.getTime() - ATTRIBUTION_WINDOW_MS), placedAt);
    if (!click) continue;
    const attribution = { orderNumber: order.orderNumber, campaignId: click.campaignId, customerId: order.customerId, totalMinor: order.totalMinor, currency: order.currency, at: placedAt };
    if (!(await attributeOrder(attribution))) continue;
    const day = utcDay(placedAt);
    await countInsight(day, INSIGHT_METRICS.campaignOrders, click.campaignId);
    await countInsight(day, INSIGHT_METRICS.campaignRevenueMinor, pairKey(click.campaignId, order.currency), order.totalMinor);
  }
}

/** Writes what this process counted so far (after attributing the orders placed since the last flush): a report calls it first. */
export async function flushInsights(): Promise<void> {
  await attributePlacedOrders();
  await flushCounts();
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
  placedSinceFlush = [];
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
