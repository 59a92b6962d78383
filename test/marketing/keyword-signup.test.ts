import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { ConsentRecordModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';
import { textSms } from '../support/twilio-webhooks';

/**
 * Issue 20 items 6 and 8: a keyword starts a marketing opt-in with its wording, source and time (SMS
 * needs a confirming YES first); after an order the bot asks once per customer and channel.
 */

const config = testConfig();
const app = createApp({ config, log: silentLog, outbox: new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 }) });
const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const ASK = 'Corner Market: reply YES to get our offers and event news by text, up to 4 a month. Msg & data rates may apply. Reply STOP at any time to end.';
const CONFIRMED = "You're in: Corner Market will text you offers and event news. Reply STOP at any time to end.";

const marketingRecords = (customerId: Types.ObjectId) => ConsentRecordModel.find({ customerId, purpose: 'marketing' }).lean();

describe('keyword sign-ups (issue 20 item 6)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('on SMS, JOIN answers with the consent wording and records the opt-in only on YES, with that wording', async () => {
    const ann = await addCustomer({ channel: 'sms', externalId: '+15550001001' });
    assert.equal(await textSms(app, '+15550001001', 'join'), ASK);
    assert.deepEqual(await marketingRecords(ann), [], 'nothing before the YES');
    assert.equal(await textSms(app, '+15550001001', 'YES'), CONFIRMED);
    const [record] = await marketingRecords(ann);
    assert.deepEqual([record!.channel, record!.granted, record!.source, record!.wording], ['sms', true, 'sms keyword JOIN, confirmed YES', ASK]);

    const ben = await addCustomer({ channel: 'sms', externalId: '+15550001002' });
    await textSms(app, '+15550001002', 'JOIN');
    assert.equal(await textSms(app, '+15550001002', 'no'), "No problem, you won't get offers from us.");
    assert.deepEqual(await marketingRecords(ben), []);
  });

  it('on WhatsApp, the keyword itself is the opt-in, recorded with what it signed up for', async () => {
    const cara = await addCustomer({ channel: 'whatsapp', externalId: '447700900003' });
    const sent: string[] = [];
    nock('https://graph.facebook.com')
      .post(GRAPH_SEND, (body: { text?: { body: string } }) => sent.push(body.text?.body ?? '') > 0)
      .reply(200, { messages: [{ id: 'wamid.1' }] });
    const body = whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: '447700900003', name: 'Cara', message: { id: 'wamid.JOIN1', type: 'text', text: { body: 'JOIN' } } });
    assert.equal((await postMetaWebhook(app, '/whatsapp', body)).status, 200);
    await drainBackground();
    assert.deepEqual(sent, [CONFIRMED]);
    const [record] = await marketingRecords(cara);
    assert.deepEqual([record!.channel, record!.granted, record!.source, record!.wording], ['whatsapp', true, 'whatsapp keyword JOIN', CONFIRMED]);
  });

  it('asks after an order, once per customer and channel; a no is recorded with the words asked and never asked again', async () => {
    const dan = await addCustomer({ channel: 'sms', externalId: '+15550001004' });
    const ask = "Would you like Corner Market's offers and news here too, up to 4 a month? Reply YES or NO. You can reply STOP at any time.";
    await textSms(app, '+15550001004', 'add 1 colombian coffee');
    await textSms(app, '+15550001004', 'checkout');
    const placed = await textSms(app, '+15550001004', 'yes');
    assert.match(placed, /^Done\. Your order number is/);
    assert.ok(placed.endsWith(ask), placed);
    assert.equal(await textSms(app, '+15550001004', 'no'), "No problem, you won't get offers from us.");
    const [record] = await marketingRecords(dan);
    assert.deepEqual([record!.channel, record!.granted, record!.source, record!.wording], ['sms', false, 'sms: asked after an order, answered NO', ask]);

    await textSms(app, '+15550001004', 'add 1 colombian coffee');
    await textSms(app, '+15550001004', 'checkout');
    assert.doesNotMatch(await textSms(app, '+15550001004', 'yes'), /offers/, 'never asked again on this channel');
  });

  it('does not ask a +1 WhatsApp number after an order, where WhatsApp refuses marketing templates; a UK one is asked', async () => {
    const placedOn = async (waId: string) => {
      await addCustomer({ channel: 'whatsapp', externalId: waId });
      const shopper = new Shopper('whatsapp', waId);
      await shopper.says('add 1 colombian coffee');
      await shopper.says('checkout');
      return (await shopper.says('yes')).text;
    };
    const american = await placedOn('15550001006');
    assert.match(american, /^Done\. Your order number is/);
    assert.doesNotMatch(american, /offers/);
    assert.match(await placedOn('447700900123'), /Would you like Corner Market's offers and news here too/);
  });
});
