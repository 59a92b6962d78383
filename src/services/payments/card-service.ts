import { Types } from 'mongoose';
import type Stripe from 'stripe';
import { findCustomer } from '../../store/customer-store';
import { cardSetupLinkState, linkReachable, queueCardSetupLink } from '../notifications';
import { forgetSavedCard, storeSavedCard, storeStripeCustomer } from '../../store/payment-store';
import { takeRateSlot } from '../../store/rate-store';
import type { CommerceSettings } from '../settings';
import { usableCard, type CardFacts, type Payer } from './payment-service';
import { stripeClient, type StripeSettings } from './stripe-client';

/**
 * Card-setup pages per customer per day (a fixed UTC day, so at most twice this across a midnight).
 * Each costs a Stripe session, and by voice a text of up to 10 segments; without a cap, a customer (or
 * a script) that keeps asking would cost one every few seconds.
 */
export const CARD_SETUP_LINKS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60_000;

/** The customer's Stripe customer, created once (its idempotency key names our customer) and remembered. */
async function stripeCustomerFor(customerId: Types.ObjectId, settings: StripeSettings): Promise<string> {
  const customer = await findCustomer(customerId);
  if (customer?.stripeCustomerId) return customer.stripeCustomerId;
  // Only our id goes to Stripe: the card page asks for what Stripe needs.
  const created = await stripeClient(settings).customers.create({ metadata: { customer_id: String(customerId) } }, { idempotencyKey: `customer:${String(customerId)}` });
  await storeStripeCustomer(customerId, created.id);
  return created.id;
}

/**
 * "Add a card": a Checkout Session in setup mode on Stripe's own page, so the card never reaches us.
 * Its completion (checkout.session.completed) saves the card's reference. Null with payments off;
 * 'daily-limit' once the customer's CARD_SETUP_LINKS_PER_DAY pages are used, counted before Stripe is
 * asked, so a shopper (or a script on an anonymous web chat) repeating "add a card" costs Stripe calls
 * and texts only that many times a day, in chat and by voice alike.
 */
export async function startCardSetup(customerId: Types.ObjectId, settings: CommerceSettings, now = new Date()): Promise<{ url: string } | 'daily-limit' | null> {
  if (settings.payments.provider !== 'stripe') return null;
  if (!(await takeRateSlot(`card-setup-link:${String(customerId)}`, CARD_SETUP_LINKS_PER_DAY, DAY_MS, now))) return 'daily-limit';
  const stripeSettings = settings.payments;
  const stripeCustomer = await stripeCustomerFor(customerId, stripeSettings);
  const session = await stripeClient(stripeSettings).checkout.sessions.create({
    mode: 'setup',
    customer: stripeCustomer,
    currency: settings.pricing.currency.toLowerCase(),
    client_reference_id: String(customerId),
    metadata: { customer_id: String(customerId) },
    success_url: stripeSettings.returnUrl,
    expires_at: Math.floor(now.getTime() / 1000) + stripeSettings.holdMinutes * 60,
  });
  if (!session.url) throw new Error(`Stripe returned setup session ${session.id} without a URL`);
  return { url: session.url };
}

export type CardSetupByMessage = 'sent' | 'already-sent' | 'unreachable' | 'daily-limit';


/**
 * "Add a card" said by voice, which cannot show the page: its link goes to the customer's text channel
 * as a notification, once per window while it is on its way (services/notifications
 * `CARD_SETUP_WINDOW_MS`; a withheld or dead one lets a new ask try again), and at most
 * `CARD_SETUP_LINKS_PER_DAY` a day. Stripe is asked only when this window has no link on its way, some
 * channel that shows links can reach the customer and the day's cap has room, so an anonymous,
 * repeated or excessive ask creates no session and sends nothing. Null with payments off.
 */
export async function sendCardSetupLink(customerId: Types.ObjectId, settings: CommerceSettings, now = new Date()): Promise<CardSetupByMessage | null> {
  if (settings.payments.provider !== 'stripe') return null;
  const state = await cardSetupLinkState(customerId, now);
  if (state.onItsWay) return 'already-sent';
  if (!(await linkReachable(customerId, settings.notifications))) return 'unreachable';
  // A try that loses the race below still used one of the day's pages, which errs on the side of sending less.
  const setup = (await startCardSetup(customerId, settings, now))!;
  if (setup === 'daily-limit') return setup;
  // Two asks racing past the check above: the job's key admits one, and the other hears it is on its way.
  return (await queueCardSetupLink(customerId, setup, state.nextJobKey, now)) ? 'sent' : 'already-sent';
}

/** A completed setup session: the card's reference, brand, last four digits and expiry are saved on our customer; never more. */
export async function saveCardFromSetup(session: Stripe.Checkout.Session, settings: StripeSettings): Promise<void> {
  const customerIdText = session.metadata?.customer_id;
  const setupIntentId = typeof session.setup_intent === 'string' ? session.setup_intent : session.setup_intent?.id;
  const stripeCustomer = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  if (!customerIdText || !Types.ObjectId.isValid(customerIdText) || !setupIntentId || !stripeCustomer) return;
  const intent = await stripeClient(settings).setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
  const method = intent.payment_method;
  if (!method || typeof method === 'string' || !method.card) return;
  await storeSavedCard(new Types.ObjectId(customerIdText), stripeCustomer, { paymentMethodId: method.id, brand: method.card.brand, last4: method.card.last4, expMonth: method.card.exp_month, expYear: method.card.exp_year });
}

/** "Which card do you have?": brand and last four digits, or null (from the customer the turn already read). */
export function savedCardOf(customer: Payer | null): CardFacts | null {
  const card = usableCard(customer);
  return card ? { brand: card.brand, last4: card.last4 } : null;
}

/** "Remove my card": detached from the Stripe customer, then forgotten here. The card removed, or null when there was none. */
export async function removeSavedCard(customer: Payer & { _id: Types.ObjectId }, settings: CommerceSettings): Promise<CardFacts | null> {
  const card = usableCard(customer);
  if (!card) return null;
  if (settings.payments.provider === 'stripe') await stripeClient(settings.payments).paymentMethods.detach(card.paymentMethodId);
  await forgetSavedCard(customer._id);
  return { brand: card.brand, last4: card.last4 };
}
