import { parsePastDate } from '../../core/dates';
import { customerMayCancel, type OrderStatus } from '../../core/order-rules';
import { addToCart } from '../../services/cart';
import { refundOrder } from '../../services/payments';
import { cancelOrderForCustomer, compareWithToday, findCustomerOrderByNumber, findReorderSource, recentOrders, type ReorderSelector } from '../../services/orders';
import { errorReply, reply, yesNoChoices, type Flow, type FlowContext } from '../context';
import { takePending } from '../dialog';
import { startCheckout } from './checkout';

function selectorFrom(ctx: FlowContext): ReorderSelector {
  const { slots } = ctx.intent;
  if (slots.orderNumber) return { kind: 'number', orderNumber: slots.orderNumber };
  if (slots.reorderOf === 'usual') return { kind: 'usual' };
  const date = slots.date ? parsePastDate(slots.date, ctx.now, ctx.work.timeZone) : null;
  if (date) return { kind: 'date', date };
  return { kind: 'last' };
}

export const reorderFlow: Flow = {
  name: 'reorder',
  canHandle: (ctx) => ctx.intent.name === 'Reorder',
  async handle(ctx) {
    const source = await findReorderSource(ctx.customerId, selectorFrom(ctx), ctx.work.timeZone, ctx.now);
    if (!source) return reply(ctx, [ctx.messages.noPastOrders(), ctx.messages.anythingElse()], { errorCode: 'ORDER_NOT_FOUND' });
    const lines = await compareWithToday(source, ctx.turn.locale);
    const available = lines.filter((line) => line.availableQuantity > 0);
    if (available.length === 0) return reply(ctx, [ctx.messages.reorderNothingAvailable(), ctx.messages.anythingElse()]);
    ctx.dialog.pending = { kind: 'reorder', orderNumber: source.orderNumber, lines: available.map((line) => ({ sku: line.sku, quantity: line.availableQuantity })) };
    const summary = ctx.messages.reorderSummary({ orderNumber: source.orderNumber, placedAt: source.placedAt ?? source.createdAt, lines });
    return reply(ctx, summary, { choices: yesNoChoices(ctx), confirmation: { kind: 'reorder', token: source.orderNumber }, reprompt: summary });
  },
};

/** "Yes" to a reorder summary: the available lines go into the cart at today's prices, then the usual read-back. */
export const reorderAnswerFlow: Flow = {
  name: 'reorder-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'reorder' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'reorder');
    if (ctx.intent.name === 'No') return reply(ctx, ctx.messages.anythingElse());
    for (const line of pending.lines) {
      const added = await addToCart(ctx.work, line.sku, line.quantity, ctx.settings);
      if (!added.ok && added.code === 'OUT_OF_STOCK') return reply(ctx, [ctx.messages.onlyInStock(added.product.name, added.available), ctx.messages.anythingElse()], { errorCode: 'OUT_OF_STOCK' });
    }
    return startCheckout(ctx);
  },
};

export const orderStatusFlow: Flow = {
  name: 'order-status',
  canHandle: (ctx) => ctx.intent.name === 'OrderStatus',
  async handle(ctx) {
    const number = ctx.intent.slots.orderNumber;
    const order = number ? await findCustomerOrderByNumber(ctx.customerId, number) : (await recentOrders(ctx.customerId, { limit: 1, includeCancelled: true }))[0];
    if (!order) return number ? errorReply(ctx, 'ORDER_NOT_FOUND') : reply(ctx, [ctx.messages.noOrders(), ctx.messages.anythingElse()]);
    return reply(ctx, [
      ctx.messages.orderStatus({ orderNumber: order.orderNumber, status: order.status, placedAt: order.placedAt, cancellableUntil: order.cancellableUntil, tracking: order.tracking, now: ctx.now }),
      ctx.messages.anythingElse(),
    ]);
  },
};

export const cancelOrderFlow: Flow = {
  name: 'cancel-order',
  canHandle: (ctx) => ctx.intent.name === 'CancelOrder',
  async handle(ctx) {
    const number = ctx.intent.slots.orderNumber;
    const order = number
      ? await findCustomerOrderByNumber(ctx.customerId, number)
      : (await recentOrders(ctx.customerId, { limit: 5 })).find((candidate) => ['placed', 'awaiting_payment', 'paid'].includes(candidate.status));
    if (!order) return number ? errorReply(ctx, 'ORDER_NOT_FOUND') : reply(ctx, [ctx.messages.noOrderToCancel(), ctx.messages.anythingElse()]);
    if (!customerMayCancel({ status: order.status as OrderStatus, cancellableUntil: order.cancellableUntil }, ctx.now)) return errorReply(ctx, 'CANCEL_WINDOW_CLOSED');
    ctx.dialog.pending = { kind: 'cancel-order', orderNumber: order.orderNumber };
    const question = ctx.messages.confirmCancel(order.orderNumber, order.totalMinor);
    return reply(ctx, question, { choices: yesNoChoices(ctx), confirmation: { kind: 'cancel-order', token: order.orderNumber }, reprompt: question });
  },
};

export const cancelAnswerFlow: Flow = {
  name: 'cancel-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'cancel-order' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'cancel-order');
    if (ctx.intent.name === 'No') return reply(ctx, [ctx.messages.keptOrder(), ctx.messages.anythingElse()]);
    const order = await findCustomerOrderByNumber(ctx.customerId, pending.orderNumber);
    if (!order) return errorReply(ctx, 'ORDER_NOT_FOUND');
    const result = await cancelOrderForCustomer(order, ctx.turn.channel, ctx.now);
    if (!result.ok) return errorReply(ctx, result.code);
    // A cancellation inside the window gives back everything paid; a payment still on its way is refunded when it lands.
    const refund = await refundOrder(order._id, undefined, ctx.settings);
    const refunded = refund.ok ? [ctx.messages.refundStarted(refund.amountMinor)] : [];
    return reply(ctx, [ctx.messages.orderCancelled(order.orderNumber), ...refunded, ctx.messages.anythingElse()]);
  },
};
