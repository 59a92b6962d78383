import assert from 'node:assert/strict';
import { OutboxModel } from '../../models';
import { createApp } from '../../src/http/app';
import { queueCartReminders } from '../../src/services/campaigns';
import { findCart } from '../../src/store/cart-store';
import { recordConsent } from '../../src/store/consent-store';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { dispatcherFor, notifyConfig } from '../support/notify';
import { Shopper } from '../support/conversation';
import { textSms } from '../support/twilio-webhooks';

/** Issue 20 item 4: one reminder per cart left for N hours, only with a marketing opt-in, none after the shopper writes. */

const config = notifyConfig({ QUIET_HOURS: 'off' });
const app = createApp({ config, log: silentLog });
const TWILIO_PATH = `/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;
const HOUR = 3600_000;

async function shopperOptedIn(phone: string, optedIn: boolean) {
  const customerId = await addCustomer({ channel: 'sms', externalId: phone });
  if (optedIn) await recordConsent({ customerId, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text' });
  return customerId;
}

describe('abandoned-cart reminders (issue 20 item 4)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('reminds once per cart after the hours set, and not a shopper who wrote since or has no marketing opt-in', async () => {
    await shopperOptedIn('+15550001001', true);
    await shopperOptedIn('+15550001002', true);
    await shopperOptedIn('+15550001003', false);
    for (const phone of ['+15550001001', '+15550001002', '+15550001003']) assert.match(await textSms(app, phone, 'add 2 colombian coffee'), /^Added 2 Colombian Coffee/);
    // The second shopper writes again after leaving the cart: the reminder is off for that cart.
    await textSms(app, '+15550001002', 'do you have green tea?');

    assert.equal(await queueCartReminders(new Date(Date.now() + 3 * HOUR), 4), 0, 'not before 4 hours');
    const due = new Date(Date.now() + 4 * HOUR + 60_000);
    assert.equal(await queueCartReminders(due, 4), 3);
    assert.equal(await queueCartReminders(due, 4), 0, 'one job per cart however often maintenance runs');

    const sent: Record<string, string>[] = [];
    const twilio = nock('https://api.twilio.com')
      .post(TWILIO_PATH, (body: Record<string, string>) => sent.push({ ...body }) > 0)
      .reply(201, { sid: 'SM1' });
    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.runDue(due), 1);
    assert.ok(twilio.isDone());
    assert.deepEqual(sent, [{ To: '+15550001001', From: config.TWILIO_FROM, Body: 'Corner Market: You left 2 Colombian Coffee in your cart. Reply CHECKOUT to order, on this or any channel. Reply STOP to opt out.' }]);
    const jobs = await OutboxModel.find({ kind: 'cart-reminder' }).lean();
    assert.deepEqual(jobs.map((job) => [job.lastError ?? null, job.status]).sort(), [
      [null, 'sent'],
      ['sms: no marketing consent', 'withheld'],
      ['the shopper wrote since the cart was left', 'withheld'],
    ].sort());

    // The reminder brings the cart back: the same cart, read back on reply.
    assert.match(await textSms(app, '+15550001001', 'checkout'), /^Your order from Corner Market: 2 Colombian Coffee/);
    assert.equal(await dispatcher.runDue(new Date(due.getTime() + HOUR)), 0, 'never a second reminder');
  });

  it('a cart changed and left again gets no second reminder; emptied and filled again, it is a new cart', async () => {
    const customerId = await shopperOptedIn('+15550001004', true);
    await textSms(app, '+15550001004', 'add 2 colombian coffee');
    const firstDue = new Date(Date.now() + 4 * HOUR + 60_000);
    assert.equal(await queueCartReminders(firstDue, 4), 1);
    const twilio = nock('https://api.twilio.com').post(TWILIO_PATH).reply(201, { sid: 'SM2' });
    assert.equal(await dispatcherFor(config).runDue(firstDue), 1);
    assert.ok(twilio.isDone());

    // The shopper changes the same cart and leaves it again: still the cart they were reminded of.
    assert.match(await textSms(app, '+15550001004', 'add 1 colombian coffee'), /^Added 1 Colombian Coffee/);
    assert.equal(await queueCartReminders(new Date(Date.now() + 4 * HOUR + 60_000), 4), 0);

    // Emptied, then filled again: a new cart, reminded once.
    await textSms(app, '+15550001004', 'remove colombian coffee');
    assert.deepEqual((await findCart(customerId))!.lines, []);
    await textSms(app, '+15550001004', 'add 1 colombian coffee');
    const secondDue = new Date(Date.now() + 4 * HOUR + 60_000);
    assert.equal(await queueCartReminders(secondDue, 4), 1);
    assert.equal(await queueCartReminders(secondDue, 4), 0);
    assert.deepEqual((await OutboxModel.find({ kind: 'cart-reminder' }).sort({ createdAt: 1 }).lean()).map((job) => job.jobKey), [`cart-reminder:${String(customerId)}:cart-0`, `cart-reminder:${String(customerId)}:cart-1`]);
  });
});

describe('a cart reminder the shopper asked for (issue 20 item 4)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('after a declined read-back, a YES to "shall I remind you?" sends one reminder without a marketing opt-in; a NO sends none', async () => {
    await shopperOptedIn('+15550001011', false);
    await shopperOptedIn('+15550001012', false);
    for (const phone of ['+15550001011', '+15550001012']) {
      await textSms(app, phone, 'add 2 colombian coffee');
      assert.match(await textSms(app, phone, 'checkout'), /^Your order from Corner Market/);
      assert.equal(await textSms(app, phone, 'no'), "OK, I didn't place the order. Your cart is saved for later. Shall I remind you about your cart here in 4 hours?\nReply 1 for Yes, 2 for No.");
    }
    assert.equal(await textSms(app, '+15550001011', 'yes'), "OK, I'll remind you about your cart here in about 4 hours.");
    assert.equal(await textSms(app, '+15550001012', 'no'), 'Anything else?');

    const due = new Date(Date.now() + 4 * HOUR + 60_000);
    assert.equal(await queueCartReminders(due, 4), 2);
    const sent: Record<string, string>[] = [];
    const twilio = nock('https://api.twilio.com')
      .post(TWILIO_PATH, (body: Record<string, string>) => sent.push({ ...body }) > 0)
      .reply(201, { sid: 'SM2' });
    assert.equal(await dispatcherFor(config).runDue(due), 1);
    assert.ok(twilio.isDone());
    assert.deepEqual(sent, [{ To: '+15550001011', From: config.TWILIO_FROM, Body: 'Corner Market: You left 2 Colombian Coffee in your cart. Reply CHECKOUT to order, on this or any channel. Reply STOP to opt out.' }]);
    const withheld = await OutboxModel.findOne({ kind: 'cart-reminder', status: 'withheld' }).lean();
    assert.equal(withheld?.lastError, 'the shopper wrote since the cart was left', 'the NO was their last word on the cart');
  });

  it('is not offered on WhatsApp to a +1 number, where Meta refuses the marketing template it would go as; it is offered to other numbers', async () => {
    const ask = "OK, I didn't place the order. Your cart is saved for later. Shall I remind you about your cart here in 4 hours?";
    for (const [waId, offered] of [['15550001013', false], ['447700900013', true]] as const) {
      await addCustomer({ channel: 'whatsapp', externalId: waId });
      const shopper = new Shopper('whatsapp', waId);
      await shopper.says('add 2 colombian coffee');
      assert.match((await shopper.says('checkout')).text, /^Your order from Corner Market/);
      const declined = (await shopper.says('no')).text;
      if (offered) assert.ok(declined.startsWith(ask), declined);
      else assert.equal(declined, "OK, I didn't place the order. Your cart is saved for later. Anything else?");
    }
  });
});
