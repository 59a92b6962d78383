import assert from 'node:assert/strict';
import request from 'supertest';
import { CartModel, ChannelIdentityModel, CustomerModel, OrderModel, ProcessedEventModel, SessionModel, WebchatTokenModel } from '../../../models';
import { WEBCHAT_LIMITS } from '../../../src/channels/webchat/capabilities';
import { renderWebchat } from '../../../src/channels/webchat/render';
import type { Reply } from '../../../src/conversation/turn';
import { createApp } from '../../../src/http/app';
import { claimEventKeepingAnswer, keepEventAnswer } from '../../../src/store/event-store';
import { hashWebchatToken } from '../../../src/store/webchat-store';
import { sweepExpired } from '../../../src/store/sweeper';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';

const app = createApp({ config: testConfig(), log: silentLog });

async function startSession(): Promise<string> {
  const res = await request(app).post('/webchat/sessions').send({});
  assert.equal(res.status, 201, res.text);
  return res.body.token as string;
}

let counter = 0;
const nextId = () => `m-${++counter}`;

function post(token: string, body: Record<string, unknown>) {
  return request(app).post('/webchat').set('authorization', `Bearer ${token}`).send(body);
}

/** The pipeline's event claims of web chat messages (each keeps its answer). */
const messageClaims = (messageId?: string) => ProcessedEventModel.countDocuments(messageId === undefined ? { channel: 'webchat' } : { channel: 'webchat', key: new RegExp(`:${messageId}$`) });

async function says(token: string, text: string): Promise<Record<string, unknown> & { text: string }> {
  const res = await post(token, { messageId: nextId(), text });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** A brand-new web chat customer (made by its first message) has no address; an order needs one. */
async function giveAddress(token: string): Promise<void> {
  await says(token, 'help');
  const row = await WebchatTokenModel.findOne({ tokenHash: hashWebchatToken(token) }).lean();
  const identity = await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: row!.channelUserId }).lean();
  await CustomerModel.updateOne({ _id: identity!.customerId }, { $set: { addresses: [{ recipient: 'Web Shopper', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }] } });
}

describe('web chat (/webchat)', () => {
  beforeEach(freshDemoStore);

  describe('sessions', () => {
    it('creates no customer until the session writes its first message', async () => {
      const [customersBefore, identitiesBefore] = [await CustomerModel.countDocuments(), await ChannelIdentityModel.countDocuments()];
      const token = await startSession();
      await startSession();
      assert.equal(await CustomerModel.countDocuments(), customersBefore, 'a session alone stores no customer');
      assert.equal(await ChannelIdentityModel.countDocuments(), identitiesBefore);

      assert.match((await says(token, 'help')).text, /.+/);
      assert.equal(await CustomerModel.countDocuments(), customersBefore + 1, 'the first message makes the customer');
      assert.equal(await ChannelIdentityModel.countDocuments(), identitiesBefore + 1);
    });

    it('limits new sessions per source address per hour with 429 and stores nothing for a refused one', async () => {
      const limited = createApp({ config: testConfig({ WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: '3' }), log: silentLog });
      for (let i = 0; i < 3; i++) assert.equal((await request(limited).post('/webchat/sessions').send({})).status, 201);
      const refused = await request(limited).post('/webchat/sessions').send({});
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.code, 'WEBCHAT_SESSIONS_THROTTLED');
      assert.equal(await WebchatTokenModel.countDocuments(), 3);
    });

    it('issues a random token bound to a new web chat identity, stored only as its hash', async () => {
      const res = await request(app).post('/webchat/sessions').send({ locale: 'en-US' });
      assert.equal(res.status, 201);
      assert.match(res.body.token, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(Date.parse(res.body.expiresAt) > Date.now());
      assert.equal(res.body.limits.choices, WEBCHAT_LIMITS.choices);

      const rows = await WebchatTokenModel.find().lean();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.tokenHash, hashWebchatToken(res.body.token));
      assert.ok(!JSON.stringify(rows).includes(res.body.token), 'the token itself is not stored');

      const second = await request(app).post('/webchat/sessions');
      assert.equal(second.status, 201);
      assert.notEqual(second.body.token, res.body.token);
    });

    it('refuses unknown fields and a malformed locale with 400', async () => {
      const extra = await request(app).post('/webchat/sessions').send({ locale: 'en-US', admin: true });
      assert.equal(extra.status, 400);
      assert.equal(extra.body.error.code, 'VALIDATION_FAILED');
      assert.equal((await request(app).post('/webchat/sessions').send({ locale: 'english' })).status, 400);
      assert.equal(await WebchatTokenModel.countDocuments(), 0);
    });
  });

  describe('bearer authentication', () => {
    it('answers 401 with a reason for a missing, malformed, unknown or expired token, and runs nothing', async () => {
      const missing = await request(app).post('/webchat').send({ messageId: 'a', text: 'hi' });
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error.code, 'UNAUTHENTICATED');
      assert.match(missing.body.error.message, /POST \/webchat\/sessions/);

      assert.equal((await request(app).post('/webchat').set('authorization', 'Basic abc').send({ messageId: 'a', text: 'hi' })).status, 401);
      const unknown = await post('x'.repeat(43), { messageId: 'a', text: 'hi' });
      assert.equal(unknown.status, 401);
      assert.match(unknown.body.error.message, /unknown or has expired/);

      const token = await startSession();
      await WebchatTokenModel.updateOne({ tokenHash: hashWebchatToken(token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      assert.equal((await post(token, { messageId: 'a', text: 'hi' })).status, 401);
      assert.equal(await messageClaims(), 0);
    });
  });

  describe('limits and validation', () => {
    it('refuses with 400 an unknown field, a missing messageId, an empty message, over-long text or ids, and malformed JSON', async () => {
      const token = await startSession();
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ messageId: 'a', text: 'hi', sessionId: 'x' }, /Unrecognized key/],
        [{ text: 'hi' }, /messageId/],
        [{ messageId: 'a', text: '   ' }, /send text or a choiceId/],
        [{ messageId: 'a', text: 'x'.repeat(WEBCHAT_LIMITS.inboundTextCharacters + 1) }, /text/],
        [{ messageId: 'a'.repeat(WEBCHAT_LIMITS.messageIdCharacters + 1), text: 'hi' }, /messageId/],
        [{ messageId: 'has space', text: 'hi' }, /messageId/],
        [{ messageId: 'a', choiceId: 'Y'.repeat(WEBCHAT_LIMITS.choiceIdCharacters + 1) }, /choiceId/],
      ];
      for (const [body, reason] of cases) {
        const res = await post(token, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION_FAILED');
        assert.match(JSON.stringify(res.body.error.details), reason);
      }
      const malformed = await request(app).post('/webchat').set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send('{"messageId":');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, 'MALFORMED_BODY');
      const huge = await post(token, { messageId: 'a', text: 'hi', pad: 'x'.repeat(WEBCHAT_LIMITS.requestBodyBytes) });
      assert.equal(huge.status, 413);
      assert.equal(await messageClaims(), 0, 'nothing was written');
    });
  });

  describe('a conversation', () => {
    it('browses with buttons and cards, then orders with a choice, answering each message synchronously', async () => {
      const token = await startSession();
      await giveAddress(token);

      const browse = await says(token, 'show me coffee');
      assert.match(browse.text, /^Here's what I found: Colombian Coffee/);
      const cards = browse.cards as { sku: string; title: string; choices: { id: string }[] }[];
      assert.ok(cards.length > 0 && cards.length <= WEBCHAT_LIMITS.cards);
      assert.equal(cards[0]!.title, 'Colombian Coffee');

      assert.match((await says(token, 'add 2 colombian coffee')).text, /Added 2 Colombian Coffee/);
      const readBack = await says(token, 'checkout');
      assert.match(readBack.text, /Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
      assert.equal(readBack.awaitingConfirmation, 'purchase');
      assert.deepEqual((readBack.choices as { id: string }[]).map((c) => c.id), ['YES', 'NO']);
      assert.ok(!('confirmation' in readBack) && !('speech' in readBack), 'internals stay on the server');
      assert.equal(await OrderModel.countDocuments(), 0, 'nothing ordered before the yes');

      const yes = await post(token, { messageId: 'confirm-1', choiceId: 'YES' });
      assert.equal(yes.status, 200);
      const [order] = await OrderModel.find().lean();
      assert.equal(order?.channel, 'webchat');
      assert.match(yes.body.text, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));
      assert.equal(yes.body.placedOrder.orderNumber, order!.orderNumber);
      assert.deepEqual(yes.body.placedOrder.lines, [{ name: 'Colombian Coffee', quantity: 2 }]);
    });
  });

  describe('duplicate deliveries', () => {
    async function readyToConfirm(): Promise<string> {
      const token = await startSession();
      await giveAddress(token);
      await says(token, 'add pasta');
      await says(token, 'checkout');
      return token;
    }

    it('answers a resent messageId with the stored reply and never places a second order', async () => {
      const token = await readyToConfirm();
      const first = await post(token, { messageId: 'yes-1', text: 'yes' });
      const again = await post(token, { messageId: 'yes-1', text: 'yes' });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      assert.equal(await OrderModel.countDocuments(), 1);
      assert.equal(await messageClaims('yes-1'), 1);
    });

    it('answers two simultaneous deliveries of one message with one reply and one order', async () => {
      const token = await readyToConfirm();
      const [a, b] = await Promise.all([post(token, { messageId: 'yes-2', text: 'yes' }), post(token, { messageId: 'yes-2', text: 'yes' })]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.deepEqual(a.body, b.body);
      assert.match(a.body.text, /^Done\./);
      assert.equal(await OrderModel.countDocuments(), 1);
    });

    it('answers a resend that arrives while another process is still answering with that process\'s reply', async () => {
      const token = await startSession();
      const row = await WebchatTokenModel.findOne({ tokenHash: hashWebchatToken(token) }).lean();
      // Another process has claimed the message (what the pipeline's dedupe asks: its text, no intent) and is still answering it.
      const eventId = `${row!.channelUserId}:elsewhere`;
      assert.deepEqual(await claimEventKeepingAnswer('webchat', eventId, ['help', null], row!.expiresAt), { kind: 'first' });
      const waiting = post(token, { messageId: 'elsewhere', text: 'help' }).then((res) => res);
      const answer: Reply = { speech: 'answered elsewhere', text: 'answered elsewhere', endSession: false };
      await keepEventAnswer('webchat', eventId, answer);
      const res = await waiting;
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, renderWebchat(answer));
      assert.equal(await ChannelIdentityModel.countDocuments({ channel: 'webchat', externalId: row!.channelUserId }), 0, 'the turn did not run here');
    });

    it('works a resent messageId again when its reply could not be kept, instead of 409 for the token\'s lifetime', async () => {
      const token = await startSession();
      // Fault injection on the real database: the next write of an answer fails once, as a dropped connection would.
      const realUpdateOne = ProcessedEventModel.updateOne.bind(ProcessedEventModel);
      let failures = 0;
      (ProcessedEventModel as unknown as { updateOne: unknown }).updateOne = () => {
        failures += 1;
        (ProcessedEventModel as unknown as { updateOne: unknown }).updateOne = realUpdateOne;
        return Promise.reject(new Error('write refused'));
      };
      try {
        const failed = await post(token, { messageId: 'retry-1', text: 'show me tea' });
        assert.equal(failed.status, 200);
        assert.equal(failed.body.errorCode, 'INTERNAL', 'the turn apologises rather than answer with something a resend would not get');
      } finally {
        (ProcessedEventModel as unknown as { updateOne: unknown }).updateOne = realUpdateOne;
      }
      assert.equal(failures, 1);
      assert.equal(await messageClaims('retry-1'), 0, 'the claim was given back');

      const retried = await post(token, { messageId: 'retry-1', text: 'show me tea' });
      assert.equal(retried.status, 200, retried.text);
      assert.match(retried.body.text, /Tea/);
      const again = await post(token, { messageId: 'retry-1', text: 'show me tea' });
      assert.deepEqual(again.body, retried.body, 'the kept answer answers later resends');
    });

    it('does not keep a failed turn\'s apology as the answer to its messageId', async () => {
      const token = await startSession();
      await says(token, 'help');
      // A session document the turn cannot save: the turn fails and apologises with INTERNAL.
      const realUpdateOne = SessionModel.updateOne.bind(SessionModel);
      (SessionModel as unknown as { updateOne: unknown }).updateOne = () => {
        (SessionModel as unknown as { updateOne: unknown }).updateOne = realUpdateOne;
        return Promise.reject(new Error('write refused'));
      };
      try {
        const failed = await post(token, { messageId: 'retry-2', text: 'show me tea' });
        assert.equal(failed.status, 200);
        assert.equal(failed.body.errorCode, 'INTERNAL');
      } finally {
        (SessionModel as unknown as { updateOne: unknown }).updateOne = realUpdateOne;
      }
      const retried = await post(token, { messageId: 'retry-2', text: 'show me tea' });
      assert.equal(retried.status, 200, retried.text);
      assert.equal(retried.body.errorCode, undefined);
      assert.match(retried.body.text, /Tea/);
    });

    it('refuses a reused messageId carrying a different message with 409', async () => {
      const token = await startSession();
      await post(token, { messageId: 'same', text: 'help' });
      const clash = await post(token, { messageId: 'same', text: 'add pasta' });
      assert.equal(clash.status, 409);
      assert.match(clash.body.error.message, /different message/);
    });

    it('keeps message ids per session: the same id from another session is a new message', async () => {
      const [one, two] = [await startSession(), await startSession()];
      assert.equal((await post(one, { messageId: 'm', text: 'help' })).status, 200);
      const other = await post(two, { messageId: 'm', text: 'show me tea' });
      assert.equal(other.status, 200);
      assert.match(other.body.text, /Tea/);
    });
  });

  it('lets the sweeper delete what an expired anonymous session left behind, and keep a customer who ordered', async () => {
    const customersBefore = await CustomerModel.countDocuments();
    const idle = await startSession();
    const chatted = await startSession();
    await says(chatted, 'add pasta');
    const chattedRow = await WebchatTokenModel.findOne({ tokenHash: hashWebchatToken(chatted) }).lean();
    const chattedCustomer = (await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: chattedRow!.channelUserId }).lean())!.customerId;
    assert.equal(await CartModel.countDocuments({ customerId: chattedCustomer }), 1);
    const ordered = await startSession();
    await giveAddress(ordered);
    await says(ordered, 'add pasta');
    await says(ordered, 'checkout');
    assert.match((await says(ordered, 'yes')).text, /^Done\./);
    assert.equal(await CustomerModel.countDocuments(), customersBefore + 2);

    const later = new Date(Date.now() + 2 * 24 * 60 * 60_000);
    await sweepExpired(later);
    for (const token of [idle, chatted, ordered]) assert.equal((await post(token, { messageId: 'after', text: 'help' })).status, 401);
    const orderedCustomer = (await OrderModel.findOne().lean())!.customerId;
    assert.equal(await CustomerModel.countDocuments(), customersBefore + 1, 'only the customer with an order stays');
    assert.ok(await CustomerModel.exists({ _id: orderedCustomer }));
    const tokens = await WebchatTokenModel.find().lean();
    assert.equal(tokens.length, 0);
    assert.equal(await ChannelIdentityModel.countDocuments({ customerId: orderedCustomer }), 1);
    assert.equal(await CartModel.countDocuments({ customerId: chattedCustomer }), 0, 'the anonymous cart went too');
    assert.equal(await SessionModel.countDocuments({ key: `webchat:${chattedRow!.channelUserId}` }), 0);
  });

  it('lets the sweeper delete expired tokens and their stored replies', async () => {
    const token = await startSession();
    await says(token, 'help');
    const later = new Date(Date.now() + 2 * 24 * 60 * 60_000);
    await sweepExpired(later);
    assert.equal(await WebchatTokenModel.countDocuments(), 0);
    assert.equal(await messageClaims(), 0, 'and the kept answers with them');
    assert.equal((await post(token, { messageId: 'after', text: 'help' })).status, 401);
  });
});
