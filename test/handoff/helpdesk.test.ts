import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HandoffConversationModel, OutboxModel } from '../../models';
import { webhookSignature } from '../../src/core/webhook-signature';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { Shopper } from '../support/conversation';
import { nock, withFakeHttp } from '../support/fake-http';

const PHONE = '15550106666';
const HELPDESK = 'https://helpdesk.example';
const config = testConfig({ HANDOFF_OPENING_HOURS: 'always', HELPDESK_WEBHOOK_URL: `${HELPDESK}/hooks/shop` });
const settings = commerceSettings(config, { linkChannels: linkChannels() });
const SECRET = config.HELPDESK_WEBHOOK_SECRET!;

describe('a connected helpdesk', () => {
  withFakeHttp();
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog);
  const app = createApp({ config, log: silentLog, outbox });

  beforeEach(freshDemoStore);

  function signed(body: object, timestamp = String(Math.floor(Date.now() / 1000))) {
    const raw = JSON.stringify(body);
    return request(app).post('/helpdesk/replies').set('content-type', 'application/json').set('x-helpdesk-timestamp', timestamp).set('x-helpdesk-signature', webhookSignature(SECRET, timestamp, raw)).send(raw);
  }

  it('receives the queued event signed with HMAC-SHA256 over the timestamp and body, without the customer\'s address', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = new Shopper('whatsapp', PHONE, { settings });
    shopper.now = new Date();
    await shopper.says('talk to a person');
    const conversation = await HandoffConversationModel.findOne({ key: `whatsapp:${PHONE}` }).lean();
    const received = { body: '', timestamp: '', signature: '' };
    const hook = nock(HELPDESK)
      .matchHeader('x-helpdesk-timestamp', (value: string) => Boolean((received.timestamp = value)))
      .matchHeader('x-helpdesk-signature', (value: string) => Boolean((received.signature = value)))
      .post('/hooks/shop', (body: object) => Boolean((received.body = JSON.stringify(body))))
      .reply(200, {});
    const sent = await outbox.runDue(new Date(shopper.now.getTime() + 1000));
    assert.ok(hook.isDone(), `${sent} jobs sent: ${JSON.stringify(await OutboxModel.find().lean())}`);
    const event = JSON.parse(received.body) as Record<string, unknown>;
    assert.deepEqual(event, {
      id: `handoff.queued:${conversation!._id.toHexString()}:round-1`,
      type: 'handoff.queued',
      at: shopper.now.toISOString(),
      conversation: { id: conversation!._id.toHexString(), channel: 'whatsapp', status: 'queued', reason: 'asked', round: 1, locale: 'en-US' },
      customerId: customerId.toHexString(),
    });
    assert.equal(received.signature, webhookSignature(SECRET, received.timestamp, received.body));
    assert.ok(!received.body.includes(PHONE));
  });

  it('accepts a signed reply (claiming the conversation) and sends it on WhatsApp; refuses a bad signature or a stale timestamp', async () => {
    await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = new Shopper('whatsapp', PHONE, { settings });
    shopper.now = new Date();
    await shopper.says('talk to a person');
    const id = (await HandoffConversationModel.findOne({ key: `whatsapp:${PHONE}` }).lean())!._id.toHexString();
    const reply = { type: 'reply', conversationId: id, messageId: randomUUID(), text: 'Hello from the helpdesk' };

    const forged = await request(app).post('/helpdesk/replies').set('content-type', 'application/json').set('x-helpdesk-timestamp', String(Math.floor(Date.now() / 1000))).set('x-helpdesk-signature', 'sha256=00').send(JSON.stringify(reply));
    assert.equal(forged.status, 403);
    assert.equal((await signed(reply, String(Math.floor(Date.now() / 1000) - 600))).status, 403, 'a replayed old request');
    assert.equal((await request(app).post('/helpdesk/replies').set('content-type', 'application/json').send(JSON.stringify(reply))).status, 401);
    assert.equal((await HandoffConversationModel.findById(id).lean())?.status, 'queued');

    const whatsapp = nock(config.GRAPH_API_BASE_URL)
      .post(`/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: PHONE, type: 'text', text: { body: 'Hello from the helpdesk' } })
      .reply(200, { messages: [{ id: 'wamid.H1' }] });
    await signed(reply).expect(202);
    assert.ok(whatsapp.isDone());
    assert.equal((await HandoffConversationModel.findById(id).lean())?.status, 'claimed');
    await signed(reply).expect(202);
    await signed({ type: 'resolve', conversationId: id }).expect(200);
    assert.equal((await HandoffConversationModel.findById(id).lean())?.status, 'resolved');
  });
});
