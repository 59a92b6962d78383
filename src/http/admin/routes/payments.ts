import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { reconcilePayments, refundOrder } from '../../../services/payments';
import { commerceSettings } from '../../../services/settings';
import { linkChannels } from '../../../channels/registry';
import { findOrderByNumber } from '../../../store/order-store';
import { defineRoute } from '../route-table';
import { orderNumberParams } from '../schemas';

const DAY_MS = 24 * 60 * 60_000;

export const paymentRoutes = [
  defineRoute({
    method: 'post',
    path: '/orders/:orderNumber/refunds',
    operationId: 'refundOrder',
    summary: 'Refund an order through Stripe: all that is left of what was paid, or `amountMinor` of it (a partial refund for a return); the order becomes refunded when Stripe confirms',
    tag: 'payments',
    params: orderNumberParams,
    body: z.object({ amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
    response: { description: 'The refund as Stripe answered it: its id, amount and status' },
    errors: ['ORDER_NOT_FOUND', 'REFUND_NOT_ALLOWED', 'PAYMENT_UNAVAILABLE'],
    async handle({ params, body }, { config }) {
      const order = await findOrderByNumber(params.orderNumber);
      if (!order) throw new AppError('ORDER_NOT_FOUND', `No order ${params.orderNumber}.`);
      const refund = await refundOrder(order._id, body.amountMinor, commerceSettings(config, { linkChannels: linkChannels() }));
      if (!refund.ok) throw new AppError('REFUND_NOT_ALLOWED', `Order ${params.orderNumber} has ${refund.refundableMinor} left to refund.`, { refundableMinor: refund.refundableMinor });
      return { orderNumber: order.orderNumber, refundId: refund.refundId, amountMinor: refund.amountMinor, status: refund.status };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/payments/reconciliation',
    operationId: 'reconcilePayments',
    summary: "Stripe's PaymentIntents and refunds of a period (at most 31 days) against our orders: paid with no order, order paid with no payment, amount differs, refund missing, disputed",
    tag: 'payments',
    query: z
      .object({ from: z.coerce.date(), to: z.coerce.date() })
      .strict()
      .refine((period) => period.from < period.to && period.to.getTime() - period.from.getTime() <= 31 * DAY_MS, { message: 'from must be before to, at most 31 days apart' }),
    response: { description: 'The counts compared and every mismatch' },
    errors: ['NOT_FOUND', 'PAYMENT_UNAVAILABLE'],
    async handle({ query }, { config }) {
      const report = await reconcilePayments(query.from, query.to, commerceSettings(config, { linkChannels: linkChannels() }));
      if (!report) throw new AppError('NOT_FOUND', 'Payments are off (PAYMENTS=off).');
      return report;
    },
  }),
];
