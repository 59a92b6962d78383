import { z } from 'zod';
import { insightReport, type InsightReport } from '../../../services/insights';
import { CsvExport, defineRoute } from '../route-table';
import { utcDayRange, withinReportRange } from '../schemas';

type Cell = string | number;

/**
 * Each figure of the report as CSV: its header and its rows (a null, such as a rate without
 * conversations, is an empty cell). The names are the path's `:figure`.
 */
const FIGURES = {
  conversations: (report) => [['day', 'channel', 'count'], report.conversations.map((row) => [row.day, row.channel, row.count])],
  funnel: (report) => [['channel', 'browse', 'cart', 'read_back', 'order'], report.funnel.map((row) => [row.channel, row.browse, row.cart, row.readBack, row.order])],
  revenue: (report) => [['channel', 'currency', 'total_minor', 'orders'], report.revenue.map((row) => [row.channel, row.currency, row.totalMinor, row.orders])],
  'top-searches': (report) => [['term', 'count'], report.topSearches.map((row) => [row.term, row.count])],
  'unmatched-searches': (report) => [['term', 'count'], report.unmatchedSearches.map((row) => [row.term, row.count])],
  'asked-back-searches': (report) => [['term', 'count'], report.askedBackSearches.map((row) => [row.term, row.count])],
  handoff: ({ handoff }) => [
    ['conversations', 'handoffs', 'rate', 'first_replies', 'first_reply_average_seconds'],
    [[handoff.conversations, handoff.handoffs, handoff.rate === null ? '' : Math.round(handoff.rate * 10_000) / 10_000, handoff.firstReplies, handoff.firstReplyAverageSeconds ?? '']],
  ],
  consent: (report) => [['channel', 'source', 'opt_ins', 'opt_outs'], report.consent.map((row) => [row.channel, row.source, row.optIns, row.optOuts])],
  campaigns: (report) => [
    ['campaign_id', 'name', 'sends', 'clicks', 'attributed_orders', 'currency', 'attributed_revenue_minor'],
    report.campaigns.flatMap((row) => {
      const figures = [row.campaignId, row.name, row.sends, row.clicks, row.attributedOrders];
      return row.attributedRevenue.length === 0 ? [[...figures, '', 0]] : row.attributedRevenue.map((revenue) => [...figures, revenue.currency, revenue.totalMinor]);
    }),
  ],
  nps: ({ nps }) => [['score', 'answers'], nps.byScore.map((answers, score) => [score, answers])],
  'message-spend': (report) => [['channel', 'category', 'currency', 'messages', 'cost_minor'], report.messageSpend.map((row) => [row.channel, row.category, row.currency, row.messages, row.costMinor])],
} satisfies Record<string, (report: InsightReport) => [string[], Cell[][]]>;

type Figure = keyof typeof FIGURES;
const FIGURE_NAMES = Object.keys(FIGURES) as [Figure, ...Figure[]];

/** Which part of the JSON report a figure is. */
const REPORT_FIELD: Record<Figure, keyof InsightReport> = {
  conversations: 'conversations',
  funnel: 'funnel',
  revenue: 'revenue',
  'top-searches': 'topSearches',
  'unmatched-searches': 'unmatchedSearches',
  'asked-back-searches': 'askedBackSearches',
  handoff: 'handoff',
  consent: 'consent',
  campaigns: 'campaigns',
  nps: 'nps',
  'message-spend': 'messageSpend',
};

const reportQuery = z.object(utcDayRange).strict().refine(...withinReportRange);
const figureQuery = z
  .object({ ...utcDayRange, format: z.enum(['json', 'csv']).default('json') })
  .strict()
  .refine(...withinReportRange);
const searchQuery = z
  .object({ ...utcDayRange, outcome: z.enum(['unmatched', 'asked-back']).default('unmatched'), format: z.enum(['json', 'csv']).default('json') })
  .strict()
  .refine(...withinReportRange);

export const insightRoutes = [
  defineRoute({
    method: 'get',
    path: '/insights',
    operationId: 'getInsights',
    summary: 'The merchant insights over whole UTC days (at most 92): conversations, funnel, revenue, searches, handoffs, consent, campaigns, NPS and message spend, from daily aggregates counted as events happen',
    tag: 'insights',
    query: reportQuery,
    response: { description: 'The InsightReport (src/services/insights/report-types.ts); money in integer minor units with its ISO currency' },
    async handle({ query }) {
      return insightReport(query.from, query.to);
    },
  }),
  // Before `/insights/:figure`, which would take `searches` for a figure's name.
  defineRoute({
    method: 'get',
    path: '/insights/searches',
    operationId: 'topSearches',
    summary: 'The top product searches that matched nothing or were asked back, per UTC day range (at most 92 days), from daily aggregates; format=csv exports them',
    tag: 'insights',
    query: searchQuery,
    response: { description: '{ outcome, from, to, searches: [{ term, count }] }, or text/csv with term,count' },
    async handle({ query }) {
      const report = await insightReport(query.from, query.to);
      const figure = `${query.outcome}-searches` as const;
      if (query.format === 'csv') return new CsvExport(`searches-${query.outcome}-${query.from}-${query.to}.csv`, ...insightFigureTable(report, figure));
      return { outcome: query.outcome, from: query.from, to: query.to, searches: report[REPORT_FIELD[figure]] };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/insights/:figure',
    operationId: 'getInsightFigure',
    summary: `One figure of the insights (${FIGURE_NAMES.join(', ')}) over whole UTC days; format=csv exports it (cells that would start a spreadsheet formula are quoted as text)`,
    tag: 'insights',
    params: z.object({ figure: z.enum(FIGURE_NAMES) }).strict(),
    query: figureQuery,
    response: { description: '{ from, to, figure, <the report field> }, or text/csv with a header row' },
    async handle({ params, query }) {
      const report = await insightReport(query.from, query.to);
      if (query.format === 'csv') {
        const [header, rows] = insightFigureTable(report, params.figure);
        return new CsvExport(`insights-${params.figure}-${query.from}-${query.to}.csv`, header, rows);
      }
      const field = REPORT_FIELD[params.figure];
      return { from: query.from, to: query.to, figure: params.figure, [field]: report[field] };
    },
  }),
];

/** The figures' names and tables, for the dashboard: its CSV export is this one, and the table under each chart shows it. */
export { FIGURE_NAMES as INSIGHT_FIGURES, type Figure as InsightFigure };
export function insightFigureTable(report: InsightReport, figure: Figure): [header: string[], rows: Cell[][]] {
  return FIGURES[figure](report);
}
