import assert from 'node:assert/strict';
import request from 'supertest';
import { InboundEventModel, OutboxModel, SessionModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import { channelAdapter } from '../../../src/channels/registry';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';
import { accountActivity, directMessageEvent, postXWebhook, xSignature } from '../../support/x-webhooks';

// The consumer secret and CRC token of X's own CRC example (developer.x.com); the answer was computed with openssl.
const KNOWN_SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';
const config = testConfig({ X_CONSUMER_SECRET: KNOWN_SECRET });
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({ config, log: silentLog, outbox });
const SHOP = config.X_ACCOUNT_ID;
const ALICE = '2244994945';
const SEND_PATH = `/2/dm_conversations/with/${ALICE}/messages`;
const sign = (raw: string) => xSignature(raw, KNOWN_SECRET);

let eventId = 1_800_000_000_000_000_000n;
const dm = (text: string, senderId = ALICE, extra: { quickReplyMetadata?: string } = {}) =>
  directMessageEvent({ id: String(++eventId), senderId, recipientId: senderId === SHOP ? ALICE : SHOP, text, ...extra });

/** The DM send API, faked for Alice: every request body with the shop's user token, answered as X does. */
function dmApi(times = 1) {
  const bodies: unknown[] = [];
  const scope = nock(config.X_API_BASE_URL)
    .post(SEND_PATH, (body) => {
      bodies.push(body);
      return true;
    })
    .matchHeader('authorization', `Bearer ${config.X_USER_ACCESS_TOKEN}`)
    .times(times)
    .reply(201, { data: { dm_conversation_id: `${ALICE}-${SHOP}`, dm_event_id: '1582838736767434755' } });
  return { scope, bodies };
}

async function deliver(body: object): Promise<void> {
  const res = await postXWebhook(app, body, sign(JSON.stringify(body)));
  assert.equal(res.status, 200, res.text);
  await drainBackground();
}

describe('X direct messages (/x)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('answers the challenge-response check with the exact token for a known consumer secret', async () => {
    const res = await request(app).get('/x').query({ crc_token: '9b4507b3-9040-4669-9ca3-6b94edb50553' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { response_token: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=' });
  });

  it('never signs a CRC token that could be a webhook body (the CRC would otherwise forge signatures)', async () => {
    const forgedBody = JSON.stringify(accountActivity(SHOP, [dm('add 2 colombian coffee')]));
    const res = await request(app).get('/x').query({ crc_token: forgedBody });
    assert.equal(res.status, 400);
    assert.equal(res.body.response_token, undefined);
    assert.equal((await request(app).get('/x')).status, 400);
  });

  it('answers a signed DM with one DM to the sender, exactly as the v2 send API takes it', async () => {
    const api = dmApi();
    await deliver(accountActivity(SHOP, [dm('add 2 colombian coffee')]));
    assert.ok(api.scope.isDone());
    assert.deepEqual(api.bodies, [{ text: 'Added 2 Colombian Coffee. Your cart comes to $25.98 before tax and delivery. Anything else, or shall I check out?\nReply 1 for Check out, 2 for View cart.' }]);
  });

  it('reads a numbered answer as the choice it names, and a quick-reply metadata as its payload', async () => {
    const api = dmApi(3);
    await deliver(accountActivity(SHOP, [dm('add 2 colombian coffee')]));
    await deliver(accountActivity(SHOP, [dm('2')]));
    await deliver(accountActivity(SHOP, [dm('the label shown', ALICE, { quickReplyMetadata: 'VIEW_CART' })]));
    assert.ok(api.scope.isDone());
    const cart = 'Your cart has 2 Colombian Coffee, $25.98 before tax and delivery. Shall I check out?\nReply 1 for Check out, 2 for No.';
    assert.deepEqual(api.bodies.slice(1), [{ text: cart }, { text: cart }]);
  });

  it('writes nothing for an unsigned, a forged or a wrongly keyed delivery', async () => {
    const body = JSON.stringify(accountActivity(SHOP, [dm('add 2 colombian coffee')]));
    assert.equal((await postXWebhook(app, body, null)).status, 401);
    assert.equal((await postXWebhook(app, body, sign(`${body} `))).status, 403);
    assert.equal((await postXWebhook(app, body, xSignature(body, 'not-the-consumer-secret'))).status, 403);
    assert.equal((await postXWebhook(app, body, 'sha256=not base64')).status, 403);
    await drainBackground();
    assert.equal(await InboundEventModel.countDocuments({ channel: 'x-dm' }), 0);
    assert.equal(await SessionModel.countDocuments({ channel: 'x-dm' }), 0);
    assert.equal(await OutboxModel.countDocuments({ kind: 'x-dm' }), 0);
  });

  it('refuses a signed body that is not an Account Activity delivery, writing nothing', async () => {
    const body = JSON.stringify({ direct_message_events: 'nope' });
    const res = await postXWebhook(app, body, sign(body));
    assert.equal(res.status, 400);
    assert.equal(await InboundEventModel.countDocuments({ channel: 'x-dm' }), 0);
  });

  it('answers a redelivered event once', async () => {
    const api = dmApi(1);
    const delivery = accountActivity(SHOP, [dm('add 2 colombian coffee')]);
    await deliver(delivery);
    await deliver(delivery);
    assert.ok(api.scope.isDone());
    assert.equal(api.bodies.length, 1);
    assert.equal(await InboundEventModel.countDocuments({ channel: 'x-dm' }), 1);
    assert.equal(await OutboxModel.countDocuments({ kind: 'x-dm' }), 1);
  });

  it("ignores the shop's own DMs coming back as events, and deliveries for another subscribed account", async () => {
    await deliver(accountActivity(SHOP, [dm('Added 2 Colombian Coffee to your cart.', SHOP)]));
    await deliver(accountActivity('99999', [dm('add 2 colombian coffee', ALICE)]));
    assert.equal(await InboundEventModel.countDocuments({ channel: 'x-dm' }), 0);
    assert.equal(await SessionModel.countDocuments({ channel: 'x-dm' }), 0);
  });

  it('notifies only within 24 hours of the last DM, and waits for X to reset a rate limit', async () => {
    const notifier = channelAdapter('x-dm')!.notifier!(config, {} as never);
    const now = new Date('2026-12-07T12:00:00Z');
    const notification = { text: 'Your order 123-456 has shipped.', templateParameters: [], kind: 'order-update' as const, referenceKey: 'o1' };
    const stale = notifier.attempt(notification, { externalId: ALICE, lastInboundAt: new Date(now.getTime() - 25 * 3600_000), locale: 'en-US' }, now);
    assert.equal(typeof stale, 'string');
    const fresh = notifier.attempt(notification, { externalId: ALICE, lastInboundAt: new Date(now.getTime() - 3600_000), locale: 'en-US' }, now);
    assert.equal(typeof fresh, 'function');
    const reset = Math.floor(now.getTime() / 1000) + 90;
    const scope = nock(config.X_API_BASE_URL)
      .post(SEND_PATH, { text: 'Your order 123-456 has shipped.' })
      .reply(429, { title: 'Too Many Requests', detail: 'Too Many Requests' }, { 'x-rate-limit-reset': String(reset) });
    const result = await (fresh as () => Promise<unknown>)();
    assert.ok(scope.isDone());
    assert.deepEqual(result, { ok: false, retryable: true, retryAfterMs: 90_000, error: 'x dm 429: Too Many Requests' });
  });
});
