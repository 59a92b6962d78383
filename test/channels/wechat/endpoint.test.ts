import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { ALL_MODELS, ConsentRecordModel, OrderModel, OutboxModel, InboundEventModel, ProcessedEventModel, SessionModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import type { Config } from '../../../src/config';
import { computeTotals } from '../../../src/core/money';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { CONSENT_WORDING } from '../../../src/core/consent';
import { identifyCustomer, recordConsentRequest } from '../../../src/services/customers';
import { placeOrder } from '../../../src/services/orders';
import { currentConsent } from '../../../src/store/consent-store';
import { addCustomer, freshDemoStore, NO_DAILY_LIMIT, settings } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';

/** The Official Account's original id and a follower's OpenID, in WeChat's formats. */
const ACCOUNT = 'gh_3c884a361561';
const ALICE = 'oTpbs6Cp0Xv3kQm9JrL2aB7dE263';
const BOB = 'oTpbs6Eq1Yw4lRn0KsM3bC8eF917';

const now = () => Math.floor(Date.now() / 1000);

/** Our app with the passive path always taken, so a busy machine cannot turn a reply into an API call. */
function appWith(config: Config, replyBudgetMs?: number) {
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
  return createApp({ config, log: silentLog, outbox, channelOverrides: { wechat: { replyBudgetMs } } });
}
const config = testConfig();
const app = appWith(config, Infinity);

/** The query WeChat adds to the server URL: sha1 of the sorted token, timestamp and nonce. */
function signed(extra: Record<string, string> = {}, token = config.WECHAT_TOKEN!, timestamp = String(now())): Record<string, string> {
  const nonce = String(randomInt(100_000_000, 999_999_999));
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return { signature, timestamp, nonce, ...extra };
}

let msgSeq = 0;
const newMsgId = () => String(24762662405509099n + BigInt(++msgSeq));

/** A text message exactly as WeChat pushes it (plain-text mode). */
function textXml(content: string, { from = ALICE, msgId = newMsgId() }: { from?: string; msgId?: string } = {}): string {
  return `<xml>
  <ToUserName><![CDATA[${ACCOUNT}]]></ToUserName>
  <FromUserName><![CDATA[${from}]]></FromUserName>
  <CreateTime>${now()}</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[${content}]]></Content>
  <MsgId>${msgId}</MsgId>
</xml>`;
}

let eventClock = now() - 100;
/** An event push (subscribe, unsubscribe, CLICK); each gets its own CreateTime unless given one. */
function eventXml(event: string, eventKey = '', { from = ALICE, createTime = ++eventClock } = {}): string {
  return `<xml>
  <ToUserName><![CDATA[${ACCOUNT}]]></ToUserName>
  <FromUserName><![CDATA[${from}]]></FromUserName>
  <CreateTime>${createTime}</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[${event}]]></Event>
  <EventKey><![CDATA[${eventKey}]]></EventKey>
</xml>`;
}

const push = (xml: string, query: Record<string, string> = signed({ openid: ALICE }), target = app) => request(target).post('/wechat').query(query).set('content-type', 'text/xml').send(xml);

const parser = new XMLParser({ parseTagValue: false });

/** Posts a signed push and returns the passive reply's Content ('' for "success"), checking the reply envelope. */
async function say(content: string, from = ALICE): Promise<string> {
  return answerOf(await push(textXml(content, { from }), signed({ openid: from })), from);
}

function answerOf(res: request.Response, to = ALICE): string {
  assert.equal(res.status, 200, res.text);
  if (res.text === 'success') return '';
  assert.match(res.headers['content-type'] ?? '', /^text\/xml/);
  const { xml } = parser.parse(res.text) as { xml: Record<string, string> };
  assert.deepEqual(Object.keys(xml), ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content']);
  assert.equal(xml.ToUserName, to);
  assert.equal(xml.FromUserName, ACCOUNT);
  assert.match(xml.CreateTime!, /^\d{10}$/);
  assert.equal(xml.MsgType, 'text');
  assert.ok(Buffer.byteLength(xml.Content!, 'utf8') <= 2048);
  return xml.Content!;
}

async function documentCounts(): Promise<Record<string, number>> {
  const entries = await Promise.all(ALL_MODELS.map(async (model) => [model.modelName, await model.countDocuments()] as const));
  return Object.fromEntries(entries);
}

describe('WeChat Official Account server (/wechat)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    await addCustomer({ channel: 'wechat', externalId: ALICE });
  });
  afterEach(drainBackground);

  describe('GET handshake', () => {
    it('echoes echostr when the signature matches the token', async () => {
      const res = await request(app).get('/wechat').query(signed({ echostr: '5837397520432457810' }));
      assert.equal(res.status, 200);
      assert.equal(res.text, '5837397520432457810');
    });

    it('refuses a wrong signature with 403 and missing parameters with 401', async () => {
      const wrong = await request(app).get('/wechat').query(signed({ echostr: '1' }, 'not-the-token'));
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'FORBIDDEN');
      const { signature: _dropped, ...unsigned } = signed({ echostr: '1' });
      const missing = await request(app).get('/wechat').query(unsigned);
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error.code, 'UNAUTHENTICATED');
    });
  });

  describe('refused pushes process nothing', () => {
    const refusals: { name: string; status: number; code: string; send: () => request.Test }[] = [
      { name: 'a wrong signature', status: 403, code: 'FORBIDDEN', send: () => push(textXml('add pasta'), signed({ openid: ALICE }, 'not-the-token')) },
      { name: 'no signature', status: 401, code: 'UNAUTHENTICATED', send: () => push(textXml('add pasta'), { timestamp: String(now()), nonce: '1', openid: ALICE }) },
      { name: 'a signed timestamp 10 minutes old', status: 400, code: 'REQUEST_NOT_VERIFIED', send: () => push(textXml('add pasta'), signed({ openid: ALICE }, undefined, String(now() - 600))) },
      { name: 'a body that is not XML', status: 400, code: 'MALFORMED_BODY', send: () => push('{"Content":"add pasta"}') },
      { name: 'a DTD', status: 400, code: 'MALFORMED_BODY', send: () => push(`<!DOCTYPE xml [<!ENTITY a "add pasta">]>${textXml('&a;')}`) },
      { name: 'a text message without MsgId', status: 400, code: 'VALIDATION_FAILED', send: () => push(textXml('add pasta').replace(/<MsgId>\d+<\/MsgId>/, '')) },
      { name: 'an openid that is not the sender', status: 400, code: 'VALIDATION_FAILED', send: () => push(textXml('add pasta'), signed({ openid: BOB })) },
      { name: 'a subscribe with a wrong signature', status: 403, code: 'FORBIDDEN', send: () => push(eventXml('subscribe'), signed({ openid: ALICE }, 'not-the-token')) },
    ];
    for (const refusal of refusals) {
      it(`refuses ${refusal.name} with ${refusal.status}, writing nothing`, async () => {
        const before = await documentCounts();
        const res = await refusal.send();
        assert.equal(res.status, refusal.status, res.text);
        assert.equal(res.body.error.code, refusal.code);
        await drainBackground();
        assert.deepEqual(await documentCounts(), before);
      });
    }
  });

  it('answers a redelivered MsgId once: the second delivery gets "success" and runs no turn', async () => {
    const xml = textXml('add 2 colombian coffee');
    const first = answerOf(await push(xml));
    assert.match(first, /^Added 2 Colombian Coffee/);
    const sessionAfterFirst = await SessionModel.findOne({ channel: 'wechat' }).lean();

    const again = await push(xml, signed({ openid: ALICE }));
    assert.equal(again.status, 200);
    assert.equal(again.text, 'success');
    assert.equal(await InboundEventModel.countDocuments({ channel: 'wechat' }), 1);
    // The other rows remember the two signed (timestamp, nonce) pairs.
    assert.equal(await ProcessedEventModel.countDocuments({ key: /^wechat-signature:/ }), 2);
    assert.deepEqual((await SessionModel.findOne({ channel: 'wechat' }).lean())?.updatedAt, sessionAfterFirst?.updatedAt);
    assert.equal(await OutboxModel.countDocuments(), 0, 'nothing sent through the API either');
    assert.match(await say('view cart'), /2 Colombian Coffee/, 'the cart holds 2, not 4');
  });

  it('reorders the usual: read-back, yes, confirmation with the order number, all as passive XML', async () => {
    const customerId = await addCustomer({ channel: 'wechat', externalId: BOB });
    const lines = [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 2, unitPriceMinor: 1299 }];
    const past = await placeOrder({ idempotencyKey: 'past-order-bob', customerId, channel: 'wechat', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, new Date(Date.now() - 7 * 86_400_000));
    assert.ok(past.ok);

    const offer = await say('reorder my usual', BOB);
    assert.match(offer, /2 Colombian Coffee/);
    const readBack = await say('yes', BOB);
    assert.match(readBack, /^Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
    assert.match(readBack, /Reply 1 for Yes, 2 for No\.$/, 'the confirmation choices are numbered text');
    assert.equal(await OrderModel.countDocuments({ customerId }), 1, 'nothing placed before the yes');

    const done = await say('yes', BOB);
    const placed = await OrderModel.find({ customerId, status: 'placed' }).sort({ createdAt: 1 }).lean();
    assert.equal(placed.length, 2);
    const reorder = placed.find((order) => order.idempotencyKey !== 'past-order-bob')!;
    assert.equal(reorder.channel, 'wechat');
    assert.match(done, new RegExp(`^Done\\. Your order number is ${reorder.orderNumber}`));
  });

  it('renders choices as numbered text and takes a bare number as the choice', async () => {
    const list = await say('show me coffee');
    assert.match(list, /\n1\) Colombian Coffee\n2\) Ethiopian Coffee\n3\) French Roast Coffee$/);
    assert.match(await say('2'), /Ethiopian Coffee/);
  });

  it('records a follow as consent with a welcome, and an unfollow as an opt-out with no reply', async () => {
    const welcome = answerOf(await push(eventXml('subscribe'), signed({ openid: ALICE })));
    // No text to tell the language by: WeChat's default, Chinese.
    assert.match(welcome, /^欢迎来到Corner Market。.*\n回复1 选择“礼物推荐”，2 选择“帮助”。$/s);
    const { customerId } = await identifyCustomer('wechat', ALICE, 'en-US');
    assert.equal(await currentConsent(customerId, 'wechat', 'transactional'), true);
    assert.equal(await currentConsent(customerId, 'wechat', 'marketing'), null, 'following is not a marketing opt-in');

    const bye = await push(eventXml('unsubscribe'), signed({ openid: ALICE }));
    assert.equal(bye.status, 200);
    assert.equal(bye.text, 'success');
    assert.equal(await currentConsent(customerId, 'wechat', 'transactional'), false);
    assert.equal(await currentConsent(customerId, 'wechat', 'marketing'), false);

    const records = await ConsentRecordModel.find({ customerId }).sort({ recordedAt: 1, purpose: -1 }).lean(); // records of one instant: transactional first
    assert.deepEqual(
      records.map((r) => [r.purpose, r.granted, r.source]),
      [
        ['transactional', true, 'wechat event: subscribe'],
        ['transactional', false, 'wechat event: unsubscribe'],
        ['marketing', false, 'wechat event: unsubscribe'],
      ],
    );
  });

  it('stays silent for a follower who opted out of every channel (a record for all, said by voice) until they type start', async () => {
    const { customerId } = await identifyCustomer('wechat', ALICE, 'en-US');
    await recordConsentRequest(customerId, { granted: false, scope: 'messages', byKeyword: false, channel: 'alexa', voice: true }, { kind: 'stop', source: 'alexa: stop sending me messages', wording: CONSENT_WORDING.stopMessages });
    assert.equal(await say('view cart'), '');
    assert.equal(await OutboxModel.countDocuments(), 0, 'nothing sent through the API either');
    assert.notEqual(await say('start'), '');
    assert.equal(await currentConsent(customerId, 'wechat', 'transactional'), true);
    assert.match(await say('view cart'), /cart/i);
  });

  it('records a redelivered subscribe event once', async () => {
    const xml = eventXml('subscribe');
    answerOf(await push(xml, signed({ openid: ALICE })));
    const again = await push(xml, signed({ openid: ALICE }));
    assert.equal(again.text, 'success');
    assert.equal(await ConsentRecordModel.countDocuments({ channel: 'wechat' }), 1);
  });

  it('answers a menu CLICK whose key is one of our payloads', async () => {
    await say('add pasta');
    const cart = answerOf(await push(eventXml('CLICK', 'VIEW_CART'), signed({ openid: ALICE })));
    assert.match(cart, /Pasta/);
  });

  it('acknowledges message types it cannot read without answering', async () => {
    const image = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${ALICE}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>${newMsgId()}</MsgId></xml>`;
    const res = await push(image);
    assert.equal(res.status, 200);
    assert.equal(res.text, 'success');
    assert.equal(await SessionModel.countDocuments(), 0);
  });

  describe('replies slower than the budget go through the customer-service API', () => {
    const API = 'https://api.weixin.qq.com';
    const slowConfig = testConfig({ WECHAT_REPLY_BUDGET_MS: '0' });
    const slowApp = appWith(slowConfig);

    it('answers "success" at once, then sends the reply once with a fetched and cached access token', async () => {
      const helpText = answerOf(await push(textXml('help', { from: BOB }), signed({ openid: BOB })), BOB);
      const sent: unknown[] = [];
      const scope = nock(API)
        .get('/cgi-bin/token')
        .query({ grant_type: 'client_credential', appid: slowConfig.WECHAT_APP_ID, secret: slowConfig.WECHAT_APP_SECRET! })
        .reply(200, { access_token: 'ACCESS_TOKEN_1', expires_in: 7200 })
        .post('/cgi-bin/message/custom/send', (body: unknown) => (sent.push(body), true))
        .query({ access_token: 'ACCESS_TOKEN_1' })
        .times(2)
        .reply(200, { errcode: 0, errmsg: 'ok' });

      const xml = textXml('help');
      const res = await push(xml, undefined, slowApp);
      assert.equal(res.status, 200);
      assert.equal(res.text, 'success');
      await drainBackground();
      assert.deepEqual(sent, [{ touser: ALICE, msgtype: 'text', text: { content: helpText } }]);

      const redelivery = await push(xml, signed({ openid: ALICE }), slowApp);
      assert.equal(redelivery.text, 'success');
      await drainBackground();
      assert.equal(sent.length, 1, 'a redelivery sends nothing');

      // The second reply reuses the cached token: the token endpoint was faked once only.
      assert.equal((await push(textXml('add pasta'), undefined, slowApp)).text, 'success');
      await drainBackground();
      assert.ok(scope.isDone());
      assert.equal(sent.length, 2);
      assert.match((sent[1] as { text: { content: string } }).text.content, /^Added 1 Pasta/);
      assert.deepEqual((await OutboxModel.find({ kind: 'wechat' }).lean()).map((job) => job.status), ['sent', 'sent']);
    });

    it('fetches a new token when WeChat rejects the cached one, and retries the same job', async () => {
      const retryConfig = testConfig({ WECHAT_REPLY_BUDGET_MS: '0' });
      const outbox = new OutboxDispatcher(outboxSenders(retryConfig), silentLog, { baseBackoffMs: 1 });
      const retryApp = createApp({ config: retryConfig, log: silentLog, outbox });
      const sent: unknown[] = [];
      const scope = nock(API)
        .get('/cgi-bin/token')
        .query(true)
        .reply(200, { access_token: 'OLD_TOKEN', expires_in: 7200 })
        .post('/cgi-bin/message/custom/send', (body: unknown) => (sent.push(body), true))
        .query({ access_token: 'OLD_TOKEN' })
        .reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        .get('/cgi-bin/token')
        .query(true)
        .reply(200, { access_token: 'NEW_TOKEN', expires_in: 7200 })
        .post('/cgi-bin/message/custom/send', (body: unknown) => (sent.push(body), true))
        .query({ access_token: 'NEW_TOKEN' })
        .reply(200, { errcode: 0, errmsg: 'ok' });

      assert.equal((await push(textXml('add pasta'), undefined, retryApp)).text, 'success');
      await drainBackground();
      const [job] = await OutboxModel.find({ kind: 'wechat' }).lean();
      assert.equal(job?.status, 'pending');
      assert.match(job?.lastError ?? '', /errcode 40001/);

      await outbox.runDue(new Date(Date.now() + 60_000));
      assert.ok(scope.isDone());
      assert.equal(sent.length, 2);
      assert.deepEqual(sent[0], sent[1], 'the same message, once delivered');
      assert.equal((await OutboxModel.findOne({ kind: 'wechat' }).lean())?.status, 'sent');
    });
  });
});
