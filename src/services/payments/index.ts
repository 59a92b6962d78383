/** The payments domain's API (Stripe): the only way other folders reach payments/. */
export { CARD_SETUP_LINKS_PER_DAY, removeSavedCard, savedCardOf, sendCardSetupLink, startCardSetup, type CardSetupByMessage } from './card-service';
export { cancelOrderAndRefund, type CustomerCancellation } from './cancel-service';
export { expirePaymentHolds } from './hold-service';
export { chargePaymentCredential, payForOrder, paymentOf, pendingPaymentLink, type CredentialCharge, usableCard, type CardFacts, type Payer, type PaymentOutcome, type PendingLink } from './payment-service';
export { reconcilePayments, reconcileYesterday, type Mismatch, type ReconciliationReport } from './reconciliation-service';
export { refundOrder, type RefundResult } from './refund-service';
export { receiveStripeWebhook, SIGNATURE_TOLERANCE_SECONDS, STRIPE_EVENT_LEASE_MS, stripeEventLease, type WebhookOutcome } from './webhook-service';
