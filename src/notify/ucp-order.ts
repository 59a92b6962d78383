import type { Config } from '../config';
import { UCP_CAPABILITIES, UCP_VERSION, ucpLineItem, ucpTotals } from '../core/ucp';
import type { orderForNotification, UcpOrderUpdatePayload } from '../services/notifications';
import { ucpCheckoutIdOfOrder } from '../store/ucp-checkout-store';

type StoredOrder = NonNullable<Awaited<ReturnType<typeof orderForNotification>>>;

/** How our statuses read as UCP fulfillment events and adjustments. UNCONFIRMED: event type names beyond "shipped"/"delivered". */
const FULFILLMENT_EVENTS: Record<string, string> = { shipped: 'shipped', delivered: 'delivered' };
const ADJUSTMENTS: Record<string, string> = { cancelled: 'cancellation', refunded: 'refund', returned: 'return' };

/** The order as UCP's order capability describes it, with this change as its newest event. */
export async function ucpOrderBody(config: Config, order: StoredOrder, change: UcpOrderUpdatePayload) {
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const lineItems = order.lines.map((line, index) => {
    const item = ucpLineItem(line, index);
    const fulfilled = change.status === 'shipped' || change.status === 'delivered' ? line.quantity : 0;
    return { ...item, quantity: { total: line.quantity, fulfilled }, status: fulfilled === line.quantity ? 'fulfilled' : 'processing' };
  });
  const allLines = lineItems.map((line) => ({ id: line.id, quantity: line.quantity.total }));
  const event = FULFILLMENT_EVENTS[change.status];
  const adjustment = ADJUSTMENTS[change.status];
  return {
    ucp: { version: UCP_VERSION, capabilities: { [UCP_CAPABILITIES.order]: [{ version: UCP_VERSION }] } },
    id: order.orderNumber,
    checkout_id: (await ucpCheckoutIdOfOrder(order.orderNumber)) ?? order.orderNumber,
    permalink_url: `${base}/orders/${order.orderNumber}`,
    currency: order.currency,
    status: change.status,
    line_items: lineItems,
    fulfillment: {
      expectations: [],
      events: event
        ? [
            {
              id: `${order.orderNumber}-${change.status}`,
              occurred_at: change.at,
              type: event,
              line_items: allLines,
              ...(order.tracking?.number ? { tracking_number: order.tracking.number } : {}),
              ...(order.tracking?.url ? { tracking_url: order.tracking.url } : {}),
              ...(order.tracking?.carrier ? { carrier: order.tracking.carrier } : {}),
            },
          ]
        : [],
    },
    adjustments: adjustment ? [{ id: `${order.orderNumber}-${change.status}`, type: adjustment, occurred_at: change.at, status: 'completed', line_items: allLines, amount: order.totalMinor }] : [],
    totals: ucpTotals({ currency: order.currency, subtotalMinor: order.subtotalMinor, taxMinor: order.taxMinor, deliveryFeeMinor: order.deliveryFeeMinor, totalMinor: order.totalMinor }),
  };
}
