import type { Channel } from '../../core/channels';
import type { OrderRecord } from '../../store/order-store';
import { clearHold, findPayment, updatePayment } from '../../store/payment-store';
import { cancelOrderForCustomer, type CancelResult } from '../orders';
import type { CommerceSettings } from '../settings';
import { expireSession } from './hold-service';
import { refundOrder, type RefundResult } from './refund-service';

export type CustomerCancellation = Exclude<CancelResult, { ok: true }> | (Extract<CancelResult, { ok: true }> & { refund: RefundResult });

/**
 * A customer's cancellation, the one use case every channel calls (chat, voice, MCP): the order is
 * cancelled (stock and spend given back), a Checkout Session it was waiting on is expired so the link
 * can no longer be paid, and whatever was paid is refunded in full. A payment that lands after all
 * (the session completed while we expired it) finds a cancelled order and is refunded by its webhook.
 */
export async function cancelOrderAndRefund(order: OrderRecord, channel: Channel, settings: CommerceSettings, now = new Date()): Promise<CustomerCancellation> {
  const cancelled = await cancelOrderForCustomer(order, channel, now);
  if (!cancelled.ok) return cancelled;
  const payment = settings.payments.provider === 'stripe' ? await findPayment(order._id) : null;
  if (payment?.checkoutSessionId && payment.status === 'awaiting-customer' && settings.payments.provider === 'stripe') {
    // Stripe unreachable: the hold stays, and its expiry (maintenance) expires the session later.
    const expired = await expireSession(payment.checkoutSessionId, settings.payments).catch(() => null);
    if (expired !== null) {
      await updatePayment(order._id, { status: 'expired' }, 'awaiting-customer');
      await clearHold(order._id);
    }
  }
  return { ...cancelled, refund: await refundOrder(order._id, undefined, settings) };
}
