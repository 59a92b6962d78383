import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { spendByChannelAndCategory } from '../../../store/message-cost-store';
import { defineRoute } from '../route-table';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A quarter at most: the spend is summed per day by equality, one value per day in the range. */
const MAX_DAYS = 92;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day such as 2026-12-01').refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'not a calendar day');

export const messageSpendQuery = z.object({ from: isoDay, to: isoDay }).strict();

function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const count = Math.round((end - start) / DAY_MS) + 1;
  if (count < 1 || count > MAX_DAYS) throw new AppError('VALIDATION_FAILED', `from must not be after to, and the range at most ${MAX_DAYS} days.`, [{ in: 'query', path: 'to', message: 'range' }]);
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

/** Thousandths of a minor unit to whole minor units, half up. */
function toMinor(milliMinor: number): number {
  return Math.floor((milliMinor + 500) / 1000);
}

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
      const rows = await spendByChannelAndCategory(daysBetween(query.from, query.to));
      return { from: query.from, to: query.to, rows: rows.map(({ costMilliMinor, ...row }) => ({ ...row, estimatedCostMinor: toMinor(costMilliMinor) })) };
    },
  }),
];
