import type { Types } from 'mongoose';
import type { OrderStatus } from '../../core/order-rules';
import { UCP_CHANNEL } from '../../core/ucp';
import { channelIdentitiesOf, findCustomer, type CustomerRecord } from '../../store/customer-store';
import { stockBalance, setStockLevel } from '../../store/inventory-store';
import type { OrderRecord } from '../../store/order-store';
import { enqueueJob, findJob, type NewOutboxJob } from '../../store/outbox-store';
import { lastInboundAt } from '../../store/session-store';
import { armedAlertsForSku, armStockAlert, disarmStockAlert } from '../../store/stock-alert-store';
import type { Channel } from '../../core/channels';
import type { NotificationChannelSettings } from '../settings';
import { queueNpsQuestion } from '../surveys';

/**
 * What the customer is told about without asking, queued on the outbox (kind 'notification', or
 * 'receipt' for e-mail) with a job key named after its cause, so a cause queues one job however often
 * it is replayed. notify/ decides the channel, consent, quiet hours and format when it sends.
 */

export const NOTIFICATION_JOB_KIND = 'notification';
export const RECEIPT_JOB_KIND = 'receipt';
/** An order status change of a UCP checkout's order, for the platform's order webhook. */
export const UCP_ORDER_UPDATE_JOB_KIND = 'ucp-order-update';

/** Placed is confirmed in the conversation and by the receipt; packing and failures are ours to know. */
export const NOTIFIED_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded'];

export type NotificationPurpose = 'transactional' | 'marketing';

interface PayloadBase {
  customerId: string;
  /** The job key, for platforms that take a reference of ours (Alexa's referenceId). */
  referenceKey: string;
  purpose: NotificationPurpose;
  /** The channel the cause came from (where the order was placed, where the alert was asked for). */
  preferredChannel?: string;
  /**
   * The customer asked for this very message moments ago (and was told it is on its way): quiet hours,
   * which keep unasked messages from buzzing a phone at night, do not hold it. Order updates, payment
   * links and stock alerts are not asked for at that moment, so they still wait.
   */
  askedForNow?: boolean;
}

export type NotificationPayload =
  | (PayloadBase & { type: 'order-status'; orderId: string; orderNumber: string; status: OrderStatus; paymentUrl?: string })
  | (PayloadBase & { type: 'back-in-stock'; sku: string; alertId: string; round: number })
  | (PayloadBase & { type: 'card-setup'; setupUrl: string });

export interface ReceiptPayload {
  orderId: string;
  orderNumber: string;
}

export interface UcpOrderUpdatePayload {
  orderId: string;
  orderNumber: string;
  status: OrderStatus;
  at: string;
}

export function orderStatusJobKey(orderNumber: string, seq: number, status: OrderStatus): string {
  return `order-status:${orderNumber}:${seq}:${status}`;
}

/**
 * Queues the notification for one status change (the status event's seq names it). Changes the
 * customer made themselves (a cancel by chat) were confirmed to them there, so they get no second message.
 */
export async function queueOrderStatusNotification(order: OrderRecord, change: { seq: number; status: OrderStatus; source: string }, now = new Date()): Promise<string | null> {
  // The platform a UCP order came from hears of every change (its own cancellations too): it shows the order's state.
  if (order.channel === UCP_CHANNEL) {
    const payload: UcpOrderUpdatePayload = { orderId: String(order._id), orderNumber: order.orderNumber, status: change.status, at: now.toISOString() };
    await enqueueJob({ jobKey: `ucp-${orderStatusJobKey(order.orderNumber, change.seq, change.status)}`, kind: UCP_ORDER_UPDATE_JOB_KIND, customerId: order.customerId, payload }, now);
  }
  // Delivered: the NPS question follows (once per order; the sender waits NPS_DELAY_HOURS and checks consent).
  if (change.status === 'delivered') await queueNpsQuestion(order, now);
  if (!NOTIFIED_STATUSES.includes(change.status) || change.source.startsWith('customer:')) return null;
  return queueOrderUpdate(order, orderStatusJobKey(order.orderNumber, change.seq, change.status), { status: change.status, preferredChannel: order.channel }, now);
}

/** One order update on the outbox under its job key (its cause), told first where `preferredChannel` says. */
async function queueOrderUpdate(order: OrderRecord, jobKey: string, update: { status: OrderStatus; preferredChannel?: string; paymentUrl?: string }, now: Date): Promise<string> {
  const payload: NotificationPayload = { type: 'order-status', customerId: String(order.customerId), referenceKey: jobKey, orderId: String(order._id), orderNumber: order.orderNumber, purpose: 'transactional', ...update };
  await enqueueJob({ jobKey, kind: NOTIFICATION_JOB_KIND, customerId: order.customerId, payload }, now);
  return jobKey;
}

/**
 * The link to pay for an order that waits for payment, sent as an order update (on the customer's
 * text channel: an order placed by voice cannot show a link), once per order.
 */
export function queuePaymentLink(order: OrderRecord, link: { url: string }, now = new Date()): Promise<string> {
  // No preferred channel: the order's own may be a voice one, which cannot show a link.
  return queueOrderUpdate(order, `payment-link:${order.orderNumber}`, { status: 'awaiting_payment', paymentUrl: link.url }, now);
}

/**
 * One card-setup link on its way per customer per window: a repeated "add a card" inside it sends
 * nothing new and asks Stripe for nothing, while the window's link is pending or sent.
 */
export const CARD_SETUP_WINDOW_MS = 10 * 60_000;

/**
 * The job key of a customer's card-setup link: the fixed window `now` falls in and which try in it
 * (the first has no suffix; a later try follows one the sender withheld or gave up on).
 */
export function cardSetupJobKey(customerId: Types.ObjectId, now: Date, attempt = 1): string {
  const key = `card-setup:${String(customerId)}:${Math.floor(now.getTime() / CARD_SETUP_WINDOW_MS)}`;
  return attempt === 1 ? key : `${key}:${attempt}`;
}

/** This window's card-setup link is on its way, or it is not and a new try takes `nextJobKey`. */
export type CardSetupLinkState = { onItsWay: true } | { onItsWay: false; nextJobKey: string };

/**
 * Whether this window's card-setup link is on its way (its job pending or sent). A link the sender
 * withheld or gave up on (a closed messaging window, a STOP, a country not allowed, a dead number) is
 * not: telling the customer to use it would send them looking for a text that never came, so a new
 * ask tries again under the next key. One equality lookup per earlier try in the window, and tries
 * are few (services/payments caps them per day).
 */
export async function cardSetupLinkState(customerId: Types.ObjectId, now: Date): Promise<CardSetupLinkState> {
  for (let attempt = 1; ; attempt++) {
    const jobKey = cardSetupJobKey(customerId, now, attempt);
    const job = await findJob(jobKey);
    if (!job) return { onItsWay: false, nextJobKey: jobKey };
    if (job.status === 'pending' || job.status === 'sent') return { onItsWay: true };
  }
}

/**
 * The link to Stripe's card-setup page, asked for by voice (which cannot show it), for the customer's
 * text channel: transactional, since they asked. `jobKey` is the free key `cardSetupLinkState` gave;
 * false when another ask took it first.
 */
export async function queueCardSetupLink(customerId: Types.ObjectId, link: { url: string }, jobKey: string, now = new Date()): Promise<boolean> {
  const payload: NotificationPayload = { type: 'card-setup', customerId: String(customerId), referenceKey: jobKey, purpose: 'transactional', askedForNow: true, setupUrl: link.url };
  return enqueueJob({ jobKey, kind: NOTIFICATION_JOB_KIND, customerId, payload }, now);
}

/** Whether this customer's orders get an e-mail receipt: what queueReceipt does, and what the order confirmation may promise. */
export function emailsReceipts(customer: Pick<CustomerRecord, 'email' | 'erasedAt'> | null): boolean {
  return !!customer?.email && !customer.erasedAt;
}

/**
 * Queues an order's e-mail receipt (Amazon requires one for voice purchases; callers check `emailsReceipts`),
 * once: its job key is named after the order, so a resumed placement adds nothing.
 */
export async function queueReceipt(order: OrderRecord, now = new Date()): Promise<string> {
  const job = receiptJob(order);
  await enqueueJob(job, now);
  return job.jobKey;
}

/** The outbox job of an order's e-mail receipt, for a caller that queues it with its other jobs (`enqueueJobs`). */
export function receiptJob(order: OrderRecord): NewOutboxJob {
  const payload: ReceiptPayload = { orderId: String(order._id), orderNumber: order.orderNumber };
  return { jobKey: `receipt:${order.orderNumber}`, kind: RECEIPT_JOB_KIND, customerId: order.customerId, payload };
}

/** Jobs for staff, not customers: the admin notifications list (GET /admin/notifications?kind=staff-alert) is where they are read. */
export const STAFF_ALERT_JOB_KIND = 'staff-alert';

export interface StaffAlertPayload {
  orderNumber: string;
  reason: string;
}

/** Tells staff about an order that needs them (a dispute), once per cause: `causeKey` names it. */
export async function queueStaffAlert(order: Pick<OrderRecord, 'orderNumber'>, reason: string, causeKey: string, now = new Date()): Promise<string> {
  const jobKey = `staff-alert:${causeKey}`;
  const payload: StaffAlertPayload = { orderNumber: order.orderNumber, reason };
  await enqueueJob({ jobKey, kind: STAFF_ALERT_JOB_KIND, payload }, now);
  return jobKey;
}

/**
 * A customer asking to be told when a sku is back. Asked for by the customer, the one message it
 * leads to is a requested service message, sent as transactional; one we set up for them ('merchant')
 * is marketing and needs their marketing opt-in.
 */
export async function requestStockAlert(customerId: Types.ObjectId, sku: string, options: { channel?: string; source?: 'customer' | 'merchant' } = {}, now = new Date()) {
  const alert = await armStockAlert({ customerId, sku, channel: options.channel, source: options.source ?? 'customer' }, now);
  // Already back in stock (a restock that raced the request): tell them now rather than never.
  if ((await stockBalance(sku)) > 0) await queueStockAlerts(sku, now);
  return alert;
}

/** For a sku that has stock, one job per armed alert (per its round); the alerts are then disarmed. */
export async function queueStockAlerts(sku: string, now = new Date()): Promise<number> {
  if ((await stockBalance(sku)) <= 0) return 0;
  let queued = 0;
  for (const alert of await armedAlertsForSku(sku)) {
    const jobKey = `back-in-stock:${String(alert._id)}:${alert.round}`;
    const payload: NotificationPayload = {
      type: 'back-in-stock',
      customerId: String(alert.customerId),
      referenceKey: jobKey,
      sku,
      alertId: String(alert._id),
      round: alert.round,
      purpose: alert.source === 'merchant' ? 'marketing' : 'transactional',
      preferredChannel: alert.channel ?? undefined,
    };
    if (await enqueueJob({ jobKey, kind: NOTIFICATION_JOB_KIND, customerId: alert.customerId, payload }, now)) queued++;
    await disarmStockAlert(alert._id, alert.round, now);
  }
  return queued;
}

/** Sets a sku's stock figure (a count, a delivery) and tells whoever was waiting for it. */
export async function restockProduct(sku: string, level: number, now = new Date()): Promise<{ balance: number; alertsQueued: number }> {
  const { balance } = await setStockLevel(sku, level);
  return { balance, alertsQueued: await queueStockAlerts(sku, now) };
}

export interface NotificationRecipient {
  customer: CustomerRecord;
  /** Where the customer can be reached, each with when they last wrote there (messaging windows). */
  identities: { channel: Channel; externalId: string; lastInboundAt: Date | null }[];
}

/** The customer as a notification needs them; null once erased or gone. */
export async function notificationRecipient(customerId: Types.ObjectId): Promise<NotificationRecipient | null> {
  const customer = await findCustomer(customerId);
  if (!customer || customer.erasedAt) return null;
  const identities = [];
  for (const identity of await channelIdentitiesOf(customerId)) {
    identities.push({ channel: identity.channel as Channel, externalId: identity.externalId, lastInboundAt: await lastInboundAt(identity.channel as Channel, identity.externalId) });
  }
  // Two ids on one channel are one person there (a WhatsApp phone number and BSUID): a message to either
  // opens the platform's window for both.
  for (const identity of identities) {
    for (const other of identities) {
      if (other.channel === identity.channel && other.lastInboundAt && (!identity.lastInboundAt || other.lastInboundAt > identity.lastInboundAt)) identity.lastInboundAt = other.lastInboundAt;
    }
  }
  return { customer, identities };
}

/**
 * The channels a notification is tried on, in order: the customer's own preferences, then the channel
 * the cause came from, then the configured order; only those `canCarry` accepts and the customer has
 * an identity on. The sender asks it at send time; a use case may ask it beforehand (whether a link
 * can reach the customer at all).
 */
export function notificationChannels(recipient: NotificationRecipient, wanted: { preferredChannel?: string; channelOrder: readonly Channel[] }, canCarry: (channel: Channel) => boolean): Channel[] {
  const order = [...(recipient.customer.preferences?.preferredChannels ?? []), wanted.preferredChannel ?? '', ...wanted.channelOrder];
  return [...new Set(order)].filter((channel) => canCarry(channel)).filter((channel) => recipient.identities.some((identity) => identity.channel === channel));
}

/** Whether a link sent now could reach the customer on any channel that shows links (see `notificationChannels`). */
export async function linkReachable(customerId: Types.ObjectId, settings: NotificationChannelSettings): Promise<boolean> {
  const recipient = await notificationRecipient(customerId);
  return !!recipient && notificationChannels(recipient, settings, (channel) => settings.linkChannels.includes(channel)).length > 0;
}

export { findOrderById as orderForNotification } from '../../store/order-store';
