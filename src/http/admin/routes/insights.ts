import { z } from 'zod';
import { LOCAL_DATE_PATTERN } from '../../../core/campaign';
import { topSearches } from '../../../services/insights';
import { CsvExport, defineRoute } from '../route-table';

const searchQuery = z
  .object({
    outcome: z.enum(['unmatched', 'asked-back']).default('unmatched'),
    from: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD (UTC day)'),
    to: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD (UTC day)'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict()
  .refine((query) => query.from <= query.to, { message: 'from must not be after to' });

export const insightRoutes = [
  defineRoute({
    method: 'get',
    path: '/insights/searches',
    operationId: 'topSearches',
    summary: 'The top product searches that matched nothing or were asked back, per UTC day range (at most 92 days), from daily aggregates; format=csv exports them',
    tag: 'insights',
    query: searchQuery,
    response: { description: '{ outcome, from, to, searches: [{ term, count }] }, or text/csv with term,count' },
    async handle({ query }) {
      const searches = await topSearches(query.outcome, query.from, query.to);
      if (query.format === 'csv') return new CsvExport(`searches-${query.outcome}-${query.from}-${query.to}.csv`, ['term', 'count'], searches.map(({ term, count }) => [term, count]));
      return { outcome: query.outcome, from: query.from, to: query.to, searches };
    },
  }),
];
