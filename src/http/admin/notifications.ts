import type { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { OUTBOX_STATUSES } from '../../../models';
import { updateOrderStatus } from '../../services/order-service';
import { findJob, listJobs, requeueDeadJob } from '../../store/outbox-store';

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

/** POST /orders/:orderNumber/status: records the change through the order service, which queues its notification. */
export function registerOrderStatusRoute(router: Router): void {
  router.post('/orders/:orderNumber/status', async (req, res) => {
    const orderNumber = orderNumberParam.parse(req.params.orderNumber);
    const body = orderStatusBody.parse(req.body);
    const result = await updateOrderStatus(orderNumber, body.status, 'admin', { note: body.note, tracking: body.tracking });
    if (!result.ok && result.code === 'ORDER_NOT_FOUND') throw new AppError('ORDER_NOT_FOUND', `No order ${orderNumber}.`);
    if (!result.ok) throw new AppError('INVALID_STATUS_CHANGE', `Order ${orderNumber} is ${result.current}; it cannot become ${body.status}.`, { current: result.current });
    res.json({ orderNumber, status: result.order.status, tracking: result.order.tracking ?? null, notificationJobKey: result.notificationJobKey });
  });
}

/** GET /notifications (filter by status, kind) and POST /notifications/:jobKey/retry (dead back to pending). */
export function registerNotificationRoutes(router: Router): void {
  router.get('/notifications', async (req, res) => {
    const query = notificationListQuery.parse(req.query);
    const jobs = await listJobs({ status: query.status, kind: query.kind }, query.limit);
    res.json({
      jobs: jobs.map((job) => ({
        jobKey: job.jobKey,
        kind: job.kind,
        status: job.status,
        attempts: job.attempts,
        nextAttemptAt: job.nextAttemptAt,
        lastError: job.lastError ?? null,
        sentAt: job.sentAt ?? null,
        createdAt: job.createdAt,
      })),
    });
  });

  router.post('/notifications/:jobKey/retry', async (req, res) => {
    const jobKey = jobKeyParam.parse(req.params.jobKey);
    if (!(await findJob(jobKey))) throw new AppError('NOT_FOUND', `No notification job ${jobKey}.`);
    if ((await requeueDeadJob(jobKey, new Date())) === 'not-dead') throw new AppError('CONFLICT', `Job ${jobKey} is not dead; only dead jobs are retried.`);
    res.json({ jobKey, status: 'pending' });
  });
}
