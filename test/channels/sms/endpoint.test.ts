import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import twilio from 'twilio';
import { CartModel, ConsentRecordModel, CustomerModel, OrderModel, OutboxModel, ProcessedEventModel, SessionModel } from '../../../models';
import { smsSender } from '../../../src/channels/sms/client';
import { channelServices } from '../../../src/channels/services';
import { renderSms } from '../../../src/channels/sms/render';
import { analyzeSms } from '../../../src/channels/sms/segments';
import { computeTwilioSignature } from '../../../src/channels/sms/signature';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { CONSENT_WORDING } from '../../../src/core/consent';
import { identifyCustomer, recordConsentRequest } from '../../../src/services/customers';
import { currentConsent } from '../../../src/store/consent-store';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';
import { unescapeXml } from '../../support/scripts/driver';

const config = testConfig();
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({ config, log: silentLog, outbox });
const SMS_URL = `${config.PUBLIC_BASE_URL}/sms`;
const ALICE = '+14155550123';
const SHOP = '+15550100000';

const newSid = () => `SM${randomBytes(16).toString('hex')}`;

/** An inbound message as Twilio posts it (every field it sends for a plain SMS). */
function inbound(body: string, from = ALICE, sid = newSid()): Record<string, string> {
  return {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: 'SAN FRANCISCO',
    FromZip: '94105',
    SmsSid: sid,
    FromState: 'CA',
    SmsStatus: 'received',
    FromCity: 'SAN FRANCISCO',
    Body: body,
    FromCountry: 'US',
    To: SHOP,
    ToZip: '94105',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: config.TWILIO_ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
  };
}

const sign = (params: Record<string, string>, url = SMS_URL, token = config.TWILIO_AUTH_TOKEN!) => twilio.getExpectedTwilioSignature(token, url, params);

/** The `<Message>` bodies of a TwiML answer, unescaped. */
function messagesOf(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) => unescapeXml(match[1]!));
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Posts a signed message as Twilio does and returns the one reply body ('' for the empty response). */
async function text(body: string, from = ALICE): Promise<string> {
  const params = inbound(body, from);
  const res = await request(app).post('/sms').type('form').set('x-twilio-signature', sign(params)).send(params);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers['content-type'] ?? '', /^text\/xml/);
  const messages = messagesOf(res.text);
  assert.ok(messages.length <= 1, 'at most one <Message>');
  if (messages.length === 0) assert.equal(res.text, EMPTY);
  return messages[0] ?? '';
}

describe('SMS webhook (/sms)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    await addCustomer({ channel: 'sms', externalId: ALICE });
    nock.cleanAll();
  });

  it('browses with numbered text choices', async () => {
    const reply = await text('show me coffee');
    assert.match(reply, /^Here's what I found: Colombian Coffee, /, 'the text is kept whole');
    assert.match(reply, /\nColombian Coffee - \$12\.99/, 'cards are plain lines');
    assert.match(reply, /(^|\n)1\) |Reply 1 for /);
    assert.match(reply, /\n1\) Colombian Coffee\n2\) Ethiopian Coffee\n3\) French Roast Coffee$/);
    assert.deepEqual(analyzeSms(reply).encoding, 'GSM-7', 'middle dots and dashes folded');
    assert.ok(analyzeSms(reply).segments <= config.SMS_SEGMENT_BUDGET);
    const picked = await text('2');
    assert.match(picked, /Ethiopian Coffee/, 'digit 2 is the second choice');
  });

  it('takes an order with a numbered confirmation and places it', async () => {
    assert.match(await text('add 2 colombian coffee'), /Added 2 Colombian Coffee/);
    const readBack = await text('checkout');
    assert.match(readBack, /Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
    assert.match(readBack, /Reply 1 for Yes, 2 for No\.$/);
    assert.equal(await OrderModel.countDocuments(), 0);

    const done = await text('1');
    const [order] = await OrderModel.find({ status: 'placed' }).lean();
    assert.equal(order?.channel, 'sms');
    assert.match(done, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));
  });

  it('mentions an e-mailed receipt after the yes only when the customer has an e-mail address to send it to', async () => {
    const orderedWithYes = async () => {
      await text('add 2 colombian coffee');
      await text('checkout');
      const done = await text('yes');
      const order = await OrderModel.findOne({ status: 'placed' }).sort({ _id: -1 }).lean();
      return { done, order: order!, receipts: await OutboxModel.countDocuments({ kind: 'receipt', jobKey: `receipt:${order!.orderNumber}` }) };
    };

    const withoutEmail = await orderedWithYes();
    // The first order on a channel also asks, once, whether offers are welcome there (issue 20 item 8).
    assert.equal(withoutEmail.done, `Done. Your order number is ${withoutEmail.order.orderNumber}, total $33.11. You can cancel within 30 minutes. Would you like Corner Market's offers and news here too, up to 4 a month? Reply YES or NO. You can reply STOP at any time.`);
    assert.equal(withoutEmail.receipts, 0, 'and indeed none is queued');

    const { customerId } = await identifyCustomer('sms', ALICE, 'en-US');
    await CustomerModel.updateOne({ _id: customerId }, { $set: { email: 'alice@example.com' } });
    const withEmail = await orderedWithYes();
    assert.equal(withEmail.done, `Done. Your order number is ${withEmail.order.orderNumber}, total $33.11. A receipt is on its way to your email, and you can cancel within 30 minutes.`);
    assert.equal(withEmail.receipts, 1);
  });

  it('reorders and tells the order status', async () => {
    await text('add pasta');
    await text('checkout');
    await text('yes');
    assert.match(await text('reorder my usual'), /had 1 Pasta\./);
    await text('yes');
    await text('yes');
    assert.equal(await OrderModel.countDocuments({ status: 'placed', channel: 'sms' }), 2);
    assert.match(await text('where is my order'), /^Order \d{3}-\d{3} from \w+day, \w+ \d+ is placed\./);
  });

  it('records STOP as an opt-out of every SMS, stays silent, and START resubscribes order messages but not marketing', async () => {
    assert.equal(await text('STOP'), '');
    const { customerId } = await identifyCustomer('sms', ALICE, 'en-US');
    assert.equal(await currentConsent(customerId, 'sms', 'marketing'), false);
    assert.equal(await currentConsent(customerId, 'sms', 'transactional'), false);

    assert.equal(await text('hello'), '');
    assert.equal(await text('add pasta'), '');
    assert.equal(await text('HELP'), '');
    assert.equal(await CartModel.countDocuments({ customerId }), 0, 'no turn ran while opted out');

    assert.equal(await text('start'), '');
    assert.equal(await currentConsent(customerId, 'sms', 'transactional'), true);
    assert.equal(await currentConsent(customerId, 'sms', 'marketing'), false, 'marketing needs its own explicit opt-in');
    assert.notEqual(await text('hello'), '');
  });

  it('stays silent for a customer who opted out of every channel (a record for all, said by voice) until START', async () => {
    const { customerId } = await identifyCustomer('sms', ALICE, 'en-US');
    await recordConsentRequest(customerId, { granted: false, scope: 'messages', byKeyword: false, channel: 'alexa', voice: true }, { kind: 'stop', source: 'alexa: stop sending me messages', wording: CONSENT_WORDING.stopMessages });
    assert.equal(await text('hello'), '');
    assert.equal(await text('HELP'), '');
    assert.equal(await CartModel.countDocuments({ customerId }), 0, 'no turn ran while opted out');
    assert.equal(await text('START'), '');
    assert.match(await text('hello'), /./);
  });

  it('takes YES as an opt-in only from an opted-out number', async () => {
    await text('unsubscribe');
    const { customerId } = await identifyCustomer('sms', ALICE, 'en-US');
    assert.equal(await text('YES'), '');
    assert.equal(await currentConsent(customerId, 'sms', 'transactional'), true);
    const records = await ConsentRecordModel.countDocuments();
    assert.notEqual(await text('yes'), '', 'YES is an ordinary turn once opted in');
    assert.equal(await ConsentRecordModel.countDocuments(), records);
  });

  it('answers HELP with the seller and how to opt out', async () => {
    const reply = await text('help');
    assert.match(reply, /^Corner Market: /);
    assert.match(reply, /Reply STOP to unsubscribe\.$/);
    assert.ok(analyzeSms(reply).segments <= config.SMS_SEGMENT_BUDGET);
  });

  it('turns the same MessageSid delivered five times into one order and one reply', async () => {
    await text('add pasta');
    await text('checkout');
    const params = inbound('1');
    const responses = await Promise.all(Array.from({ length: 5 }, () => request(app).post('/sms').type('form').set('x-twilio-signature', sign(params)).send(params)));
    assert.deepEqual(
      responses.map((res) => res.status),
      [200, 200, 200, 200, 200],
    );
    const replies = responses.map((res) => messagesOf(res.text)).filter((messages) => messages.length > 0);
    assert.equal(replies.length, 1);
    assert.match(replies[0]![0]!, /^Done\. Your order number is/);
    assert.equal(responses.filter((res) => res.text === EMPTY).length, 4);
    assert.equal(await OrderModel.countDocuments({ status: 'placed' }), 1);
  });

  it('verifies a URL with a query string against PUBLIC_BASE_URL behind a TLS-terminating proxy', async () => {
    const proxied = testConfig({ PUBLIC_BASE_URL: 'https://shop.example.com' });
    const proxiedApp = createApp({ config: proxied, log: silentLog, outbox });
    const params = inbound('help');
    const publicUrl = 'https://shop.example.com/sms?tenant=corner&v=2';
    const ok = await request(proxiedApp).post('/sms?tenant=corner&v=2').type('form').set('x-twilio-signature', sign(params, publicUrl)).send(params);
    assert.equal(ok.status, 200);
    assert.match(messagesOf(ok.text)[0] ?? '', /Reply STOP to unsubscribe/);

    const other = inbound('help');
    const local = await request(proxiedApp).post('/sms?tenant=corner&v=2').type('form').set('x-twilio-signature', sign(other, 'http://127.0.0.1:3000/sms?tenant=corner&v=2')).send(other);
    assert.equal(local.status, 403, 'the address the request came in on is not what Twilio signed');
    const noQuery = inbound('help');
    const dropped = await request(proxiedApp).post('/sms?tenant=corner&v=2').type('form').set('x-twilio-signature', sign(noQuery, 'https://shop.example.com/sms')).send(noQuery);
    assert.equal(dropped.status, 403, 'the query string is part of the signed URL');
  });

  it('escapes XML in the reply', async () => {
    const params = inbound('show me <b>zzz</b> & qq');
    const res = await request(app).post('/sms').type('form').set('x-twilio-signature', sign(params)).send(params);
    assert.equal(res.status, 200);
    const inner = /<Response><Message>([\s\S]*)<\/Message><\/Response>$/.exec(res.text)?.[1];
    assert.ok(inner, res.text);
    assert.doesNotMatch(inner, /[<>]|&(?!(amp|lt|gt|quot|apos);)/);
    assert.match(unescapeXml(inner), /<b>zzz<\/b> & qq/, 'what was typed comes back intact');
  });

  it('keeps an emoji-heavy 5000-character reply within SMS_SEGMENT_BUDGET segments', async () => {
    const long = 'show me ' + 'coffee ☕ beans 🫘 '.repeat(300);
    assert.ok(long.length >= 5000);
    const reply = await text(long);
    assert.notEqual(reply, '');
    assert.ok(analyzeSms(reply).segments <= config.SMS_SEGMENT_BUDGET, `${analyzeSms(reply).segments} segments`);

    const huge = 'Your basket 🛒 is ready. '.repeat(220).slice(0, 5000);
    const rendered = renderSms({ speech: '', text: huge, endSession: false, choices: [{ id: 'YES', label: 'Yes 👍' }, { id: 'NO', label: 'No' }] }, { segmentBudget: config.SMS_SEGMENT_BUDGET });
    const analysis = analyzeSms(rendered.body);
    assert.equal(analysis.encoding, 'UCS-2');
    assert.ok(analysis.segments <= config.SMS_SEGMENT_BUDGET, `${analysis.segments} segments`);
    assert.deepEqual(rendered.choices, [
      { digit: '1', id: 'YES' },
      { digit: '2', id: 'NO' },
    ]);
  });

  describe('signature and account: refused with 4xx and nothing processed', () => {
    const params = inbound('add pasta');
    const cases: [string, number, () => request.Test][] = [
      ['a missing header', 401, () => request(app).post('/sms').type('form').send(params)],
      ['the wrong auth token', 403, () => request(app).post('/sms').type('form').set('x-twilio-signature', sign(params, SMS_URL, 'not-the-token')).send(params)],
      ['one changed param', 403, () => request(app).post('/sms').type('form').set('x-twilio-signature', sign(params)).send({ ...params, Body: 'add 9 pasta' })],
      ['an added param', 403, () => request(app).post('/sms').type('form').set('x-twilio-signature', sign(params)).send({ ...params, Extra: '1' })],
      ['a signature over another path', 403, () => request(app).post('/sms').type('form').set('x-twilio-signature', sign(params, `${config.PUBLIC_BASE_URL}/whatsapp`)).send(params)],
      [
        'another Twilio account, correctly signed',
        403,
        () => {
          const foreign = { ...params, AccountSid: 'AC11111111111111111111111111111111' };
          return request(app).post('/sms').type('form').set('x-twilio-signature', computeTwilioSignature(config.TWILIO_AUTH_TOKEN!, SMS_URL, foreign)).send(foreign);
        },
      ],
    ];
    for (const [name, status, send] of cases) {
      it(`${name} (${status})`, async () => {
        const res = await send();
        assert.equal(res.status, status);
        assert.equal(await ProcessedEventModel.countDocuments(), 0);
        assert.equal(await SessionModel.countDocuments(), 0);
        assert.equal(await ConsentRecordModel.countDocuments(), 0);
      });
    }

    it('refuses a signed form without the required fields with 400', async () => {
      const partial: Record<string, string> = { ...params };
      delete partial.MessageSid;
      const res = await request(app).post('/sms').type('form').set('x-twilio-signature', sign(partial)).send(partial);
      assert.equal(res.status, 400);
      assert.equal(await ProcessedEventModel.countDocuments(), 0);
    });
  });

  describe('REST sender through the outbox', () => {
    const API = 'https://api.twilio.com';
    const PATH = `/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;
    const form = (body: string) => new URLSearchParams({ To: ALICE, From: config.TWILIO_FROM, Body: body }).toString();
    const auth = { user: config.TWILIO_ACCOUNT_SID, pass: config.TWILIO_AUTH_TOKEN! };
    const dispatcher = () => new OutboxDispatcher({ sms: smsSender(config, channelServices) }, silentLog, { baseBackoffMs: 1_000 });
    const job = (jobKey: string, bodies: string[]) => ({ jobKey, kind: 'sms', payload: { to: ALICE, bodies } });

    it('delivers once after a 500 then a success', async () => {
      const sender = dispatcher();
      const failed = nock(API).post(PATH, form('Your order shipped.')).basicAuth(auth).reply(500, { code: 20500, message: 'Internal Server Error', status: 500 });
      await sender.enqueue(job('sms:notify:shipped', ['Your order shipped.']));
      assert.ok(failed.isDone());
      const pending = await OutboxModel.findOne().lean();
      assert.deepEqual([pending?.status, pending?.attempts], ['pending', 1]);

      const delivered = nock(API).post(PATH, form('Your order shipped.')).basicAuth(auth).once().reply(201, { sid: newSid(), status: 'queued' });
      assert.equal(await sender.runDue(new Date(Date.now() + 5_000)), 1);
      assert.ok(delivered.isDone());
      assert.equal(await sender.runDue(new Date(Date.now() + 3_600_000)), 0, 'nothing is sent twice');
      assert.equal((await OutboxModel.findOne().lean())?.status, 'sent');
    });

    it('honours Retry-After on a 429', async () => {
      const sender = dispatcher();
      nock(API).post(PATH, form('Hi')).basicAuth(auth).reply(429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'retry-after': '120' });
      const before = Date.now();
      await sender.enqueue(job('sms:notify:429', ['Hi']));
      const pending = await OutboxModel.findOne().lean();
      assert.ok(pending!.nextAttemptAt.getTime() >= before + 120_000);
    });

    it('leaves a 21610 (unsubscribed) dead, does not retry, and records the opt-out', async () => {
      const sender = dispatcher();
      const refused = nock(API)
        .post(PATH, form('Your order shipped.'))
        .basicAuth(auth)
        .once()
        .reply(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 });
      await sender.enqueue(job('sms:notify:21610', ['Your order shipped.', 'Second part']));
      assert.ok(refused.isDone());
      const dead = await OutboxModel.findOne().lean();
      assert.equal(dead?.status, 'dead');
      assert.match(dead?.lastError ?? '', /code 21610/);
      assert.equal(await sender.runDue(new Date(Date.now() + 3_600_000)), 0);
      const { customerId } = await identifyCustomer('sms', ALICE, 'en-US');
      assert.equal(await currentConsent(customerId, 'sms', 'transactional'), false);
      assert.equal(await text('hello'), '', 'the number is now treated as opted out');
    });
  });
});
