import assert from 'node:assert/strict';
import { ChannelIdentityModel, CustomerModel, OrderModel, SessionModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { stockBalance } from '../../src/store/inventory-store';
import { localDateOf } from '../../src/core/dates';
import { computeTotals } from '../../src/core/money';
import { changeSpendingLimits } from '../../src/services/customers';
import { placeOrder } from '../../src/services/orders';
import { spendDayOf } from '../../src/store/spend-ledger-store';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';
import { textSms } from '../support/twilio-webhooks';

/**
 * Issue 16, item 5: one basket is one order, however many read-backs on however many channels were
 * answered yes, and the limits are checked again when the yes arrives, not only at the read-back.
 * One customer linked on SMS and WhatsApp, every request in the platform's own format.
 */

const config = testConfig();
const log = silentLog;
const outbox = new OutboxDispatcher(outboxSenders(config), log, { baseBackoffMs: 1_000 });
const app = createApp({ config, log, outbox });

const BOB_PHONE = '+14155550199';
const BOB_WHATSAPP = '15550107777';
const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;

const sms = (text: string) => textSms(app, BOB_PHONE, text);

let wamidSeq = 0;
async function whatsapp(text: string): Promise<void> {
  const body = whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: BOB_WHATSAPP, name: 'Bob', message: { id: `wamid.ONEBASKET${++wamidSeq}`, type: 'text', text: { body: text } } });
  const res = await postMetaWebhook(app, '/whatsapp', body);
  assert.equal(res.status, 200);
  await drainBackground();
}

describe('one order per basket, limits checked at the yes (issue 16 item 5)', () => {
  withFakeHttp();
  let bob: Awaited<ReturnType<typeof addCustomer>>;
  let whatsappSent: string[];

  beforeEach(async () => {
    await freshDemoStore();
    bob = await addCustomer({ channel: 'sms', externalId: BOB_PHONE });
    await ChannelIdentityModel.create({ channel: 'whatsapp', externalId: BOB_WHATSAPP, customerId: bob });
    whatsappSent = [];
    nock('https://graph.facebook.com')
      .persist()
      .post(GRAPH_SEND, (body: { to: string; text?: { body: string }; interactive?: { body: { text: string } } }) => {
        assert.equal(body.to, BOB_WHATSAPP);
        whatsappSent.push(body.text?.body ?? body.interactive?.body.text ?? '');
        return true;
      })
      .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] });
  });

  it('places one order when the same basket is read back on SMS and on WhatsApp and "yes" arrives on both at once', async () => {
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    assert.match(await sms('checkout'), /Your order from Corner Market: 2 Colombian Coffee/);
    await whatsapp('checkout');
    assert.match(whatsappSent.at(-1)!, /Your order from Corner Market: 2 Colombian Coffee/);
    const stockBefore = await stockBalance('COF-001');

    const [smsAnswer] = await Promise.all([sms('yes'), whatsapp('yes')]);

    const orders = await OrderModel.find({ customerId: bob }).lean();
    assert.equal(orders.length, 1, `one order, not ${orders.map((o) => `${o.orderNumber} (${o.status})`).join(', ')}`);
    assert.equal(orders[0]!.status, 'placed');
    assert.equal(await stockBalance('COF-001'), stockBefore - 2, 'two bags taken once');
    assert.match(smsAnswer, new RegExp(`^Done\\. Your order number is ${orders[0]!.orderNumber}`));
  });

  it('answers a yes that arrives after the basket was ordered on another channel with that order, and places nothing more', async () => {
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    assert.match(await sms('checkout'), /Your order from Corner Market: 2 Colombian Coffee/);
    await whatsapp('checkout');
    const stockBefore = await stockBalance('COF-001');

    await whatsapp('yes');
    const [order] = await OrderModel.find({ customerId: bob }).lean();
    assert.match(whatsappSent.at(-1)!, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));

    // The SMS read-back's cart is empty now, yet its yes was for the basket just ordered: with 18 and a half minutes of its window left.
    await OrderModel.updateOne({ _id: order!._id }, { $set: { cancellableUntil: new Date(Date.now() + 18.5 * 60_000) } });
    const smsAnswer = await sms('yes');
    assert.match(smsAnswer, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));
    assert.match(smsAnswer, /can cancel within 18 minutes\.$/, 'the whole minutes left, not the whole window');
    assert.doesNotMatch(smsAnswer, /offers/i, 'the offers question belongs to the yes that placed it');
    assert.equal(await OrderModel.countDocuments({ customerId: bob }), 1);
    assert.equal(await stockBalance('COF-001'), stockBefore - 2, 'two bags taken once');
    // Answered once: a further yes has no read-back to confirm.
    assert.doesNotMatch(await sms('yes'), /order number/);
  });

  it('does not confirm the order to a late yes once the read-back expired, nor once the order was cancelled: that yes reads the cart back again', async () => {
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    await sms('checkout');
    await whatsapp('checkout');
    await whatsapp('yes');
    const [order] = await OrderModel.find({ customerId: bob }).lean();

    // The SMS read-back is 11 minutes old: past CONFIRMATION_TTL_MS.
    await SessionModel.updateOne({ key: `sms:${BOB_PHONE}` }, { $inc: { 'dialog.guard.issuedAt': -11 * 60_000 } });
    assert.match(await sms('yes'), /cart is empty/);

    // Read back again on SMS, then cancelled on WhatsApp before the SMS yes.
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    await sms('checkout');
    await whatsapp('checkout');
    await whatsapp('yes');
    const second = (await OrderModel.find({ customerId: bob, _id: { $ne: order!._id } }).lean())[0]!;
    await whatsapp('cancel my order');
    assert.match(whatsappSent.at(-1)!, new RegExp(`^Cancel order ${second.orderNumber}`));
    await whatsapp('yes');
    assert.equal((await OrderModel.findById(second._id).lean())!.status, 'cancelled');
    const late = await sms('yes');
    assert.doesNotMatch(late, /order number/);
    assert.match(late, /cart is empty/);
    assert.equal(await OrderModel.countDocuments({ customerId: bob }), 2);
  });

  it('refuses at the yes, with the daily-limit message, when the limit fell below the basket after the read-back', async () => {
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    assert.match(await sms('checkout'), /The total is \$33\.11/);
    // The one way a customer's limits change: it voids the read-back waiting for its yes.
    await changeSpendingLimits(bob, { perDayMinor: 3000 });

    assert.equal(await sms('yes'), "That would take you over today's spending limit, so I can't place it.");
    assert.equal(await OrderModel.countDocuments({ customerId: bob }), 0, 'nothing placed, not even a failed order');
  });

  it('refuses at the yes when another order used up the day between the read-back and the yes', async () => {
    await CustomerModel.updateOne({ _id: bob }, { $set: { 'limits.perDayMinor': 5000 } });
    assert.match(await sms('add 2 colombian coffee'), /^Added 2 Colombian Coffee\./);
    assert.match(await sms('checkout'), /The total is \$33\.11/);

    // Another basket of the same customer's, placed in between (as an assistant's checkout would).
    const lines = [{ sku: 'TEA-002', name: 'Green Tea', quantity: 2, unitPriceMinor: 899 }];
    const other = await placeOrder({ idempotencyKey: 'other-basket', customerId: bob, channel: 'webchat', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: { day: spendDayOf(localDateOf(new Date(), 'America/New_York')), perDayMinor: 5000 } }, settings);
    assert.ok(other.ok);

    assert.equal(await sms('yes'), "That would take you over today's spending limit, so I can't place it.");
    assert.deepEqual((await OrderModel.find({ customerId: bob }).lean()).map((o) => o.idempotencyKey), ['other-basket']);
  });
});
