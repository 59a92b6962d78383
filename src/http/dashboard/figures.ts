import { formatMoney } from '../../core/money';
import type { InsightReport } from '../../services/insights';
import type { InsightFigure } from '../admin/routes/insights';
import { barChart, groupedBarChart, stackedBarChart } from './charts';

/**
 * Every figure of the insight report as the dashboard shows it: a title, a line on what it counts, and
 * a chart. The numbers under each chart are the figure's CSV table (`insightFigureTable`, the admin
 * API's), so the page, its download and the API never disagree.
 */
interface Figure {
  title: string;
  /** What the figure says, under its heading. */
  about: string;
  chart(report: InsightReport, id: string, title: string): string;
}

/** A campaign's attributed revenue in words, one amount per currency: `$12.00 + €5.00`, or `0`. */
export function attributedRevenueText(revenue: readonly { currency: string; totalMinor: number }[]): string {
  return revenue.map(({ currency, totalMinor }) => formatMoney(totalMinor, currency)).join(' + ') || '0';
}

const searchFigure = (about: string, pick: (report: InsightReport) => { term: string; count: number }[], title: string): Figure => ({
  title,
  about,
  chart: (report, id) => barChart({ id, title, bars: pick(report).slice(0, 15).map(({ term, count }) => ({ label: term, value: count })) }),
});

const FIGURES = {
  conversations: {
    title: 'Conversations per channel per day',
    about: "A customer's first turn of the UTC day on a channel; the dashed line is the day's total.",
    chart(report, id, title) {
      const channels = [...new Set(report.conversations.map((entry) => entry.channel))].sort();
      const series = channels.map((channel) => ({ name: channel, values: report.days.map((day) => report.conversations.filter((entry) => entry.day === day && entry.channel === channel).reduce((sum, entry) => sum + entry.count, 0)) }));
      return stackedBarChart({ id, title, categories: report.days, series });
    },
  },
  funnel: {
    title: 'Funnel per channel: browse, cart, read-back, order',
    about: 'Turns that browsed, added to a cart, heard the read-back and placed an order.',
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
    chart: (report, id, title) => barChart({ id, title, bars: report.revenue.map((entry) => ({ label: `${entry.channel} (${entry.currency}, ${entry.orders} orders)`, value: entry.totalMinor, shown: formatMoney(entry.totalMinor, entry.currency) })) }),
  },
  'top-searches': searchFigure('Products found by search, most searched first.', (report) => report.topSearches, 'Top searched products'),
  'unmatched-searches': searchFigure('What customers asked for that matched nothing: what the catalog lacks.', (report) => report.unmatchedSearches, 'Searches that matched nothing'),
  'asked-back-searches': searchFigure('Searches the assistant had to ask back about (which one did you mean?).', (report) => report.askedBackSearches, 'Searches that were asked back'),
  handoff: {
    title: 'Handoff rate and time to first agent reply',
    about: 'Conversations handed to a person, and how long the first agent reply took on average.',
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
    chart: ({ nps }, id, title) => barChart({ id, title, bars: nps.byScore.map((count, score) => ({ label: `score ${score}`, value: count })) }),
  },
  'message-spend': {
    title: 'Message spend per channel and category',
    about: 'Messages sent and their estimated platform cost.',
    chart: (report, id, title) => barChart({ id, title, bars: report.messageSpend.map((entry) => ({ label: `${entry.channel} · ${entry.category} (${entry.messages})`, value: entry.costMinor, shown: formatMoney(entry.costMinor, entry.currency) })) }),
  },
} satisfies Record<InsightFigure, Figure>;

/** In the order the overview shows them. */
export const OVERVIEW_FIGURES = Object.keys(FIGURES) as InsightFigure[];

export function figureChart(report: InsightReport, name: InsightFigure): string {
  return FIGURES[name].chart(report, `chart-${name}`, FIGURES[name].title);
}

export function figureTitle(name: InsightFigure): { title: string; about: string } {
  return { title: FIGURES[name].title, about: FIGURES[name].about };
}
