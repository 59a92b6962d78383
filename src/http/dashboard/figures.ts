import { formatMoney } from '../../core/money';
import type { InsightReport } from '../../services/insights';
import { barChart, groupedBarChart, stackedBarChart } from './charts';

/**
 * Every figure of the insight report as the dashboard shows it: a title, a table (what the page prints
 * under the chart and what its CSV export holds, so the two never disagree) and a chart.
 */
export interface FigureTable {
  header: string[];
  rows: (string | number)[][];
}

interface Figure {
  title: string;
  /** What the figure says, under its heading. */
  about: string;
  table(report: InsightReport): FigureTable;
  chart(report: InsightReport, id: string, title: string): string;
}

/** A campaign's attributed revenue in words, one amount per currency: `$12.00 + €5.00`, or `0`. */
export function attributedRevenueText(revenue: readonly { currency: string; totalMinor: number }[]): string {
  return revenue.map(({ currency, totalMinor }) => formatMoney(totalMinor, currency)).join(' + ') || '0';
}

const searchFigure = (about: string, pick: (report: InsightReport) => { term: string; count: number }[], title: string): Figure => ({
  title,
  about,
  table: (report) => ({ header: ['term', 'count'], rows: pick(report).map(({ term, count }) => [term, count]) }),
  chart: (report, id) => barChart({ id, title, bars: pick(report).slice(0, 15).map(({ term, count }) => ({ label: term, value: count })) }),
});

const FIGURES = {
  conversations: {
    title: 'Conversations per channel per day',
    about: "A customer's first turn of the UTC day on a channel; the dashed line is the day's total.",
    table: (report) => ({ header: ['day', 'channel', 'count'], rows: report.conversations.map(({ day, channel, count }) => [day, channel, count]) }),
    chart(report, id, title) {
      const channels = [...new Set(report.conversations.map((entry) => entry.channel))].sort();
      const series = channels.map((channel) => ({ name: channel, values: report.days.map((day) => report.conversations.filter((entry) => entry.day === day && entry.channel === channel).reduce((sum, entry) => sum + entry.count, 0)) }));
      return stackedBarChart({ id, title, categories: report.days, series });
    },
  },
  funnel: {
    title: 'Funnel per channel: browse, cart, read-back, order',
    about: 'Turns that browsed, added to a cart, heard the read-back and placed an order.',
    table: (report) => ({ header: ['channel', 'browse', 'cart', 'readBack', 'order'], rows: report.funnel.map((step) => [step.channel, step.browse, step.cart, step.readBack, step.order]) }),
    chart: (report, id, title) =>
      groupedBarChart({
        id,
        title,
        groups: report.funnel.map((step) => step.channel),
        series: [
          { name: 'browse', values: report.funnel.map((step) => step.browse) },
          { name: 'cart', values: report.funnel.map((step) => step.cart) },
          { name: 'read-back', values: report.funnel.map((step) => step.readBack) },
          { name: 'order', values: report.funnel.map((step) => step.order) },
        ],
      }),
  },
  revenue: {
    title: 'Revenue by channel',
    about: 'Placed orders per channel and currency.',
    table: (report) => ({ header: ['channel', 'currency', 'totalMinor', 'orders'], rows: report.revenue.map((entry) => [entry.channel, entry.currency, entry.totalMinor, entry.orders]) }),
    chart: (report, id, title) => barChart({ id, title, bars: report.revenue.map((entry) => ({ label: `${entry.channel} (${entry.currency}, ${entry.orders} orders)`, value: entry.totalMinor, shown: formatMoney(entry.totalMinor, entry.currency) })) }),
  },
  'top-searches': searchFigure('Products found by search, most searched first.', (report) => report.topSearches, 'Top searched products'),
  'unmatched-searches': searchFigure('What customers asked for that matched nothing: what the catalog lacks.', (report) => report.unmatchedSearches, 'Searches that matched nothing'),
  'asked-back-searches': searchFigure('Searches the assistant had to ask back about (which one did you mean?).', (report) => report.askedBackSearches, 'Searches that were asked back'),
  handoff: {
    title: 'Handoff rate and time to first agent reply',
    about: 'Conversations handed to a person, and how long the first agent reply took on average.',
    table: ({ handoff }) => ({
      header: ['conversations', 'handoffs', 'rate', 'firstReplies', 'firstReplyAverageSeconds'],
      rows: [[handoff.conversations, handoff.handoffs, handoff.rate === null ? '' : Number(handoff.rate.toFixed(4)), handoff.firstReplies, handoff.firstReplyAverageSeconds === null ? '' : Math.round(handoff.firstReplyAverageSeconds)]],
    }),
    chart: ({ handoff }, id, title) =>
      barChart({
        id,
        title,
        bars: [
          { label: 'Conversations', value: handoff.conversations },
          { label: 'Handoffs', value: handoff.handoffs },
          { label: 'First agent replies', value: handoff.firstReplies },
        ],
      }),
  },
  consent: {
    title: 'Opt-ins and opt-outs per channel and source',
    about: 'Marketing consent given and withdrawn, by channel and where it came from (a campaign, keyword, post-order ask, STOP, link).',
    table: (report) => ({ header: ['channel', 'source', 'optIns', 'optOuts'], rows: report.consent.map((entry) => [entry.channel, entry.source, entry.optIns, entry.optOuts]) }),
    chart: (report, id, title) =>
      groupedBarChart({
        id,
        title,
        groups: report.consent.map((entry) => `${entry.channel} · ${entry.source}`),
        series: [
          { name: 'opt-ins', values: report.consent.map((entry) => entry.optIns) },
          { name: 'opt-outs', values: report.consent.map((entry) => entry.optOuts) },
        ],
      }),
  },
  campaigns: {
    title: 'Campaigns: sends, clicks, attributed orders and revenue',
    about: 'Orders placed within 7 days of a click by that customer are attributed to the campaign.',
    table: (report) => ({
      header: ['campaignId', 'name', 'sends', 'clicks', 'attributedOrders', 'attributedRevenue'],
      rows: report.campaigns.map((entry) => [entry.campaignId, entry.name, entry.sends, entry.clicks, entry.attributedOrders, attributedRevenueText(entry.attributedRevenue)]),
    }),
    chart: (report, id, title) =>
      groupedBarChart({
        id,
        title,
        groups: report.campaigns.map((entry) => entry.name),
        series: [
          { name: 'sends', values: report.campaigns.map((entry) => entry.sends) },
          { name: 'clicks', values: report.campaigns.map((entry) => entry.clicks) },
          { name: 'orders', values: report.campaigns.map((entry) => entry.attributedOrders) },
        ],
      }),
  },
  nps: {
    title: 'Net promoter score',
    about: '% promoters (9-10) minus % detractors (0-6), and how many answered each score.',
    table: ({ nps }) => ({ header: ['score', 'answers'], rows: nps.byScore.map((count, score) => [score, count]) }),
    chart: ({ nps }, id, title) => barChart({ id, title, bars: nps.byScore.map((count, score) => ({ label: `score ${score}`, value: count })) }),
  },
  'message-spend': {
    title: 'Message spend per channel and category',
    about: 'Messages sent and their estimated platform cost.',
    table: (report) => ({ header: ['channel', 'category', 'currency', 'messages', 'costMinor'], rows: report.messageSpend.map((entry) => [entry.channel, entry.category, entry.currency, entry.messages, entry.costMinor]) }),
    chart: (report, id, title) => barChart({ id, title, bars: report.messageSpend.map((entry) => ({ label: `${entry.channel} · ${entry.category} (${entry.messages})`, value: entry.costMinor, shown: formatMoney(entry.costMinor, entry.currency) })) }),
  },
} satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];

export function figureTable(report: InsightReport, name: FigureName): FigureTable {
  return FIGURES[name].table(report);
}

export function figureChart(report: InsightReport, name: FigureName): string {
  return FIGURES[name].chart(report, `chart-${name}`, FIGURES[name].title);
}

export function figureTitle(name: FigureName): { title: string; about: string } {
  return { title: FIGURES[name].title, about: FIGURES[name].about };
}
