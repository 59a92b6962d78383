import type { CommerceSettings } from '../../services/settings';
import type { OrderRecord } from '../../store/order-store';

/** The payment credential a platform sends with completion (a token from the payment handler; never card data). */
export interface UcpPaymentCredential {
  handlerId: string;
  type: string;
  token: string;
}

export type ChargeOutcome = { ok: true } | { ok: false; reason: 'declined' | 'unavailable' };

/** Charges a placed order's exact total to the platform's credential. The one call completion makes to payments. */
export type ChargeUcpOrder = (order: OrderRecord, credential: UcpPaymentCredential, settings: CommerceSettings, now: Date) => Promise<ChargeOutcome>;

/**
 * Until the payments domain (services/payments, issue 17) is on main, nothing can charge: completion
 * places the order and then cancels it as unpaid, so no order ships unpaid.
 */
export const chargeThroughPayments: ChargeUcpOrder = async () => ({ ok: false, reason: 'unavailable' });
