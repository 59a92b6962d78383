import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { changeCustomerCart, viewCart, type CartView } from '../cart';
import { consentGiven } from '../customers';
import { recentOrders } from '../orders';
import type { CommerceSettings } from '../settings';
import { customerSummary } from '../../store/admin-store';

/** Orders the customer panel lists, newest first. */
const PANEL_ORDERS = 5;

export interface CustomerPanel {
  name: string | null;
  locale: string;
  timeZone: string;
  identities: { channel: string; externalId: string }[];
  cart: CartView;
  orders: { orderNumber: string; status: string; totalMinor: number; currency: string; placedAt: Date | null }[];
  /** Per channel of the customer: may we send them messages there (transactional), and marketing. */
  consent: { channel: string; messages: boolean; marketing: boolean }[];
  /** Interest tags agents (or the event dialog, or the admin API) put on the customer. */
  interests: string[];
}

/** Who the agent is talking to: profile, identities on every channel, cart, recent orders with status, consent, locale, interests. */
export async function customerPanel(customerId: Types.ObjectId, settings: CommerceSettings): Promise<CustomerPanel | null> {
  const summary = await customerSummary(customerId);
  if (!summary) return null;
  const channels = [...new Set(summary.identities.map((identity) => identity.channel as Channel))];
  const [cart, orders, consent] = await Promise.all([
    changeCustomerCart(customerId, settings, (work) => viewCart(work, settings)),
    recentOrders(customerId, { limit: PANEL_ORDERS, includeCancelled: true }),
    Promise.all(channels.map(async (channel) => ({ channel, messages: await consentGiven(customerId, channel, 'transactional'), marketing: await consentGiven(customerId, channel, 'marketing') }))),
  ]);
  return {
    name: (summary as { displayName?: string | null }).displayName ?? null,
    locale: summary.locale,
    timeZone: summary.timeZone,
    identities: summary.identities.map((identity) => ({ channel: identity.channel, externalId: identity.externalId })),
    cart,
    orders: orders.map((order) => ({ orderNumber: order.orderNumber, status: order.status, totalMinor: order.totalMinor, currency: order.currency, placedAt: order.placedAt ?? null })),
    consent,
    interests: summary.interests ?? [],
  };
}
