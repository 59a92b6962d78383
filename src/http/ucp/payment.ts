import { chargePaymentCredential, type CredentialCharge } from '../../services/payments';
import type { CommerceSettings } from '../../services/settings';
import type { OrderRecord } from '../../store/order-store';

/** The payment credential a platform sends with completion (a token from the payment handler; never card data). */
export interface UcpPaymentCredential {
  handlerId: string;
  type: string;
  token: string;
}

/** Charges a placed order's exact total to the platform's credential. The one call completion makes to payments. */
export type ChargeUcpOrder = (order: OrderRecord, credential: UcpPaymentCredential, settings: CommerceSettings, now: Date) => Promise<CredentialCharge>;

/** Through the payments domain: the credential's token is a Stripe payment method (the Stripe handler's). Used only with PAYMENTS=stripe. */
export const chargeThroughPayments: ChargeUcpOrder = (order, credential, settings) => chargePaymentCredential(order, credential.token, settings);
