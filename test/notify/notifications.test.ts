import assert from 'node:assert/strict';
import { OutboxModel, StockAlertModel } from '../../models';
import { SMS_CONSENT_WORDING } from '../../src/channels/sms/consent';
import { recordChannelSubscription } from '../../src/services/customers';
import { queuePaymentLink, requestStockAlert, restockProduct } from '../../src/services/notifications';
import { resumeUnfinishedOrders, updateOrderStatus } from '../../src/services/orders';
import { addProduct } from '../support/commerce';
import { resetDatabase } from '../support/database';
import { nock, withFakeHttp } from '../support/fake-http';
import { customerOn, dispatcherFor, jobStatuses, NOON_NEW_YORK, notifyConfig, packedOrder, placedOrder, wroteAt } from '../support/notify';

const GRAPH = 'https://graph.facebook.com';
const WHATSAPP_PATH = '/v21.0/100000000000000/messages';
const MESSENGER_PATH = '/v21.0/me/messages';
const TWILIO = 'https://api.twilio.com';
const TWILIO_PATH = '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json';
const HOUR = 3600_000;

const config = notifyConfig();

function smsBody(to: string, body: string): string {
  return new URLSearchParams({ To: to, From: '+15550100000', Body: body }).toString();
}

describe('order status notifications', () => {
  withFakeHttp();
  beforeEach(resetDatabase);

  it('WhatsApp inside the 24-hour window: one plain text message per status change', async () => {
    const customerId = await customerOn({ whatsapp: '15550001111' });
    await wroteAt('whatsapp', '15550001111', new Date(NOON_NEW_YORK.getTime() - HOUR));
    const order = await placedOrder(customerId, 'whatsapp');
    const scope = nock(GRAPH)
      .post(WHATSAPP_PATH, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550001111', type: 'text', text: { body: `Corner Market: your order ${order.orderNumber} is paid and we are getting it ready.` } })
      .reply(200, { messages: [{ id: 'wamid.1' }] });

    const result = await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
    assert.ok(result.ok);
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1);

    assert.ok(scope.isDone());
    assert.deepEqual(await jobStatuses(), [{ jobKey: `order-status:${order.orderNumber}:0:paid`, status: 'sent' }]);
  });

  it('an SMS payment link is sent whole however long it is, in Chinese too: only the words before it may be trimmed', async () => {
    const customerId = await customerOn({ sms: '+15550003001' }, { locale: 'zh-CN' });
    const order = await placedOrder(customerId, 'sms');
    // A Stripe Checkout address with its fragment runs to a few hundred characters; 300 alone outgrow 4 UCS-2 segments (268).
    const url = `https://checkout.stripe.com/c/pay/cs_test_${'a1B2'.repeat(75)}`;
    const expected = `Corner Market: 要完成订单${order.orderNumber}，请在这里付款：${url}`;
    const scope = nock(TWILIO).post(TWILIO_PATH, smsBody('+15550003001', expected)).reply(201, { sid: 'SM1' });
    await queuePaymentLink(order, { url }, NOON_NEW_YORK);
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1);
    assert.ok(scope.isDone());
  });

  it('WhatsApp outside the window: the UTILITY template with order number, status and tracking', async () => {
    const customerId = await customerOn({ whatsapp: '15550002222' });
    await wroteAt('whatsapp', '15550002222', new Date(NOON_NEW_YORK.getTime() - 30 * HOUR));
    const order = await packedOrder(customerId, 'whatsapp');
    const scope = nock(GRAPH)
      .post(WHATSAPP_PATH, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '15550002222',
        type: 'template',
        template: {
          name: 'order_status_update',
          language: { policy: 'deterministic', code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: order.orderNumber }, { type: 'text', text: 'shipped' }, { type: 'text', text: 'Tracking: UPS 1Z999 https://track.example/1Z999' }] }],
        },
      })
      .reply(200, { messages: [{ id: 'wamid.2' }] });

    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1Z999', url: 'https://track.example/1Z999' } }, NOON_NEW_YORK);
    await dispatcherFor(config).runDue(NOON_NEW_YORK);

    assert.ok(scope.isDone());
    assert.deepEqual(await jobStatuses(), [{ jobKey: `order-status:${order.orderNumber}:2:shipped`, status: 'sent' }]);
  });

  it("goes out in the customer's language: Portuguese text inside the window, the pt_BR template with Portuguese parameters outside it", async () => {
    const inside = await customerOn({ whatsapp: '15550003333' }, { locale: 'pt-BR' });
    await wroteAt('whatsapp', '15550003333', new Date(NOON_NEW_YORK.getTime() - HOUR));
    const outside = await customerOn({ whatsapp: '15550004444' }, { locale: 'pt-BR' });
    await wroteAt('whatsapp', '15550004444', new Date(NOON_NEW_YORK.getTime() - 30 * HOUR));
    const first = await placedOrder(inside, 'whatsapp');
    const second = await packedOrder(outside, 'whatsapp');
    const scope = nock(GRAPH)
      .post(WHATSAPP_PATH, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550003333', type: 'text', text: { body: `Corner Market: seu pedido ${first.orderNumber} está pago e já estamos preparando.` } })
      .reply(200, { messages: [{ id: 'wamid.3' }] })
      .post(WHATSAPP_PATH, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '15550004444',
        type: 'template',
        template: {
          name: 'order_status_update',
          language: { policy: 'deterministic', code: 'pt_BR' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: second.orderNumber }, { type: 'text', text: 'a caminho' }, { type: 'text', text: 'Rastreio: UPS 1Z999' }] }],
        },
      })
      .reply(200, { messages: [{ id: 'wamid.4' }] });

    await updateOrderStatus(first.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
    await updateOrderStatus(second.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1Z999' } }, NOON_NEW_YORK);
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 2);
    assert.ok(scope.isDone());
  });

  it('Messenger inside the window sends a standard message; outside it, without a utility template, no deprecated message tag', async () => {
    const customerId = await customerOn({ messenger: 'PSID-1' });
    await wroteAt('messenger', 'PSID-1', new Date(NOON_NEW_YORK.getTime() - 2 * HOUR));
    const order = await packedOrder(customerId, 'messenger');
    const later = new Date(NOON_NEW_YORK.getTime() + 48 * HOUR);
    const scope = nock(GRAPH)
      .post(MESSENGER_PATH, { recipient: { id: 'PSID-1' }, messaging_type: 'UPDATE', message: { text: `Corner Market: your order ${order.orderNumber} is on its way. Tracking: DHL 555` } })
      .reply(200, { recipient_id: 'PSID-1', message_id: 'm1' });

    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'DHL', number: '555' } }, NOON_NEW_YORK);
    await dispatcherFor(config).runDue(NOON_NEW_YORK);
    await updateOrderStatus(order.orderNumber, 'delivered', 'admin', {}, later);
    await dispatcherFor(config).runDue(later);

    assert.ok(scope.isDone(), 'only the in-window message reached the Send API (nock refuses any other)');
    assert.deepEqual((await jobStatuses()).map((job) => job.status), ['sent', 'withheld']);
    const withheld = await OutboxModel.findOne({ status: 'withheld' }).lean();
    assert.match(withheld?.lastError ?? '', /needs the Page's utility message template \(MESSENGER_UTILITY_TEMPLATE\); message tags are not used/);
  });

  it('Messenger outside the window uses the utility template when one is configured', async () => {
    const withTemplate = notifyConfig({ MESSENGER_UTILITY_TEMPLATE: 'order_update' });
    const customerId = await customerOn({ messenger: 'PSID-2' });
    const order = await placedOrder(customerId, 'messenger');
    const scope = nock(GRAPH)
      .post(MESSENGER_PATH, {
        recipient: { id: 'PSID-2' },
        messaging_type: 'UTILITY',
        message: { template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: order.orderNumber }, { type: 'text', text: 'cancelled' }, { type: 'text', text: '-' }] }] } },
      })
      .reply(200, { recipient_id: 'PSID-2', message_id: 'm3' });

    await updateOrderStatus(order.orderNumber, 'cancelled', 'admin', {}, NOON_NEW_YORK);
    await dispatcherFor(withTemplate).runDue(NOON_NEW_YORK);

    assert.ok(scope.isDone());
  });

  it('Alexa customers get AMAZON.OrderStatus.Updated through the proactive events API with a client-credentials token', async () => {
    const customerId = await customerOn({ alexa: 'amzn1.ask.account.TESTUSER' });
    const order = await packedOrder(customerId, 'alexa');
    const lwa = nock('https://api.amazon.com')
      .post('/auth/o2/token', new URLSearchParams({ grant_type: 'client_credentials', client_id: 'amzn1.application-oa2-client.dev', client_secret: 'dev-alexa-skill-messaging-secret', scope: 'alexa::proactive_events' }).toString())
      .once()
      .reply(200, { access_token: 'Atc|proactive-token', scope: 'alexa::proactive_events', token_type: 'bearer', expires_in: 3600 });
    const event = (status: string, at: Date, key: string) => ({
      timestamp: at.toISOString(),
      referenceId: key,
      expiryTime: new Date(at.getTime() + 23 * HOUR).toISOString(),
      event: { name: 'AMAZON.OrderStatus.Updated', payload: { state: { status }, order: { seller: { name: 'localizedattribute:sellerName' } } } },
      localizedAttributes: [{ locale: 'en-US', sellerName: 'Corner Market' }],
      relevantAudience: { type: 'Unicast', payload: { user: 'amzn1.ask.account.TESTUSER' } },
    });
    const number = order.orderNumber.replace('-', '~');
    const later = new Date(NOON_NEW_YORK.getTime() + 2 * HOUR);
    const alexa = nock('https://api.amazonalexa.com', { reqheaders: { authorization: 'Bearer Atc|proactive-token' } })
      .post('/v1/proactiveEvents/stages/development', event('ORDER_SHIPPED', NOON_NEW_YORK, `order~status~${number}~2~shipped`))
      .reply(202)
      .post('/v1/proactiveEvents/stages/development', event('ORDER_DELIVERED', later, `order~status~${number}~3~delivered`))
      .reply(202);

    const dispatcher = dispatcherFor(config);
    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1' } }, NOON_NEW_YORK);
    await dispatcher.runDue(NOON_NEW_YORK);
    await updateOrderStatus(order.orderNumber, 'delivered', 'admin', {}, later);
    await dispatcher.runDue(later);

    assert.ok(lwa.isDone(), 'one token, reused for the second event');
    assert.ok(alexa.isDone());
  });

  it('falls back in the configured order when the first channel cannot carry the message (no Alexa event for a cancellation)', async () => {
    const customerId = await customerOn({ alexa: 'amzn1.ask.account.FALLBACK', sms: '+15550003333' }, { preferredChannels: ['alexa'] });
    const order = await placedOrder(customerId, 'alexa');
    const scope = nock(TWILIO).post(TWILIO_PATH, smsBody('+15550003333', `Corner Market: your order ${order.orderNumber} was cancelled.`)).reply(201, { sid: 'SM1' });

    await updateOrderStatus(order.orderNumber, 'cancelled', 'admin', {}, NOON_NEW_YORK);
    await dispatcherFor(config).runDue(NOON_NEW_YORK);

    assert.ok(scope.isDone());
  });

  it('sends nothing to a customer who opted out: the job ends withheld', async () => {
    const customerId = await customerOn({ sms: '+15550004444' });
    await recordChannelSubscription(customerId, 'sms', false, { kind: 'stop', source: 'sms keyword: STOP', wording: SMS_CONSENT_WORDING.optOut }, new Date(NOON_NEW_YORK.getTime() - HOUR));
    const order = await placedOrder(customerId, 'sms');

    await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 0);
    assert.equal(await dispatcherFor(config).runDue(new Date(NOON_NEW_YORK.getTime() + 48 * HOUR)), 0, 'never retried');

    const job = await OutboxModel.findOne({ kind: 'notification' }).lean();
    assert.equal(job?.status, 'withheld');
    assert.match(job?.lastError ?? '', /sms: no transactional consent/);
  });

  it('in quiet hours defers the message to their end in the customer\'s time zone, then sends it once', async () => {
    const customerId = await customerOn({ sms: '+15550005555' });
    const order = await placedOrder(customerId, 'sms');
    const lateEvening = new Date('2026-06-16T03:00:00.000Z'); // 23:00 in New York
    const quietEnds = new Date('2026-06-16T12:00:00.000Z'); // 08:00 in New York

    await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, lateEvening);
    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.runDue(lateEvening), 0);
    const deferred = await OutboxModel.findOne({ kind: 'notification' }).lean();
    assert.equal(deferred?.status, 'pending');
    assert.equal(deferred?.nextAttemptAt.toISOString(), quietEnds.toISOString());
    assert.equal(deferred?.attempts, 0, 'a deferral is not a failed attempt');
    assert.equal(await dispatcher.runDue(new Date(quietEnds.getTime() - 60_000)), 0, 'not due before quiet hours end');

    const scope = nock(TWILIO).post(TWILIO_PATH, smsBody('+15550005555', `Corner Market: your order ${order.orderNumber} is paid and we are getting it ready.`)).reply(201, { sid: 'SM2' });
    assert.equal(await dispatcher.runDue(quietEnds), 1);
    assert.ok(scope.isDone());
    assert.equal(await dispatcher.runDue(new Date(quietEnds.getTime() + HOUR)), 0);
  });

  it('queues exactly one job per change, however often the change is replayed', async () => {
    const customerId = await customerOn({ sms: '+15550006666' });
    const order = await placedOrder(customerId, 'sms');
    await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
    const again = await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
    assert.deepEqual(again, { ok: false, code: 'INVALID_STATUS_CHANGE', current: 'paid' });
    await resumeUnfinishedOrders(new Date(NOON_NEW_YORK.getTime() + HOUR));
    await resumeUnfinishedOrders(new Date(NOON_NEW_YORK.getTime() + HOUR));

    assert.deepEqual(await jobStatuses(), [{ jobKey: `order-status:${order.orderNumber}:0:paid`, status: 'pending' }]);
  });
});

describe('back-in-stock alerts', () => {
  withFakeHttp();
  beforeEach(resetDatabase);

  it('restocking queues one job per alert, once, and the customer who asked hears about it', async () => {
    await addProduct('KETTLE', { name: 'Red Kettle', stock: 0 });
    const customerId = await customerOn({ sms: '+15550007777' });
    await requestStockAlert(customerId, 'KETTLE', { channel: 'sms' }, NOON_NEW_YORK);
    await requestStockAlert(customerId, 'KETTLE', { channel: 'sms' }, NOON_NEW_YORK);
    assert.equal(await StockAlertModel.countDocuments(), 1);
    assert.equal(await OutboxModel.countDocuments(), 0, 'nothing while out of stock');

    assert.equal((await restockProduct('KETTLE', 5, NOON_NEW_YORK)).alertsQueued, 1);
    assert.equal((await restockProduct('KETTLE', 8, NOON_NEW_YORK)).alertsQueued, 0);
    const scope = nock(TWILIO).post(TWILIO_PATH, smsBody('+15550007777', 'Corner Market: good news, Red Kettle is back in stock. Reply to order it.')).reply(201, { sid: 'SM3' });
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1);
    assert.ok(scope.isDone());
  });

  it('an alert the customer asked for, then texted STOP: the restock message is withheld, nothing reaches Twilio', async () => {
    await addProduct('KETTLE', { name: 'Red Kettle', stock: 0 });
    const customerId = await customerOn({ sms: '+15550009999' });
    await requestStockAlert(customerId, 'KETTLE', { channel: 'sms' }, new Date(NOON_NEW_YORK.getTime() - 2 * HOUR));
    await recordChannelSubscription(customerId, 'sms', false, { kind: 'stop', source: 'sms keyword: STOP', wording: SMS_CONSENT_WORDING.optOut }, new Date(NOON_NEW_YORK.getTime() - HOUR));
    assert.equal((await restockProduct('KETTLE', 5, NOON_NEW_YORK)).alertsQueued, 1);

    // No Twilio interceptor is set and the network is closed: a send would fail the job instead of withholding it.
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 0);
    const job = await OutboxModel.findOne({ kind: 'notification' }).lean();
    assert.equal(job?.status, 'withheld');
    assert.match(job?.lastError ?? '', /sms: no transactional consent/);
  });

  it('an alert the customer did not ask for is marketing: withheld without a marketing opt-in', async () => {
    await addProduct('LAMP', { name: 'Desk Lamp', stock: 0 });
    const customerId = await customerOn({ sms: '+15550008888' });
    await requestStockAlert(customerId, 'LAMP', { source: 'merchant' }, NOON_NEW_YORK);
    await restockProduct('LAMP', 3, NOON_NEW_YORK);

    await dispatcherFor(config).runDue(NOON_NEW_YORK);
    const job = await OutboxModel.findOne({ kind: 'notification' }).lean();
    assert.equal(job?.status, 'withheld');
    assert.match(job?.lastError ?? '', /no marketing consent/);
  });
});
