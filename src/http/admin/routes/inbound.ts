import { listParkedEvents } from '../../../store/inbound-store';
import { defineRoute } from '../route-table';
import { parkedInboundQuery } from '../schemas';

export const inboundRoutes = [
  defineRoute({
    method: 'get',
    path: '/inbound/parked',
    operationId: 'listParkedInboundEvents',
    summary: 'Inbound messages whose turn failed on every attempt, newest first, with the last error',
    tag: 'inbound',
    query: parkedInboundQuery,
    response: { description: 'A page of parked events: { items: [{ key, channel, eventId, attempts, lastError, receivedAt, parkedAt }], page, pageSize, total }' },
    handle: ({ query }) => listParkedEvents(query),
  }),
];
