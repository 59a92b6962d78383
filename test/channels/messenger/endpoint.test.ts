import assert from 'node:assert/strict';
import request from 'supertest';
import { ConsentRecordModel, OrderModel, OutboxModel, InboundEventModel, SessionModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';
import { metaSignature as sign } from '../../support/meta-webhooks';

const config = testConfig();
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({ config, log: silentLog, outbox });
const GRAPH = 'https://graph.facebook.com';
const SEND_PATH = '/v21.0/me/messages';
const BOB = 'PSID-BOB-1';

let mid = 0;
const textEvent = (psid: string, text: string) => ({ sender: { id: psid }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid: `m_${++mid}`, text } });
const postbackEvent = (psid: string, payload: string) => ({ sender: { id: psid }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), postback: { mid: `m_${++mid}`, title: payload, payload } });
const webhook = (events: object[], object: 'page' | 'instagram' = 'page') => ({ object, entry: [{ id: 'PAGE-1', time: Date.now(), messaging: events }] });


/** Delivers a webhook as Meta does (signed raw JSON), expects the fast 200, and waits for the background work. */
async function deliver(body: object): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(raw)).send(raw);
  assert.equal(res.status, 200);
  assert.equal(res.text, 'EVENT_RECEIVED');
  await drainBackground();
}

/** The Send API, faked: records every request with the page token, answers as Graph does. */
function graphApi() {
  const requests: { recipient: { id: string }; messaging_type?: string; sender_action?: string; message?: Record<string, unknown> }[] = [];
  const scope = nock(GRAPH)
    .persist()
    .post(SEND_PATH, (body) => {
      requests.push(body);
      return true;
    })
    .matchHeader('authorization', `Bearer ${config.META_PAGE_ACCESS_TOKEN}`)
    .reply(200, { recipient_id: BOB, message_id: 'mid.reply' });
  const messages = () => requests.filter((r) => r.message).map((r) => r.message!);
  const texts = () => messages().map((m) => (m.text as string | undefined) ?? ((m.attachment as { payload: { text?: string } } | undefined)?.payload.text ?? ''));
  return { scope, requests, messages, texts };
}

describe('Messenger and Instagram webhook (/messenger)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    nock.cleanAll();
  });

  it('answers the subscription handshake only with the verify token', async () => {
    const ok = await request(app).get('/messenger').query({ 'hub.mode': 'subscribe', 'hub.verify_token': config.META_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '1158201444');
    const wrong = await request(app).get('/messenger').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
    assert.equal(wrong.status, 403);
  });

  it('browses with a carousel, showing typing first and replying to the sender', async () => {
    const graph = graphApi();
    await deliver(webhook([textEvent(BOB, 'show me coffee')]));
    assert.ok(graph.scope.isDone());
    assert.deepEqual(graph.requests[0], { recipient: { id: BOB }, sender_action: 'typing_on' });
    assert.ok(graph.requests.slice(1).every((r) => r.recipient.id === BOB && r.messaging_type === 'RESPONSE'));
    const carousel = graph.messages().find((m) => (m.attachment as { payload?: { template_type?: string } } | undefined)?.payload?.template_type === 'generic');
    assert.ok(carousel, 'a generic template carousel was sent');
    const elements = (carousel.attachment as { payload: { elements: { title: string }[] } }).payload.elements;
    assert.ok(elements.some((e) => e.title === 'Colombian Coffee'));
  });

  it('takes an order with a yes/no confirmation and places it', async () => {
    const graph = graphApi();
    await deliver(webhook([textEvent(BOB, 'add 2 colombian coffee')]));
    await deliver(webhook([textEvent(BOB, 'checkout')]));
    const readBack = graph.messages().at(-1)!;
    const template = (readBack.attachment as { payload: { template_type: string; text: string; buttons: { payload: string }[] } }).payload;
    assert.equal(template.template_type, 'button');
    assert.match(template.text, /Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
    assert.deepEqual(template.buttons.map((b) => b.payload), ['YES', 'NO']);
    assert.equal(await OrderModel.countDocuments(), 0);

    await deliver(webhook([postbackEvent(BOB, 'YES')]));
    const [order] = await OrderModel.find({ status: 'placed' }).lean();
    assert.equal(order?.channel, 'messenger');
    assert.match(graph.texts().at(-1)!, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));
  });

  it('reorders from chat and tells the order status', async () => {
    const graph = graphApi();
    await deliver(webhook([textEvent(BOB, 'add pasta')]));
    await deliver(webhook([textEvent(BOB, 'checkout')]));
    await deliver(webhook([postbackEvent(BOB, 'YES')]));
    await deliver(webhook([textEvent(BOB, 'reorder my usual')]));
    assert.match(graph.texts().at(-1)!, /had 1 Pasta\./);
    await deliver(webhook([textEvent(BOB, 'yes')]));
    await deliver(webhook([textEvent(BOB, 'yes')]));
    assert.equal(await OrderModel.countDocuments({ status: 'placed' }), 2);
    await deliver(webhook([textEvent(BOB, 'where is my order')]));
    assert.match(graph.texts().at(-1)!, /^Order \d{3}-\d{3} from \w+day, \w+ \d+ is placed\./);
  });

  it('records an opt-out and an opt-in', async () => {
    graphApi();
    await deliver(webhook([textEvent(BOB, 'stop sending me messages')]));
    await deliver(webhook([textEvent(BOB, 'start')]));
    const records = await ConsentRecordModel.find().sort({ recordedAt: 1, purpose: -1 }).lean(); // records of one instant: transactional first
    assert.deepEqual(
      records.map((r) => [r.channel, r.purpose, r.granted, r.sourceChannel]),
      [
        ['all', 'transactional', false, 'messenger'],
        ['all', 'marketing', false, 'messenger'],
        ['messenger', 'transactional', true, 'messenger'],
      ],
    );
  });

  it('handles every entry and every event of a batch, on Instagram too', async () => {
    const graph = graphApi();
    const body = { object: 'instagram', entry: [{ id: 'IG-1', time: Date.now(), messaging: [textEvent('IGSID-1', 'help')] }, { id: 'IG-1', time: Date.now(), messaging: [textEvent('IGSID-2', 'help'), textEvent('IGSID-3', 'help')] }] };
    await deliver(body);
    const recipients = new Set(graph.requests.filter((r) => r.message).map((r) => r.recipient.id));
    assert.deepEqual([...recipients].sort(), ['IGSID-1', 'IGSID-2', 'IGSID-3']);
    assert.equal(await SessionModel.countDocuments({ channel: 'instagram' }), 3);
  });

  it('answers several messages from one customer in one batch in the order they were written', async () => {
    const graph = graphApi();
    await deliver(webhook([textEvent(BOB, 'add pasta'), textEvent(BOB, 'add green tea'), textEvent(BOB, 'what is in my cart')]));
    const texts = graph.texts();
    assert.match(texts[0]!, /^Added 1 Pasta\./);
    assert.match(texts[1]!, /^Added 1 Green Tea\./);
    assert.match(texts[2]!, /^Your cart has 1 Pasta and 1 Green Tea/);
  });

  it('turns the same event delivered five times into one answer and one cart line', async () => {
    const graph = graphApi();
    const raw = JSON.stringify(webhook([textEvent(BOB, 'add 3 pasta')]));
    await Promise.all(Array.from({ length: 5 }, () => request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(raw)).send(raw).expect(200)));
    await drainBackground();
    assert.equal(graph.texts().filter((t) => t.startsWith('Added 3 Pasta')).length, 1);
    assert.equal(await OutboxModel.countDocuments(), 1);
  });

  describe('signature: refused with 4xx and nothing processed', () => {
    const body = JSON.stringify(webhook([textEvent(BOB, 'add pasta')]));
    const nonAscii = '{"object":"page","entry":[{"id":"PAGE-1","time":1,"messaging":[{"sender":{"id":"PSID-BOB-1"},"recipient":{"id":"PAGE-1"},"timestamp":1,"message":{"mid":"m_x","text":"caf\\u00e9 cr\\u00e8me"}}]}]}';
    const cases: [string, () => request.Test][] = [
      ['a missing header (401)', () => request(app).post('/messenger').set('content-type', 'application/json').send(body)],
      ['the wrong secret (403)', () => request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(body, 'not-the-secret')).send(body)],
      ['a body changed by one byte (403)', () => request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(body)).send(body.replace('add pasta', 'add pastA'))],
      ['a signature over re-serialised non-ASCII JSON (403)', () => request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(JSON.stringify(JSON.parse(nonAscii)))).send(nonAscii)],
    ];
    for (const [name, send] of cases) {
      it(name, async () => {
        const graph = graphApi();
        const res = await send();
        assert.equal(res.status, name.includes('401') ? 401 : 403);
        await drainBackground();
        assert.equal(graph.requests.length, 0);
        assert.equal(await InboundEventModel.countDocuments(), 0);
        assert.equal(await SessionModel.countDocuments(), 0);
      });
    }

    it('refuses a signed body that is not a Messenger webhook with 400', async () => {
      const raw = JSON.stringify({ object: 'page', entry: 'nope' });
      const res = await request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(raw)).send(raw);
      assert.equal(res.status, 400);
    });
  });

  describe('sending through the outbox', () => {
    it('delivers once after a 500 then a success', async () => {
      const failedOnce = nock(GRAPH).post(SEND_PATH, (b) => !!b.sender_action).reply(200, {}).post(SEND_PATH).reply(500, { error: { message: 'oops', code: 1 } });
      await deliver(webhook([textEvent(BOB, 'help')]));
      assert.ok(failedOnce.isDone());
      const job = await OutboxModel.findOne().lean();
      assert.deepEqual([job?.status, job?.attempts], ['pending', 1]);

      const success = nock(GRAPH).post(SEND_PATH, (b) => /You can search/.test(JSON.stringify(b))).once().reply(200, {});
      assert.equal(await outbox.runDue(new Date(Date.now() + 5_000)), 1);
      assert.ok(success.isDone());
      assert.equal(await outbox.runDue(new Date(Date.now() + 60_000)), 0, 'nothing is sent twice');
      assert.equal((await OutboxModel.findOne().lean())?.status, 'sent');
    });

    it('honours a 429 retry delay', async () => {
      nock(GRAPH).post(SEND_PATH, (b) => !!b.sender_action).reply(200, {}).post(SEND_PATH).reply(429, { error: { message: 'rate limited', code: 613 } }, { 'retry-after': '120' });
      const before = Date.now();
      await deliver(webhook([textEvent(BOB, 'help')]));
      const job = await OutboxModel.findOne().lean();
      assert.ok(job!.nextAttemptAt.getTime() >= before + 120_000);
      assert.equal(await outbox.runDue(new Date(before + 60_000)), 0, 'not before the delay');
      const later = nock(GRAPH).post(SEND_PATH).reply(200, {});
      assert.equal(await outbox.runDue(new Date(before + 125_000)), 1);
      assert.ok(later.isDone());
    });

    it('records a permanent error and does not retry it', async () => {
      nock(GRAPH).post(SEND_PATH, (b) => !!b.sender_action).reply(200, {}).post(SEND_PATH).reply(400, { error: { message: 'Invalid parameter', code: 100 } });
      await deliver(webhook([textEvent(BOB, 'help')]));
      const job = await OutboxModel.findOne().lean();
      assert.equal(job?.status, 'dead');
      assert.match(job?.lastError ?? '', /code 100: Invalid parameter/);
      assert.equal(await outbox.runDue(new Date(Date.now() + 3_600_000)), 0);
    });

    it('never lets two workers send the same job', async () => {
      const sends = nock(GRAPH).post(SEND_PATH, (b) => !!b.sender_action).reply(200, {}).post(SEND_PATH).reply(500, {});
      await deliver(webhook([textEvent(BOB, 'help')]));
      assert.ok(sends.isDone());
      const delivered = nock(GRAPH).post(SEND_PATH).once().reply(200, {});
      const second = new OutboxDispatcher(outboxSenders(config), silentLog);
      const at = new Date(Date.now() + 10_000);
      const results = await Promise.all([outbox.runDue(at), second.runDue(at)]);
      assert.equal(results[0] + results[1], 1);
      assert.ok(delivered.isDone());
    });
  });
});
