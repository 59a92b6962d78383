import { AppError } from '../../core/errors';
import { INSIGHT_METRICS, MAX_REPORT_DAYS, reportDays, splitPairKey, type InsightMetric } from '../../core/insights';
import { milliMinorToMinor } from '../../core/money';
import { campaignNames } from '../../store/campaign-store';
import { insightCountsOn } from '../../store/insight-store';
import { spendByChannelAndCategory } from '../../store/message-cost-store';
import { flushInsights } from './recording';
import type { InsightReport } from './report-types';

/** The top lists (searches) keep this many terms. */
const TOP_TERMS = 25;

type Counts = { day: string; key: string; count: number }[];

/** Sums the counts per key over the days. */
function totals(counts: Counts): Map<string, number> {
  const summed = new Map<string, number>();
  for (const { key, count } of counts) summed.set(key, (summed.get(key) ?? 0) + count);
  return summed;
}

function sum(counts: Counts): number {
  return counts.reduce((total, entry) => total + entry.count, 0);
}

const byName = (a: string, b: string) => a.localeCompare(b);

/** The most counted terms first (ties by name), at most `limit`. */
export function topTerms(counts: Counts, limit = TOP_TERMS): { term: string; count: number }[] {
  return [...totals(counts)]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || byName(a.term, b.term))
    .slice(0, limit);
}

/** Net promoter score from the answers' counts per score 0..10. */
function npsOf(byScoreKey: Map<string, number>): InsightReport['nps'] {
  const byScore = Array.from({ length: 11 }, (_, score) => byScoreKey.get(String(score)) ?? 0);
  const responses = byScore.reduce((total, count) => total + count, 0);
  const promoters = byScore[9]! + byScore[10]!;
  const passives = byScore[7]! + byScore[8]!;
  const detractors = responses - promoters - passives;
  return { responses, promoters, passives, detractors, score: responses === 0 ? null : Math.round(((promoters - detractors) * 100) / responses), byScore };
}

/** A campaign's attributed revenue per currency (never summed across currencies), from the totals per `campaignId|currency` key. */
function revenueByCurrency(revenueTotals: Map<string, number>, campaignId: string): { currency: string; totalMinor: number }[] {
  return [...revenueTotals]
    .filter(([key]) => splitPairKey(key)[0] === campaignId)
    .map(([key, totalMinor]) => ({ currency: splitPairKey(key)[1], totalMinor }))
    .sort((a, b) => byName(a.currency, b.currency));
}

export interface CampaignFigures {
  clicks: number;
  attributedOrders: number;
  attributedRevenue: { currency: string; totalMinor: number }[];
}

/**
 * One campaign's clicks, attributed orders and attributed revenue per currency over these UTC days,
 * from the daily aggregates the dashboard reads too (this process's counts flushed first): one read
 * per day by equality, never a scan of clicks or attributions.
 */
export async function campaignFigures(campaignId: string, days: readonly string[]): Promise<CampaignFigures> {
  await flushInsights();
  const M = INSIGHT_METRICS;
  const counts = await insightCountsOn(days);
  const [clicks, orders, revenue] = [M.campaignClicks, M.campaignOrders, M.campaignRevenueMinor].map((metric) => counts.filter((entry) => entry.metric === metric));
  const own = (entries: Counts) => entries.filter((entry) => entry.key === campaignId);
  return { clicks: sum(own(clicks!)), attributedOrders: sum(own(orders!)), attributedRevenue: revenueByCurrency(totals(revenue!), campaignId) };
}

/**
 * The merchant's insights over whole UTC days `from`..`to` (at most 92): every figure from the daily
 * aggregates, read by equality on each day (one query a day, this process's counts flushed first),
 * and the message spend from its own per-day records. Nothing scans turns, orders or sends.
 */
export async function insightReport(from: string, to: string): Promise<InsightReport> {
  const days = reportDays(from, to);
  if (!days) throw new AppError('VALIDATION_FAILED', `from and to are calendar days, from not after to, at most ${MAX_REPORT_DAYS} days.`, [{ in: 'query', path: 'to', message: 'range' }]);
  await flushInsights();
  const byMetric = new Map<string, Counts>();
  for (const entry of await insightCountsOn(days)) {
    const counts = byMetric.get(entry.metric);
    if (counts) counts.push(entry);
    else byMetric.set(entry.metric, [entry]);
  }
  const read = (metric: InsightMetric): Counts => byMetric.get(metric) ?? [];
  const M = INSIGHT_METRICS;
  const [conversations, browse, cart, readBack, order, revenueMinor, revenueOrders, matched, unmatched, askedBack, handoffs, firstReplies, firstReplySeconds, optIns, optOuts, sends, clicks, attributed, attributedRevenue, nps, spend] =
    await Promise.all([
      read(M.conversation),
      read(M.browse),
      read(M.cart),
      read(M.readBack),
      read(M.order),
      read(M.revenueMinor),
      read(M.revenueOrders),
      read(M.searchMatched),
      read(M.searchUnmatched),
      read(M.searchAskedBack),
      read(M.handoffStarted),
      read(M.handoffFirstReplies),
      read(M.handoffFirstReplySeconds),
      read(M.optIn),
      read(M.optOut),
      read(M.campaignSends),
      read(M.campaignClicks),
      read(M.campaignOrders),
      read(M.campaignRevenueMinor),
      read(M.npsScore),
      spendByChannelAndCategory(days),
    ]);

  const funnelSteps = { browse: totals(browse), cart: totals(cart), readBack: totals(readBack), order: totals(order) };
  const funnelChannels = new Set(Object.values(funnelSteps).flatMap((step) => [...step.keys()]));
  const revenueTotals = totals(revenueMinor);
  const revenueCounts = totals(revenueOrders);
  const optInTotals = totals(optIns);
  const optOutTotals = totals(optOuts);
  const conversationCount = sum(conversations);
  const handoffCount = sum(handoffs);
  const replies = sum(firstReplies);
  const campaignSteps = { sends: totals(sends), clicks: totals(clicks), orders: totals(attributed) };
  const campaignRevenue = totals(attributedRevenue);
  const campaignIds = [...new Set([...Object.values(campaignSteps).flatMap((step) => [...step.keys()]), ...[...campaignRevenue.keys()].map((key) => splitPairKey(key)[0])])].sort(byName);
  const names = campaignIds.length > 0 ? await campaignNames(campaignIds) : new Map<string, string>();

  return {
    from,
    to,
    days,
    conversations: [...conversations].sort((a, b) => byName(a.day, b.day) || byName(a.key, b.key)).map(({ day, key, count }) => ({ day, channel: key, count })),
    funnel: [...funnelChannels].sort(byName).map((channel) => ({
      channel,
      browse: funnelSteps.browse.get(channel) ?? 0,
      cart: funnelSteps.cart.get(channel) ?? 0,
      readBack: funnelSteps.readBack.get(channel) ?? 0,
      order: funnelSteps.order.get(channel) ?? 0,
    })),
    revenue: [...revenueTotals.keys()].sort(byName).map((key) => {
      const [channel, currency] = splitPairKey(key);
      return { channel, currency, totalMinor: revenueTotals.get(key)!, orders: revenueCounts.get(key) ?? 0 };
    }),
    topSearches: topTerms(matched),
    unmatchedSearches: topTerms(unmatched),
    askedBackSearches: topTerms(askedBack),
    handoff: {
      conversations: conversationCount,
      handoffs: handoffCount,
      rate: conversationCount === 0 ? null : handoffCount / conversationCount,
      firstReplies: replies,
      firstReplyAverageSeconds: replies === 0 ? null : Math.round(sum(firstReplySeconds) / replies),
    },
    consent: [...new Set([...optInTotals.keys(), ...optOutTotals.keys()])].sort(byName).map((key) => {
      const [channel, source] = splitPairKey(key);
      return { channel, source, optIns: optInTotals.get(key) ?? 0, optOuts: optOutTotals.get(key) ?? 0 };
    }),
    campaigns: campaignIds.map((campaignId) => ({
      campaignId,
      name: names.get(campaignId) ?? '',
      sends: campaignSteps.sends.get(campaignId) ?? 0,
      clicks: campaignSteps.clicks.get(campaignId) ?? 0,
      attributedOrders: campaignSteps.orders.get(campaignId) ?? 0,
      attributedRevenue: revenueByCurrency(campaignRevenue, campaignId),
    })),
    nps: npsOf(totals(nps)),
    messageSpend: spend.map(({ costMilliMinor, ...row }) => ({ ...row, costMinor: milliMinorToMinor(costMilliMinor) })),
  };
}
