import { topSearches, type InsightReport } from '../../services/insights';

/**
 * TEMPORARY until the insights branch's `insightReport` lands (then this file goes and the router
 * imports it from services/insights): the figures recorded today (unmatched and asked-back searches),
 * the others empty.
 */
export async function insightReport(from: string, to: string): Promise<InsightReport> {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return {
    from,
    to,
    days,
    conversations: [],
    funnel: [],
    revenue: [],
    topSearches: [],
    unmatchedSearches: await topSearches('unmatched', from, to),
    askedBackSearches: await topSearches('asked-back', from, to),
    handoff: { conversations: 0, handoffs: 0, rate: null, firstReplies: 0, firstReplyAverageSeconds: null },
    consent: [],
    campaigns: [],
    nps: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null, byScore: Array.from({ length: 11 }, () => 0) },
    messageSpend: [],
  };
}
