import { z } from 'zod';
import { AppError } from '../../core/errors';
import { OUTBOX_STATUSES } from '../../../models';
import { STAFF_ALERT_JOB_KIND, type StaffAlertPayload } from '../../services/notifications';
import { updateOrderStatus } from '../../services/orders';
import { findJob, listJobs, requeueDeadJob } from '../../store/outbox-store';
import { defineRoute } from './route-table';

/** Statuses staff may set; 'placed' and 'failed' belong to placement, 'pending' to nobody. */
const STAFF_STATUSES = ['paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded'] as const;

export const orderNumberParam = z.string().regex(/^\d{3}-\d{3}$/, 'an order number looks like 482-917');

export const orderStatusBody = z
  .object({
    status: z.enum(STAFF_STATUSES),
    tracking: z
      .object({
        carrier: z.string().trim().min(1).max(60),
        number: z.string().trim().min(1).max(80),
        url: z.url({ protocol: /^https$/, error: 'a tracking URL must be https' }).max(500).optional(),
      })
      .strict()
      .optional(),
    note: z.string().max(500).optional(),
  })
  .strict()
  // A shipping notice without a way to follow the parcel is the first thing customers ask about.
  .refine((body) => body.status !== 'shipped' || body.tracking !== undefined, { message: 'tracking is required when the status is shipped', path: ['tracking'] });

export const notificationListQuery = z
  .object({
    status: z.enum(OUTBOX_STATUSES).optional(),
    kind: z.string().regex(/^[a-z-]{1,40}$/).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const jobKeyParam = z.string().min(1).max(200);

export const orderStatusRoutes = [
  defineRoute({
    method: 'post',
    path: '/orders/:orderNumber/status',
    operationId: 'changeOrderStatus',
    summary: 'Change an order status (paid, shipped with tracking, delivered, cancelled, returned, refunded); the customer is notified once per change',
    tag: 'orders',
    params: z.object({ orderNumber: orderNumberParam }).strict(),
    body: orderStatusBody,
    response: { description: 'The order status, its tracking and the key of the notification job queued for the change' },
    errors: ['ORDER_NOT_FOUND', 'INVALID_STATUS_CHANGE'],
    async handle({ params, body }) {
      const { orderNumber } = params;
      const result = await updateOrderStatus(orderNumber, body.status, 'admin', { note: body.note, tracking: body.tracking });
      if (!result.ok && result.code === 'ORDER_NOT_FOUND') throw new AppError('ORDER_NOT_FOUND', `No order ${orderNumber}.`);
      if (!result.ok) throw new AppError('INVALID_STATUS_CHANGE', `Order ${orderNumber} is ${result.current}; it cannot become ${body.status}.`, { current: result.current });
      return { orderNumber, status: result.order.status, tracking: result.order.tracking ?? null, notificationJobKey: result.notificationJobKey };
    },
  }),
];

export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    summary: 'Outbox jobs (notifications, receipts, replies), newest first, by status and kind',
    tag: 'notifications',
    query: notificationListQuery,
    response: { description: '{ jobs: [...] }' },
    async handle({ query }) {
      const jobs = await listJobs({ status: query.status, kind: query.kind }, query.limit);
      return {
        jobs: jobs.map((job) => ({
          jobKey: job.jobKey,
          kind: job.kind,
          status: job.status,
          attempts: job.attempts,
          nextAttemptAt: job.nextAttemptAt,
          lastError: job.lastError ?? null,
          sentAt: job.sentAt ?? null,
          createdAt: job.createdAt,
          // What a staff alert says (customers' payloads stay out of the list: they carry personal data).
          ...(job.kind === STAFF_ALERT_JOB_KIND ? { alert: job.payload as StaffAlertPayload } : {}),
        })),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/notifications/:jobKey/retry',
    operationId: 'retryNotification',
    summary: 'Put a dead job back to pending, to be sent on the next worker pass',
    tag: 'notifications',
    params: z.object({ jobKey: jobKeyParam }).strict(),
    response: { description: 'The job, now pending' },
    errors: ['NOT_FOUND', 'CONFLICT'],
    async handle({ params }) {
      const { jobKey } = params;
      if (!(await findJob(jobKey))) throw new AppError('NOT_FOUND', `No notification job ${jobKey}.`);
      if ((await requeueDeadJob(jobKey, new Date())) === 'not-dead') throw new AppError('CONFLICT', `Job ${jobKey} is not dead; only dead jobs are retried.`);
      return { jobKey, status: 'pending' };
    },
  }),
];
