import { z } from 'zod';
import { reportDays } from '../../../core/insights';
import { milliMinorToMinor } from '../../../core/money';
import { spendByChannelAndCategory } from '../../../store/message-cost-store';
import { defineRoute } from '../route-table';
import { utcDayRange, withinReportRange } from '../schemas';

const messageSpendQuery = z.object(utcDayRange).strict().refine(...withinReportRange);

export const messageSpendRoutes = [
  defineRoute({
    method: 'get',
    path: '/message-spend',
    operationId: 'getMessageSpend',
    summary: 'Messages sent and their estimated platform cost (from the configured rate table) per channel and pricing category, over whole UTC days',
    tag: 'notifications',
    query: messageSpendQuery,
    response: { description: '{ from, to, rows: [{ channel, category, currency, messages, estimatedCostMinor }] }: the cost is an estimate, summed in thousandths of a minor unit and rounded half up' },
    async handle({ query }) {
      const rows = await spendByChannelAndCategory(reportDays(query.from, query.to)!);
      return { from: query.from, to: query.to, rows: rows.map(({ costMilliMinor, ...row }) => ({ ...row, estimatedCostMinor: milliMinorToMinor(costMilliMinor) })) };
    },
  }),
];
