import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import Stripe from 'stripe';
import request from 'supertest';
import { ALL_MODELS, CustomerModel, InboundLeaseModel, OrderModel, OrderStatusEventModel, OutboxModel, PaymentModel, ProcessedEventModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createLogger } from '../../src/logger';
import { renderMessengerMessages } from '../../src/channels/messenger/render';
import { renderSms } from '../../src/channels/sms/render';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { runMaintenance } from '../../src/services/maintenance';
import { updateOrderStatus } from '../../src/services/orders';
import { CARD_SETUP_LINKS_PER_DAY, cancelOrderAndRefund, STRIPE_EVENT_LEASE_MS, stripeEventLease } from '../../src/services/payments';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { claimEventKeepingAnswer } from '../../src/store/event-store';
import { stockBalance } from '../../src/store/inventory-store';
import { takeLease } from '../../src/store/lease';
import { linkedAlexaToken } from '../support/alexa-linking';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { silentLog, TEST_ADMIN_KEY, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';

/**
 * Issue 17: charging at placement, paying by link, the signed webhook and refunds, over the real
 * endpoints where a shopper or Stripe would call them. Stripe is faked with nock at its base URL:
 * every request body is asserted field by field as the official client form-encodes it.
 */

const WEBHOOK_SECRET = 'whsec_paymentsTestSecret';
const config = testConfig({ PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_paymentsTestKey', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PUBLIC_BASE_URL: 'https://shop.example.com' });
const settings = commerceSettings(config, { linkChannels: linkChannels() });
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const logLines: string[] = [];
const log = createLogger('debug', { write: (line: string) => logLines.push(line) });
const app = createApp({ config, log, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
const STRIPE = 'https://api.stripe.com';
const signer = new Stripe('sk_test_signerOnly');

const COFFEE = { value: 'colombian coffee', id: 'COF-001' };
/** One Colombian Coffee: 12.99, tax 8.25 % (1.07), delivery 4.99. */
const ONE_COFFEE_TOTAL = 1905;
const CARD = { paymentMethodId: 'pm_card_visa', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 };

/** What the official client sent, as the flat form fields Stripe reads (`metadata[order_id]`, `line_items[0][quantity]`); nock hands over the parsed form. */
type Form = Record<string, string>;
const formOf = (body: unknown): Form => ({ ...(body as Form) });

/** One Stripe POST with our key, recorded with its idempotency key; answers `reply`. */
function stripePost(path: string, reply: (form: Form) => [number, object] | [number, object, Record<string, string>]) {
  const seen: { form: Form; idempotencyKey: string | undefined }[] = [];
  let idempotencyKey: string | undefined;
  const scope = nock(STRIPE)
    .post(path, (body: unknown) => {
      seen.push({ form: formOf(body), idempotencyKey });
      return true;
    })
    .matchHeader('authorization', 'Bearer sk_test_paymentsTestKey')
    .matchHeader('idempotency-key', (value: string | undefined) => {
      // nock may check headers before or after the body: the key lands on its request either way.
      idempotencyKey = value;
      const last = seen.at(-1);
      if (last && last.idempotencyKey === undefined) last.idempotencyKey = value;
      return true;
    })
    .reply(() => reply(seen.at(-1)!.form));
  return { scope, seen };
}

function signedEvent(event: object, options: { timestamp?: number; secret?: string } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp ?? Math.floor(Date.now() / 1000) });
  return { payload, header };
}

function postWebhook(payload: string, header?: string) {
  const req = request(app).post('/stripe/webhook').set('content-type', 'application/json');
  return (header === undefined ? req : req.set('stripe-signature', header)).send(payload);
}

let eventSeq = 0;
function intentSucceeded(orderId: Types.ObjectId, orderNumber: string, amount: number, id = `evt_succeeded${++eventSeq}`) {
  return { id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_for_${orderNumber.replace('-', '')}`, object: 'payment_intent', amount, amount_received: amount, currency: 'usd', status: 'succeeded', metadata: { order_id: String(orderId), order_number: orderNumber } } } };
}
function sessionCompleted(orderId: Types.ObjectId, orderNumber: string, amount: number, id = `evt_completed${++eventSeq}`) {
  return { id, object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_link', object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: amount, payment_intent: `pi_for_${orderNumber.replace('-', '')}`, metadata: { order_id: String(orderId), order_number: orderNumber } } } };
}

async function saveCard(customerId: Types.ObjectId): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { stripeCustomerId: 'cus_saved', savedCard: CARD } });
}

/** Stripe's list endpoints (the daily reconciliation maintenance runs) answering with nothing. */
function emptyStripeLists(): void {
  for (const path of ['/v1/payment_intents', '/v1/refunds']) nock(STRIPE).get(path).query(true).reply(200, { object: 'list', data: [], has_more: false, url: path });
}

/** An SMS shopper (with or without a saved card) who put one Colombian Coffee in the cart and heard the read-back. */
async function readBackOneCoffee(phone: string, options: { card: boolean }): Promise<{ customerId: Types.ObjectId; shopper: Shopper }> {
  const customerId = await addCustomer({ channel: 'sms', externalId: phone });
  if (options.card) await saveCard(customerId);
  const shopper = new Shopper('sms', phone, { settings });
  shopper.now = new Date();
  await shopper.says('add 1 colombian coffee');
  await shopper.says('checkout');
  return { customerId, shopper };
}

const paidEvents = async (orderId: Types.ObjectId) => OrderStatusEventModel.countDocuments({ orderId, status: 'paid' });

describe('payments through Stripe (issue 17)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    nock.cleanAll();
  });

  describe('a voice order with a saved card', () => {
    const USER = 'amzn1.ask.account.PAYMENTS';
    let customerId: Types.ObjectId;
    let token = '';
    const say = async (body: Parameters<typeof alexaEnvelope>[0]) => {
      const res = await postSigned(app, alexaEnvelope(body, { userId: USER, accessToken: token, apiAccessToken: null }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml ?? '';
    };

    beforeEach(async () => {
      customerId = await addCustomer({ channel: 'alexa', externalId: USER });
      await CustomerModel.updateOne({ _id: customerId }, { $set: { email: 'payer@example.com' } });
      await saveCard(customerId);
      token = await linkedAlexaToken(customerId, config);
    });

    it('names the card, charges the exact total off-session once, and is paid after the webhook', async () => {
      await say(intent('AddToCartIntent', { product: COFFEE, quantity: '1' }));
      const readBack = await say(intent('CheckoutIntent'));
      assert.match(readBack, /I will charge your Visa ending 4242\./);

      const charge = stripePost('/v1/payment_intents', (form) => [200, { id: 'pi_voice', object: 'payment_intent', status: 'succeeded', amount: Number(form.amount), currency: 'usd' }]);
      const placed = await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
      assert.match(placed, /order number/);
      assert.match(placed, /I charged your Visa ending 4242\./);
      assert.ok(charge.scope.isDone());

      const order = (await OrderModel.findOne({ customerId }).lean())!;
      assert.equal(order.totalMinor, ONE_COFFEE_TOTAL);
      assert.deepEqual(charge.seen.map((s) => s.form), [
        {
          amount: String(ONE_COFFEE_TOTAL),
          currency: 'usd',
          customer: 'cus_saved',
          payment_method: 'pm_card_visa',
          off_session: 'true',
          confirm: 'true',
          description: `Order ${order.orderNumber}`,
          'metadata[order_id]': String(order._id),
          'metadata[order_number]': order.orderNumber,
        },
      ]);
      assert.equal(charge.seen[0]!.idempotencyKey, `charge:${order.idempotencyKey}`);
      assert.equal(order.status, 'placed', 'paid only when Stripe confirms');

      const { payload, header } = signedEvent(intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL));
      const res = await postWebhook(payload, header);
      assert.equal(res.status, 200);
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'paid');
      const jobs = (await OutboxModel.find({ customerId }).lean()).map((job) => job.jobKey).sort();
      assert.deepEqual(jobs, [`order-placed-insights:${order.orderNumber}`, `order-status:${order.orderNumber}:0:paid`, `receipt:${order.orderNumber}`]);
    });
  });

  describe('a WhatsApp order without a card', () => {
    const ALICE = '15550100001';
    const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
    let wamid = 0;
    const whatsapp = async (text: string) => {
      const body = whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: ALICE, name: 'Alice', message: { id: `wamid.PAYMENTS${++wamid}`, type: 'text', text: { body: text } } });
      assert.equal((await postMetaWebhook(app, '/whatsapp', body)).status, 200);
      await drainBackground();
    };

    it('sends the Checkout link with the exact lines, then the webhook makes it paid', async () => {
      const sent: { type: string; text?: { body: string }; interactive?: { body: { text: string }; action?: unknown } }[] = [];
      nock('https://graph.facebook.com')
        .persist()
        .post(GRAPH_SEND, (body: (typeof sent)[number]) => sent.push(body) > 0)
        .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] });
      await whatsapp('add 2 colombian coffee');
      await whatsapp('checkout');
      assert.match(sent.at(-1)!.interactive?.body.text ?? '', /I will send you a link to pay\./);

      const session = stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_link', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_link' }]);
      await whatsapp('yes');
      assert.ok(session.scope.isDone());
      const order = (await OrderModel.findOne({ channel: 'whatsapp' }).lean())!;
      assert.equal(order.status, 'awaiting_payment');
      // 2 x 12.99 = 25.98, tax 2.14, delivery 4.99: Stripe's total is ours to the cent.
      const form = session.seen[0]!.form;
      const expiresAt = Number(form.expires_at);
      assert.deepEqual(form, {
        mode: 'payment',
        'line_items[0][quantity]': '2',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '1299',
        'line_items[0][price_data][product_data][name]': 'Colombian Coffee',
        'line_items[1][quantity]': '1',
        'line_items[1][price_data][currency]': 'usd',
        'line_items[1][price_data][unit_amount]': String(order.taxMinor),
        'line_items[1][price_data][product_data][name]': 'Tax',
        'line_items[2][quantity]': '1',
        'line_items[2][price_data][currency]': 'usd',
        'line_items[2][price_data][unit_amount]': '499',
        'line_items[2][price_data][product_data][name]': 'Delivery',
        client_reference_id: String(order._id),
        expires_at: String(expiresAt),
        success_url: 'https://shop.example.com/stripe/return',
        'metadata[order_id]': String(order._id),
        'metadata[order_number]': order.orderNumber,
        'payment_intent_data[metadata][order_id]': String(order._id),
        'payment_intent_data[metadata][order_number]': order.orderNumber,
        'payment_intent_data[description]': `Order ${order.orderNumber}`,
      });
      assert.equal(2 * 1299 + order.taxMinor + 499, order.totalMinor);
      assert.ok(Math.abs(expiresAt * 1000 - (Date.now() + 30 * 60_000)) < 60_000, 'the link expires with the 30-minute hold');
      assert.equal(session.seen[0]!.idempotencyKey, `checkout:${order.idempotencyKey}`);
      // The link as WhatsApp's own CTA URL button, its text saying the same.
      const linkMessage = sent.at(-1)!;
      assert.equal(linkMessage.type, 'interactive');
      assert.deepEqual(linkMessage.interactive?.action, { name: 'cta_url', parameters: { display_text: 'Pay now', url: 'https://checkout.stripe.com/c/pay/cs_test_link' } });
      assert.match(linkMessage.interactive?.body.text ?? '', /Please pay here: https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_link\. I'll hold your items for 30 minutes\./);

      const { payload, header } = signedEvent(sessionCompleted(order._id, order.orderNumber, order.totalMinor));
      assert.equal((await postWebhook(payload, header)).status, 200);
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'paid');
    });
  });

  it('renders the payment link as a Messenger button template and as short SMS text', async () => {
    const { shopper } = await readBackOneCoffee('+14155550148', { card: false });
    stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_render', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_render' }]);
    const placed = await shopper.says('yes');
    assert.deepEqual(placed.link, { label: 'Pay now', url: 'https://checkout.stripe.com/c/pay/cs_test_render' });
    const messenger = renderMessengerMessages(placed, { platform: 'messenger' }).at(-1)!;
    assert.ok('attachment' in messenger);
    const template = messenger.attachment.payload;
    assert.equal(template.template_type, 'button');
    assert.deepEqual(template.template_type === 'button' && template.buttons, [{ type: 'web_url', title: 'Pay now', url: 'https://checkout.stripe.com/c/pay/cs_test_render' }]);
    const sms = renderSms(placed, { segmentBudget: config.SMS_SEGMENT_BUDGET });
    assert.match(sms.body, /Please pay here: https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_render\./);
  });

  it('"add a card" opens a setup page on Stripe for the customer; "which card" and "remove my card" say and forget only brand and last 4', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+14155550149' });
    const shopper = new Shopper('sms', '+14155550149', { settings });
    const customer = stripePost('/v1/customers', () => [200, { id: 'cus_fresh', object: 'customer' }]);
    const setup = stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_setup_fresh', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_setup_fresh' }]);
    const added = await shopper.says('add a card');
    assert.equal(added.text, "Add your card on Stripe's secure page: https://checkout.stripe.com/c/pay/cs_setup_fresh");
    assert.deepEqual(added.link, { label: 'Add card', url: 'https://checkout.stripe.com/c/pay/cs_setup_fresh' });
    assert.deepEqual(customer.seen[0]!.form, { 'metadata[customer_id]': String(customerId) });
    assert.equal(customer.seen[0]!.idempotencyKey, `customer:${String(customerId)}`);
    const form = setup.seen[0]!.form;
    assert.deepEqual(form, {
      mode: 'setup',
      customer: 'cus_fresh',
      currency: 'usd',
      client_reference_id: String(customerId),
      'metadata[customer_id]': String(customerId),
      success_url: 'https://shop.example.com/stripe/return',
      expires_at: form.expires_at,
    });

    assert.match((await shopper.says('which card do you have?')).text, /^You have no card saved\./);
    await saveCard(customerId);
    assert.match((await shopper.says('which card do you have?')).text, /^Your saved card is the Visa ending 4242\./);
    const detach = stripePost('/v1/payment_methods/pm_card_visa/detach', () => [200, { id: 'pm_card_visa', object: 'payment_method' }]);
    assert.match((await shopper.says('remove my card')).text, /^I removed your Visa ending 4242\./);
    assert.ok(detach.scope.isDone());
    assert.equal((await CustomerModel.findById(customerId).lean())!.savedCard, undefined);
  });

  it(`"add a card" in chat opens at most ${CARD_SETUP_LINKS_PER_DAY} card pages a day: the next ask is told so, and Stripe is not asked`, async () => {
    await addCustomer({ channel: 'sms', externalId: '+14155550151' });
    const shopper = new Shopper('sms', '+14155550151', { settings });
    stripePost('/v1/customers', () => [200, { id: 'cus_capped', object: 'customer' }]);
    const pages = Array.from({ length: CARD_SETUP_LINKS_PER_DAY }, (_, i) => stripePost('/v1/checkout/sessions', () => [200, { id: `cs_setup_${i}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_setup_${i}` }]));
    for (let ask = 0; ask < CARD_SETUP_LINKS_PER_DAY; ask++) {
      assert.equal((await shopper.says('add a card')).text, `Add your card on Stripe's secure page: https://checkout.stripe.com/c/pay/cs_setup_${ask}`);
    }
    assert.ok(pages.every((page) => page.scope.isDone()));

    // No Stripe request is faked any more: one would fail the turn.
    const refused = await shopper.says('add a card');
    assert.match(refused.text, /^You've asked for several card pages today, so I won't open another now\. Please use the last link I gave you, or try again tomorrow\./);
    assert.equal(refused.link, undefined);
    assert.deepEqual(nock.pendingMocks(), []);
  });

  it('a charge that fails after it was accepted sends the payment link to the customer\'s text channel', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550150', { card: true });
    stripePost('/v1/payment_intents', () => [200, { id: 'pi_later', object: 'payment_intent', status: 'processing' }]);
    await shopper.says('yes');
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    const session = stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_later', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_later' }]);
    const failed = signedEvent({ id: 'evt_failed', object: 'event', type: 'payment_intent.payment_failed', data: { object: { id: 'pi_later', object: 'payment_intent', status: 'requires_payment_method', metadata: { order_id: String(order._id) } } } });
    assert.equal((await postWebhook(failed.payload, failed.header)).status, 200);
    assert.ok(session.scope.isDone());
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'awaiting_payment');
    const job = (await OutboxModel.findOne({ jobKey: `payment-link:${order.orderNumber}` }).lean())!;
    assert.equal((job.payload as { paymentUrl: string }).paymentUrl, 'https://checkout.stripe.com/c/pay/cs_test_later');
  });

  describe('declines, authentication and the hold', () => {
    let customerId: Types.ObjectId;
    let shopper: Shopper;
    beforeEach(async () => {
      customerId = await addCustomer({ channel: 'sms', externalId: '+14155550142' });
      await saveCard(customerId);
      shopper = new Shopper('sms', '+14155550142', { settings });
      shopper.now = new Date();
    });

    async function placeWithCardError(code: string, declineCode: string) {
      await shopper.says('add 1 colombian coffee');
      await shopper.says('checkout');
      const charge = stripePost('/v1/payment_intents', () => [402, { error: { type: 'card_error', code, decline_code: declineCode, message: 'declined', payment_intent: { id: 'pi_declined', object: 'payment_intent', status: 'requires_payment_method' } } }]);
      const session = stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_retry', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_retry' }]);
      const reply = await shopper.says('yes');
      assert.ok(charge.scope.isDone() && session.scope.isDone());
      return { reply, order: (await OrderModel.findOne({ customerId }).lean())! };
    }

    it('a declined card leaves the order awaiting payment, stock held, with a link', async () => {
      const { reply, order } = await placeWithCardError('card_declined', 'insufficient_funds');
      assert.match(reply.text, /Your card was declined\. Please pay here: https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_retry\./);
      assert.equal(order.status, 'awaiting_payment');
      assert.equal(await stockBalance('COF-001'), 49);
      assert.equal((await PaymentModel.findById(order._id).lean())!.paymentIntentId, 'pi_declined');
    });

    it('a bank asking for authentication gets a link too; past the hold the stock goes back and the customer is told', async () => {
      const { reply, order } = await placeWithCardError('authentication_required', 'authentication_required');
      assert.match(reply.text, /Your bank wants you to confirm this payment\. Please pay here: /);
      assert.equal(order.status, 'awaiting_payment');

      emptyStripeLists();
      const expire = stripePost('/v1/checkout/sessions/cs_test_retry/expire', () => [200, { id: 'cs_test_retry', object: 'checkout.session', status: 'expired' }]);
      const early = await runMaintenance(new Date(Date.now() + 29 * 60_000), settings);
      assert.equal(early.expiredPaymentHolds, 0);
      const late = await runMaintenance(new Date(Date.now() + 31 * 60_000), settings);
      assert.equal(late.expiredPaymentHolds, 1);
      assert.ok(expire.scope.isDone());
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');
      assert.equal(await stockBalance('COF-001'), 50);
      assert.ok(await OutboxModel.exists({ jobKey: `order-status:${order.orderNumber}:1:cancelled` }), 'the customer is told of the cancellation');
    });
  });

  it('refunds a cancellation inside the window for exactly the total, and is refunded only when Stripe confirms', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550143', { card: true });
    stripePost('/v1/payment_intents', () => [200, { id: 'pi_cancel', object: 'payment_intent', status: 'succeeded' }]);
    await shopper.says('yes');
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    const paid = signedEvent({ ...intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL), data: { object: { ...intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL).data.object, id: 'pi_cancel' } } });
    assert.equal((await postWebhook(paid.payload, paid.header)).status, 200);

    const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_cancel', object: 'refund', amount: Number(form.amount), status: 'succeeded' }]);
    await shopper.says('cancel my order');
    const answer = await shopper.says('yes');
    assert.match(answer.text, /cancelled/i);
    assert.ok(refund.scope.isDone());
    assert.deepEqual(refund.seen[0]!.form, { payment_intent: 'pi_cancel', amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled', 'refunded only on Stripe\'s word');

    const confirmed = signedEvent({ id: 'evt_refunded', object: 'event', type: 'charge.refunded', data: { object: { id: 'ch_cancel', object: 'charge', amount: ONE_COFFEE_TOTAL, amount_refunded: ONE_COFFEE_TOTAL, payment_intent: 'pi_cancel' } } });
    assert.equal((await postWebhook(confirmed.payload, confirmed.header)).status, 200);
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'refunded');
  });

  it('a payment_intent.succeeded that arrives before Stripe answers the charge is not overwritten, so a cancel still refunds', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550160', { card: true });
    const charge = nock(STRIPE)
      .post('/v1/payment_intents')
      .reply(async () => {
        // Stripe's webhook overtakes its own answer to our request.
        const order = (await OrderModel.findOne({ customerId }).lean())!;
        const event = intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL);
        const paid = signedEvent({ ...event, data: { object: { ...event.data.object, id: 'pi_race' } } });
        assert.equal((await postWebhook(paid.payload, paid.header)).status, 200);
        return [200, { id: 'pi_race', object: 'payment_intent', status: 'processing' }];
      });
    await shopper.says('yes');
    assert.ok(charge.isDone());
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    assert.equal(order.status, 'paid');
    assert.equal((await PaymentModel.findById(order._id).lean())!.status, 'succeeded');

    const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_race', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
    await shopper.says('cancel my order');
    await shopper.says('yes');
    assert.ok(refund.scope.isDone());
    assert.deepEqual(refund.seen[0]!.form, { payment_intent: 'pi_race', amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
  });

  it('a charge Stripe fails with a 500 cancels the order and gives its stock back; if Stripe charged after all, the payment for the cancelled order is refunded automatically', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550161', { card: true });
    // stripe-should-retry: false, as Stripe sends with most 500s, so the client asks once.
    const charge = stripePost('/v1/payment_intents', () => [500, { error: { type: 'api_error', message: 'boom' } }, { 'stripe-should-retry': 'false' }]);
    const told = await shopper.says('yes');
    assert.match(told.text ?? '', /nothing was charged and no order was placed/, 'the shopper is not asked to say yes again to a cancelled order');
    assert.ok(charge.scope.isDone());
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    assert.equal(charge.seen[0]!.form.amount, String(ONE_COFFEE_TOTAL));
    assert.equal(charge.seen[0]!.idempotencyKey, `charge:${order.idempotencyKey}`);
    assert.equal(order.status, 'cancelled');
    assert.equal(await stockBalance('COF-001'), 50);
    assert.equal((await PaymentModel.findById(order._id).lean())!.status, 'failed');
    assert.ok(await OutboxModel.exists({ jobKey: new RegExp(`^order-status:${order.orderNumber}:\\d+:cancelled$`) }), 'the customer is told');

    const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_late', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
    const event = intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL);
    const late = signedEvent({ ...event, data: { object: { ...event.data.object, id: 'pi_late' } } });
    assert.equal((await postWebhook(late.payload, late.header)).status, 200);
    assert.ok(refund.scope.isDone());
    assert.deepEqual(refund.seen[0]!.form, { payment_intent: 'pi_late', amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');
  });

  it('a redelivery while the first attempt still runs gets a 409; when that attempt fails, the next delivery does the work; after that, duplicates get 200', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+14155550162' });
    const event = { id: 'evt_setup_retry', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_setup_retry', object: 'checkout.session', mode: 'setup', customer: 'cus_retry', setup_intent: 'seti_retry', metadata: { customer_id: String(customerId) } } } };
    const deliver = async (second: number) => {
      const { payload, header } = signedEvent(event, { timestamp: Math.floor(Date.now() / 1000) + second });
      return postWebhook(payload, header);
    };
    const setupIntent = { id: 'seti_retry', object: 'setup_intent', payment_method: { id: 'pm_retry', object: 'payment_method', card: { brand: 'visa', last4: '1111', exp_month: 1, exp_year: 2032 } } };
    let whileRunning: number | undefined;
    const first = nock(STRIPE)
      .get('/v1/setup_intents/seti_retry')
      .query({ 'expand[0]': 'payment_method' })
      .reply(async () => {
        whileRunning = (await deliver(1)).status;
        return [500, { error: { type: 'api_error', message: 'boom' } }, { 'stripe-should-retry': 'false' }];
      });
    assert.equal((await deliver(0)).status, 500);
    assert.ok(first.isDone());
    assert.equal(whileRunning, 409);
    assert.equal((await CustomerModel.findById(customerId).lean())!.savedCard, undefined);

    const retry = nock(STRIPE).get('/v1/setup_intents/seti_retry').query({ 'expand[0]': 'payment_method' }).reply(200, setupIntent);
    const worked = await deliver(2);
    assert.equal(worked.status, 200);
    assert.equal((worked.body as { duplicate: boolean }).duplicate, false);
    assert.ok(retry.isDone());
    assert.equal((await CustomerModel.findById(customerId).lean())!.savedCard?.last4, '1111');
    const duplicate = await deliver(3);
    assert.equal(duplicate.status, 200);
    assert.equal((duplicate.body as { duplicate: boolean }).duplicate, true);
  });

  it('an attempt that died without giving its claim back blocks redeliveries only until its lease runs out; then a redelivery does the work', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+14155550164' });
    const event = { id: 'evt_setup_crashed', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_setup_crashed', object: 'checkout.session', mode: 'setup', customer: 'cus_crashed', setup_intent: 'seti_crashed', metadata: { customer_id: String(customerId) } } } };
    // What a process killed mid-event leaves behind: the event's claim and its lease, never given back.
    const leaseAgo = async (minutes: number) => {
      const diedAt = new Date(Date.now() - minutes * 60_000);
      await claimEventKeepingAnswer('stripe', event.id, { type: event.type }, new Date(Date.now() + 86_400_000), diedAt);
      assert.ok(await takeLease(stripeEventLease(event.id), 'killed-process', diedAt, STRIPE_EVENT_LEASE_MS));
    };
    const deliver = async (second: number) => {
      const { payload, header } = signedEvent(event, { timestamp: Math.floor(Date.now() / 1000) + second });
      return postWebhook(payload, header);
    };
    await leaseAgo(STRIPE_EVENT_LEASE_MS / 60_000 - 1);
    assert.equal((await deliver(0)).status, 409, 'the dead attempt might still be running');
    await InboundLeaseModel.deleteMany({ lane: stripeEventLease(event.id) });
    await ProcessedEventModel.deleteMany({ eventId: event.id });
    await leaseAgo(STRIPE_EVENT_LEASE_MS / 60_000 + 1);
    const setupIntent = { id: 'seti_crashed', object: 'setup_intent', payment_method: { id: 'pm_crashed', object: 'payment_method', card: { brand: 'visa', last4: '4242', exp_month: 1, exp_year: 2032 } } };
    const takeover = nock(STRIPE).get('/v1/setup_intents/seti_crashed').query({ 'expand[0]': 'payment_method' }).reply(200, setupIntent);
    const worked = await deliver(1);
    assert.equal(worked.status, 200);
    assert.equal((worked.body as { duplicate: boolean }).duplicate, false);
    assert.ok(takeover.isDone());
    assert.equal((await CustomerModel.findById(customerId).lean())!.savedCard?.last4, '4242');
    assert.equal(((await deliver(2)).body as { duplicate: boolean }).duplicate, true);
  });

  it('cancelling as MCP does (the one cancel use case) refunds a paid order in full', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550163', { card: true });
    stripePost('/v1/payment_intents', () => [200, { id: 'pi_mcp', object: 'payment_intent', status: 'succeeded' }]);
    await shopper.says('yes');
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    const event = intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL);
    const paid = signedEvent({ ...event, data: { object: { ...event.data.object, id: 'pi_mcp' } } });
    assert.equal((await postWebhook(paid.payload, paid.header)).status, 200);

    const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_mcp', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
    const result = await cancelOrderAndRefund((await OrderModel.findById(order._id).lean())!, 'mcp', settings);
    assert.ok(result.ok && result.refund.ok);
    assert.ok(refund.scope.isDone());
    assert.deepEqual(refund.seen[0]!.form, { payment_intent: 'pi_mcp', amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');
  });

  it('cancelling an order awaiting payment expires its Checkout Session, so the link can no longer be paid', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550164', { card: false });
    stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_cancel', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_cancel' }]);
    await shopper.says('yes');
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    assert.equal(order.status, 'awaiting_payment');

    const expire = stripePost('/v1/checkout/sessions/cs_test_cancel/expire', () => [200, { id: 'cs_test_cancel', object: 'checkout.session', status: 'expired' }]);
    await shopper.says('cancel my order');
    assert.match((await shopper.says('yes')).text, /cancelled/i);
    assert.ok(expire.scope.isDone());
    assert.deepEqual(expire.seen[0]!.form, {});
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');
    const payment = (await PaymentModel.findById(order._id).lean())!;
    assert.equal(payment.status, 'expired');
    assert.equal(payment.holdUntil, undefined);
  });

  it('a payment for an order that was already cancelled is refunded automatically', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550165', { card: false });
    stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_link', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_link' }]);
    await shopper.says('yes');
    const order = (await OrderModel.findOne({ customerId }).lean())!;
    stripePost('/v1/checkout/sessions/cs_test_link/expire', () => [200, { id: 'cs_test_link', object: 'checkout.session', status: 'expired' }]);
    await shopper.says('cancel my order');
    await shopper.says('yes');
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');

    // The shopper paid on the page just before the session was expired.
    const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_after_cancel', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
    const completed = signedEvent(sessionCompleted(order._id, order.orderNumber, ONE_COFFEE_TOTAL));
    assert.equal((await postWebhook(completed.payload, completed.header)).status, 200);
    assert.ok(refund.scope.isDone());
    assert.deepEqual(refund.seen[0]!.form, { payment_intent: `pi_for_${order.orderNumber.replace('-', '')}`, amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
    assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled', 'refunded only when Stripe confirms');
    assert.equal(await paidEvents(order._id), 0);
  });

  it('100 concurrent yeses for one basket create one PaymentIntent and one order', async () => {
    const { customerId, shopper } = await readBackOneCoffee('+14155550144', { card: true });
    const charge = stripePost('/v1/payment_intents', () => [200, { id: 'pi_once', object: 'payment_intent', status: 'succeeded' }]);
    const replies = await Promise.all(Array.from({ length: 100 }, () => shopper.says('yes')));
    assert.equal(charge.seen.length, 1);
    assert.ok(charge.scope.isDone());
    assert.equal(await OrderModel.countDocuments({ customerId }), 1);
    assert.equal(await PaymentModel.countDocuments(), 1);
    const unplaced = replies.map((reply) => reply.text).filter((text) => !/order number/.test(text));
    assert.deepEqual(unplaced, []);
  });

  describe('the webhook signature matrix', () => {
    let order: { _id: Types.ObjectId; orderNumber: string };
    beforeEach(async () => {
      const { customerId, shopper } = await readBackOneCoffee('+14155550145', { card: false });
      stripePost('/v1/checkout/sessions', () => [200, { id: 'cs_test_matrix', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_matrix' }]);
      await shopper.says('yes');
      order = (await OrderModel.findOne({ customerId }).lean())!;
    });

    const nothingWritten = async () => {
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'awaiting_payment');
      assert.equal(await ProcessedEventModel.countDocuments({ channel: { $in: ['stripe', 'stripe-signature'] } }), 0);
    };

    it('refuses a missing, wrong or stale signature with a 4xx and writes nothing', async () => {
      const { payload, header } = signedEvent(intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL));
      const missing = await postWebhook(payload);
      assert.equal(missing.status, 401);
      const wrong = await postWebhook(payload, signedEvent(JSON.parse(payload) as object, { secret: 'whsec_someoneElse' }).header);
      assert.equal(wrong.status, 400);
      assert.equal((wrong.body as { error: { code: string } }).error.code, 'REQUEST_NOT_VERIFIED');
      const tampered = await postWebhook(payload.replace(String(ONE_COFFEE_TOTAL), '1'), header);
      assert.equal(tampered.status, 400);
      const stale = signedEvent(JSON.parse(payload) as object, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      const staleRes = await postWebhook(stale.payload, stale.header);
      assert.equal(staleRes.status, 400);
      assert.equal((staleRes.body as { error: { details: { reason: string } } }).error.details.reason, 'timestamp outside the tolerance');
      await nothingWritten();
    });

    it('refuses a replayed signature, processes a redelivered event once, and ends paid once when succeeded comes before completed', async () => {
      const succeeded = signedEvent(intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL, 'evt_once'));
      assert.equal((await postWebhook(succeeded.payload, succeeded.header)).status, 200);
      const replay = await postWebhook(succeeded.payload, succeeded.header);
      assert.equal(replay.status, 400);
      // Stripe's own redelivery is signed anew (a later timestamp): acknowledged, not processed again.
      const redelivery = signedEvent(JSON.parse(succeeded.payload) as object, { timestamp: Math.floor(Date.now() / 1000) + 1 });
      const again = await postWebhook(redelivery.payload, redelivery.header);
      assert.equal(again.status, 200);
      assert.equal((again.body as { duplicate: boolean }).duplicate, true);
      const completed = signedEvent(sessionCompleted(order._id, order.orderNumber, ONE_COFFEE_TOTAL));
      assert.equal((await postWebhook(completed.payload, completed.header)).status, 200);
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'paid');
      assert.equal(await paidEvents(order._id), 1);
    });
  });

  describe('refunds by staff, reconciliation and saving a card', () => {
    let order: { _id: Types.ObjectId; orderNumber: string; totalMinor: number };
    beforeEach(async () => {
      const { customerId, shopper } = await readBackOneCoffee('+14155550146', { card: true });
      stripePost('/v1/payment_intents', () => [200, { id: 'pi_staff', object: 'payment_intent', status: 'succeeded' }]);
      await shopper.says('yes');
      order = (await OrderModel.findOne({ customerId }).lean())!;
      const paid = intentSucceeded(order._id, order.orderNumber, ONE_COFFEE_TOTAL);
      const { payload, header } = signedEvent({ ...paid, data: { object: { ...paid.data.object, id: 'pi_staff' } } });
      assert.equal((await postWebhook(payload, header)).status, 200);
    });

    const admin = (path: string) => request(app).post(`/admin${path}`).set('x-api-key', TEST_ADMIN_KEY);

    it('refunds part of a payment and refuses more than is left, asking Stripe nothing', async () => {
      const refund = stripePost('/v1/refunds', (form) => [200, { id: 're_part', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
      const part = await admin(`/orders/${order.orderNumber}/refunds`).send({ amountMinor: 500 });
      assert.equal(part.status, 200, JSON.stringify(part.body));
      assert.deepEqual(part.body, { orderNumber: order.orderNumber, refundId: 're_part', amountMinor: 500, status: 'pending' });
      assert.deepEqual(refund.seen[0]!.form, { payment_intent: 'pi_staff', amount: '500', 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });
      assert.equal(refund.seen[0]!.idempotencyKey, `refund:${String(order._id)}:0:500`);
      const tooMuch = await admin(`/orders/${order.orderNumber}/refunds`).send({ amountMinor: ONE_COFFEE_TOTAL });
      assert.equal(tooMuch.status, 409);
      assert.deepEqual((tooMuch.body as { error: { code: string; details: unknown } }).error.code, 'REFUND_NOT_ALLOWED');
      assert.deepEqual((tooMuch.body as { error: { details: unknown } }).error.details, { refundableMinor: ONE_COFFEE_TOTAL - 500 });
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'paid', 'a refund of a paid order changes nothing until staff record a return');
    });

    it('a failed refund no longer counts against what is refundable, and a partial charge.refunded leaves the order until all is refunded', async () => {
      const first = stripePost('/v1/refunds', (form) => [200, { id: 're_fails', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
      assert.equal((await admin(`/orders/${order.orderNumber}/refunds`).send({ amountMinor: 500 })).status, 200);
      assert.ok(first.scope.isDone());
      const failed = signedEvent({ id: 'evt_refund_failed', object: 'event', type: 'refund.failed', data: { object: { id: 're_fails', object: 'refund', amount: 500, status: 'failed', payment_intent: 'pi_staff' } } });
      assert.equal((await postWebhook(failed.payload, failed.header)).status, 200);

      const whole = stripePost('/v1/refunds', (form) => [200, { id: 're_whole', object: 'refund', amount: Number(form.amount), status: 'pending' }]);
      const again = await admin(`/orders/${order.orderNumber}/refunds`).send({ amountMinor: ONE_COFFEE_TOTAL });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.ok(whole.scope.isDone());
      assert.deepEqual(whole.seen[0]!.form, { payment_intent: 'pi_staff', amount: String(ONE_COFFEE_TOTAL), 'metadata[order_id]': String(order._id), 'metadata[order_number]': order.orderNumber });

      assert.equal((await updateOrderStatus(order.orderNumber, 'cancelled', 'staff:test')).ok, true);
      const refundedEvent = (id: string, amountRefunded: number) => signedEvent({ id, object: 'event', type: 'charge.refunded', data: { object: { id: 'ch_staff', object: 'charge', amount: ONE_COFFEE_TOTAL, amount_refunded: amountRefunded, payment_intent: 'pi_staff' } } });
      const partial = refundedEvent('evt_refunded_part', 500);
      assert.equal((await postWebhook(partial.payload, partial.header)).status, 200);
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'cancelled');
      const all = refundedEvent('evt_refunded_all', ONE_COFFEE_TOTAL);
      assert.equal((await postWebhook(all.payload, all.header)).status, 200);
      assert.equal((await OrderModel.findById(order._id).lean())!.status, 'refunded');
    });

    it('a dispute flags the order and alerts staff in the admin notifications list', async () => {
      const dispute = signedEvent({ id: 'evt_dispute', object: 'event', type: 'charge.dispute.created', data: { object: { id: 'dp_staff', object: 'dispute', amount: ONE_COFFEE_TOTAL, currency: 'usd', reason: 'fraudulent', status: 'needs_response', charge: 'ch_staff', payment_intent: 'pi_staff' } } });
      assert.equal((await postWebhook(dispute.payload, dispute.header)).status, 200);
      assert.equal((await PaymentModel.findById(order._id).lean())!.disputed, true);
      const list = await request(app).get('/admin/notifications').query({ kind: 'staff-alert' }).set('x-api-key', TEST_ADMIN_KEY);
      assert.equal(list.status, 200);
      const jobs = (list.body as { jobs: { jobKey: string; alert?: { orderNumber: string; reason: string } }[] }).jobs;
      assert.deepEqual(jobs.map((job) => [job.jobKey, job.alert]), [['staff-alert:dp_staff', { orderNumber: order.orderNumber, reason: 'Stripe dispute dp_staff (fraudulent) for 1905 USD; answer it in the Stripe Dashboard.' }]]);
    });

    it('reports money taken for no order, a differing amount and a refund we never recorded', async () => {
      const created = (time: number) => Math.floor(time / 1000);
      nock(STRIPE)
        .get('/v1/payment_intents')
        .query((query) => query.limit === '100' && typeof query['created[gte]'] === 'string' && typeof query['created[lt]'] === 'string')
        .reply(200, {
          object: 'list',
          has_more: false,
          url: '/v1/payment_intents',
          data: [
            { id: 'pi_staff', object: 'payment_intent', status: 'succeeded', amount_received: ONE_COFFEE_TOTAL + 1, created: created(Date.now()), metadata: { order_id: String(order._id), order_number: order.orderNumber } },
            { id: 'pi_stray', object: 'payment_intent', status: 'succeeded', amount_received: 700, created: created(Date.now()), metadata: {} },
          ],
        });
      nock(STRIPE)
        .get('/v1/refunds')
        .query(true)
        .reply(200, { object: 'list', has_more: false, url: '/v1/refunds', data: [{ id: 're_unknown', object: 'refund', status: 'succeeded', amount: 300, payment_intent: 'pi_staff' }] });
      const from = new Date(Date.now() - 60 * 60_000).toISOString();
      const to = new Date(Date.now() + 60 * 60_000).toISOString();
      const res = await request(app).get('/admin/payments/reconciliation').query({ from, to }).set('x-api-key', TEST_ADMIN_KEY);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual((res.body as { mismatches: unknown[] }).mismatches, [
        { kind: 'amount-differs', orderNumber: order.orderNumber, paymentIntentId: 'pi_staff', ourAmountMinor: ONE_COFFEE_TOTAL, stripeAmountMinor: ONE_COFFEE_TOTAL + 1 },
        { kind: 'paid-with-no-order', paymentIntentId: 'pi_stray', stripeAmountMinor: 700 },
        { kind: 'refund-missing', orderNumber: order.orderNumber, paymentIntentId: 'pi_staff', refundId: 're_unknown', stripeAmountMinor: 300 },
      ]);
    });

    it('saves a card from a completed setup session as brand, last 4 and expiry only; no card data in any document or log', async () => {
      const customerId = await addCustomer({ channel: 'sms', externalId: '+14155550147' });
      nock(STRIPE)
        .get('/v1/setup_intents/seti_new')
        .query({ 'expand[0]': 'payment_method' })
        .reply(200, {
          id: 'seti_new',
          object: 'setup_intent',
          payment_method: { id: 'pm_new', object: 'payment_method', card: { brand: 'mastercard', last4: '4444', exp_month: 7, exp_year: 2031, fingerprint: 'FpSecretish123', funding: 'credit', country: 'US' } },
        });
      const completed = signedEvent({ id: 'evt_setup', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_setup', object: 'checkout.session', mode: 'setup', customer: 'cus_new', setup_intent: 'seti_new', metadata: { customer_id: String(customerId) } } } });
      assert.equal((await postWebhook(completed.payload, completed.header)).status, 200);
      const saved = (await CustomerModel.findById(customerId).lean())!;
      assert.equal(saved.stripeCustomerId, 'cus_new');
      assert.deepEqual({ ...saved.savedCard }, { paymentMethodId: 'pm_new', brand: 'mastercard', last4: '4444', expMonth: 7, expYear: 2031 });

      const documents = (await Promise.all(ALL_MODELS.map((model) => model.find().lean()))).map((docs) => JSON.stringify(docs)).join('\n');
      // What Stripe told us beyond brand, last 4 and expiry (the card's fingerprint, funding, country) is kept nowhere.
      for (const [name, where] of [['documents', documents], ['logs', logLines.join('')]] as const) {
        assert.ok(!/FpSecretish123|"fingerprint"|"funding"|"cvc/i.test(where), `card details in the ${name}`);
      }
      assert.ok(logLines.some((line) => line.includes('/stripe/webhook')), 'the webhook requests were logged (by path only)');
    });
  });
});
