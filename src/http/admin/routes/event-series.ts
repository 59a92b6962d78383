import { z } from 'zod';
import { LOCAL_DATE_PATTERN, LOCAL_TIME_PATTERN, MAX_EVENT_CITIES } from '../../../core/campaign';
import { AppError } from '../../../core/errors';
import { deleteEventSeries, findEventSeries, listEventSeries, saveEventSeries } from '../../../services/campaigns';
import { defineRoute } from '../route-table';

const keywordParams = z.object({ keyword: z.string().regex(/^[A-Za-z0-9]{2,20}$/, 'a keyword of 2-20 letters and digits').transform((word) => word.toUpperCase()) }).strict();

const eventCity = z
  .object({
    city: z.string().trim().min(1).max(40),
    event: z
      .object({
        // Sized so that on SMS a city's event and the sign-up ask after it fit the default 4 GSM-7 segments together.
        name: z.string().trim().min(1).max(60),
        date: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD, the local date of the event'),
        time: z.string().regex(LOCAL_TIME_PATTERN, 'HH:MM, 24-hour, the local start time').optional(),
        venue: z.string().trim().min(1).max(80),
        link: z.url({ protocol: /^https?$/ }).max(200),
      })
      .strict(),
  })
  .strict();

const seriesBody = z
  .object({ cities: z.array(eventCity).min(1).max(MAX_EVENT_CITIES) })
  .strict()
  .refine((body) => new Set(body.cities.map((entry) => entry.city.toLowerCase())).size === body.cities.length, 'each city once');

export const eventSeriesRoutes = [
  defineRoute({
    method: 'get',
    path: '/event-series',
    operationId: 'listEventSeries',
    summary: 'The event series: each keyword (EVENT_KEYWORDS) with its cities and their events',
    tag: 'marketing',
    response: { description: '{ items, listening }: the series, and the keywords the dialog answers (EVENT_KEYWORDS)' },
    handle: async (_input, { config }) => ({ items: await listEventSeries(), listening: config.EVENT_KEYWORDS }),
  }),
  defineRoute({
    method: 'put',
    path: '/event-series/:keyword',
    operationId: 'putEventSeries',
    summary: "Create or replace a keyword's event series: up to 10 cities, each with its event (name, local date and time, venue, link). The keyword must be one of EVENT_KEYWORDS",
    tag: 'marketing',
    params: keywordParams,
    body: seriesBody,
    response: { description: 'The series as stored' },
    async handle({ params, body }, { config }) {
      if (!config.EVENT_KEYWORDS.includes(params.keyword)) {
        throw new AppError('VALIDATION_FAILED', `${params.keyword} is not one of EVENT_KEYWORDS (${config.EVENT_KEYWORDS.join(', ')}), so nobody could text it.`, [{ in: 'path', path: 'keyword', message: 'not in EVENT_KEYWORDS' }]);
      }
      await saveEventSeries({ keyword: params.keyword, cities: body.cities });
      return findEventSeries(params.keyword);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/event-series/:keyword',
    operationId: 'deleteEventSeries',
    summary: "Remove a keyword's event series: the keyword then answers that no events are listed",
    tag: 'marketing',
    params: keywordParams,
    response: { description: '{ deleted: true }' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      if (!(await deleteEventSeries(params.keyword))) throw new AppError('NOT_FOUND', `No event series for ${params.keyword}.`);
      return { deleted: true };
    },
  }),
];
