import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HandoffConversationModel, ProductModel, TranscriptMessageModel } from '../../../models';
import { localDateOf } from '../../../src/core/dates';
import { placeOrder } from '../../../src/services/orders';
import { spendDayOf } from '../../../src/store/spend-ledger-store';
import { createApp } from '../../../src/http/app';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { nock, withFakeHttp } from '../../support/fake-http';
import { signedInStaff } from '../../support/staff';
import { commerceSettings } from '../../../src/services/settings';
import { linkChannels } from '../../../src/channels/registry';

const config = testConfig({ HANDOFF_OPENING_HOURS: 'always' });
const settings = commerceSettings(config, { linkChannels: linkChannels() });
const app = createApp({ config, log: silentLog });
const DAY_MS = 24 * 60 * 60_000;
const GRAPH = config.GRAPH_API_BASE_URL;
const VERSION = config.GRAPH_API_VERSION;

/** A customer on `channel` who asked for a person `daysAgo` days ago (their last message): the conversation's id. */
async function askedForAPerson(channel: 'messenger' | 'whatsapp', channelUserId: string, daysAgo: number): Promise<string> {
  await addCustomer({ channel, externalId: channelUserId });
  const shopper = new Shopper(channel, channelUserId, { settings });
  shopper.now = new Date(Date.now() - daysAgo * DAY_MS);
  await shopper.says('talk to a person');
  const conversation = await HandoffConversationModel.findOne({ key: `${channel}:${channelUserId}` }).lean();
  return conversation!._id.toHexString();
}

describe('the agent inbox (/agent)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('without a session every /agent route answers 401, or sends a page to the sign-in', async () => {
    const id = await askedForAPerson('whatsapp', '15550101111', 0);
    const page = await request(app).get('/agent');
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/staff/sign-in?next=%2Fagent');
    assert.equal((await request(app).get('/agent/static/agent.js')).status, 303);
    for (const path of ['/agent/api/conversations', `/agent/api/conversations/${id}`, '/agent/api/products?q=tea', '/agent/api/events']) {
      assert.equal((await request(app).get(path)).status, 401, path);
    }
    for (const action of ['claim', 'reply', 'payment-link', 'note', 'cart', 'interests', 'resolve']) {
      assert.equal((await request(app).post(`/agent/api/conversations/${id}/${action}`).send({})).status, 401, action);
    }
    assert.equal((await HandoffConversationModel.findById(id).lean())?.status, 'queued');
  });

  it('refuses a cross-site POST, and a POST without the CSRF token, even with the session cookie', async () => {
    const id = await askedForAPerson('whatsapp', '15550101111', 0);
    const agent = await signedInStaff(app, 'agent');
    const crossSite = await agent.http.post(`/agent/api/conversations/${id}/claim`).set('origin', 'https://evil.example').set('x-csrf-token', agent.csrfToken).send({});
    assert.equal(crossSite.status, 403);
    assert.equal((await agent.http.post(`/agent/api/conversations/${id}/claim`).send({})).status, 403);
    assert.equal((await HandoffConversationModel.findById(id).lean())?.status, 'queued', 'nothing was claimed');
    assert.equal((await agent.http.get('/admin/staff')).status, 401, 'an agent cannot reach /admin');
  });

  it('shows an agent the queue and their own conversations only, and a supervisor all of them', async () => {
    const first = await askedForAPerson('whatsapp', '15550101111', 0);
    const second = await askedForAPerson('whatsapp', '15550102222', 0);
    const ana = await signedInStaff(app, 'agent');
    const bo = await signedInStaff(app, 'agent');
    const supervisor = await signedInStaff(app, 'supervisor');
    await ana.http.post(`/agent/api/conversations/${first}/claim`).set('x-csrf-token', ana.csrfToken).send({}).expect(200);
    assert.equal((await bo.http.post(`/agent/api/conversations/${first}/claim`).set('x-csrf-token', bo.csrfToken).send({})).status, 404, 'taken: no longer in their inbox');

    const ids = (body: { queued: { id: string }[]; claimed: { id: string }[] }) => ({ queued: body.queued.map((c) => c.id), claimed: body.claimed.map((c) => c.id) });
    assert.deepEqual(ids((await ana.http.get('/agent/api/conversations').expect(200)).body), { queued: [second], claimed: [first] });
    assert.deepEqual(ids((await bo.http.get('/agent/api/conversations').expect(200)).body), { queued: [second], claimed: [] });
    assert.equal((await bo.http.get(`/agent/api/conversations/${first}`)).status, 404);
    assert.deepEqual(ids((await supervisor.http.get('/agent/api/conversations').expect(200)).body), { queued: [second], claimed: [first] });
    assert.equal((await supervisor.http.get(`/agent/api/conversations/${first}`)).status, 200);
  });

  it('gives the agent each price in its currency\'s own minor digits: none for yen, three for Kuwaiti dinar', async () => {
    const id = await askedForAPerson('whatsapp', '15550101111', 0);
    const conversation = (await HandoffConversationModel.findById(id).lean())!;
    await ProductModel.updateOne({ sku: 'TEA-002' }, { $set: { priceMinor: 1200, currency: 'JPY' } });
    // An order of a shop selling in dinars: placed as any other, its total in fils.
    const lines = [{ sku: 'TEA-002', name: 'Green Tea', quantity: 1, unitPriceMinor: 12_345 }];
    const totals = { currency: 'KWD', subtotalMinor: 12_345, taxMinor: 0, deliveryFeeMinor: 0, totalMinor: 12_345 };
    const placed = await placeOrder({ idempotencyKey: 'kwd-order', customerId: conversation.customerId, channel: 'whatsapp', lines, totals, deliveryAddress: null, spend: { day: spendDayOf(localDateOf(new Date(), 'America/New_York')), perDayMinor: 1_000_000 } }, settings);
    assert.ok(placed.ok);
    const ana = await signedInStaff(app, 'agent');
    await ana.http.post(`/agent/api/conversations/${id}/claim`).set('x-csrf-token', ana.csrfToken).send({}).expect(200);

    const found = (await ana.http.get('/agent/api/products').query({ q: 'green tea' }).expect(200)).body as { items: { sku: string; price: string }[] };
    assert.equal(found.items.find((item) => item.sku === 'TEA-002')?.price, '¥1,200');
    const panel = (await ana.http.get(`/agent/api/conversations/${id}`).expect(200)).body as { customer: { orders: { orderNumber: string; total: string }[] } };
    assert.deepEqual(panel.customer.orders.map(({ orderNumber, total }) => ({ orderNumber, total })), [{ orderNumber: placed.order.orderNumber, total: 'KWD\u00a012.345' }]);
  });

  it('refuses a Messenger reply 8 days after the customer last wrote, with the reason, and tags one after 6 days HUMAN_AGENT', async () => {
    const late = await askedForAPerson('messenger', 'PSID-LATE', 8);
    const agent = await signedInStaff(app, 'agent');
    await agent.http.post(`/agent/api/conversations/${late}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
    const shown = await agent.http.get(`/agent/api/conversations/${late}`).expect(200);
    assert.equal(shown.body.replyCheck.sendable, false);
    const refused = await agent.http.post(`/agent/api/conversations/${late}/reply`).set('x-csrf-token', agent.csrfToken).send({ messageId: randomUUID(), text: 'Sorry for the wait!' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'AGENT_REPLY_REFUSED');
    assert.equal(refused.body.error.details.reason, "Messenger: the customer last wrote 8 days ago; a person may answer only up to 7 days after the customer's last message (HUMAN_AGENT tag). Wait for them to write again.");

    const recent = await askedForAPerson('messenger', 'PSID-RECENT', 6);
    await agent.http.post(`/agent/api/conversations/${recent}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
    const sent = nock(GRAPH)
      .post(`/${VERSION}/me/messages`, { recipient: { id: 'PSID-RECENT' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Sorry for the wait!' } })
      .reply(200, { recipient_id: 'PSID-RECENT', message_id: 'm1' });
    await agent.http.post(`/agent/api/conversations/${recent}/reply`).set('x-csrf-token', agent.csrfToken).send({ messageId: randomUUID(), text: 'Sorry for the wait!' }).expect(202);
    assert.ok(sent.isDone());
  });

  it('sends the approved template to a WhatsApp customer outside the 24-hour window, not the free text', async () => {
    const id = await askedForAPerson('whatsapp', '15550103333', 2);
    const agent = await signedInStaff(app, 'agent');
    await agent.http.post(`/agent/api/conversations/${id}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
    const shown = await agent.http.get(`/agent/api/conversations/${id}`).expect(200);
    assert.deepEqual([shown.body.replyCheck.sendable, shown.body.replyCheck.freeText], [true, false]);
    assert.match(shown.body.replyCheck.explanation, /window is closed/);
    const template = nock(GRAPH)
      .post(`/${VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '15550103333',
        type: 'template',
        template: { name: 'agent_reply_waiting', language: { policy: 'deterministic', code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: config.SELLER_NAME }] }] },
      })
      .reply(200, { messages: [{ id: 'wamid.1' }] });
    await agent.http.post(`/agent/api/conversations/${id}/reply`).set('x-csrf-token', agent.csrfToken).send({ messageId: randomUUID(), text: 'Your refund is on its way' }).expect(202);
    assert.ok(template.isDone());
  });

  it('shows an agent no link code and no voice code, and stores none: "[code withheld]" stands in for them', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: '15550104444' });
    const shopper = new Shopper('whatsapp', '15550104444', { settings });
    const issued = await shopper.says('link my account');
    const linkCode = /(\d{4} \d{4} \d{4})/.exec(issued.text)![1]!;
    await shopper.later(1).says('set my voice code');
    assert.match((await shopper.later(1).says('4 3 2 1')).text, /voice code is set/);
    await shopper.later(1).says('set my voice code to 9876');
    await shopper.later(1).says('talk to a person');
    const id = (await HandoffConversationModel.findOne({ customerId }).lean())!._id.toHexString();
    const agent = await signedInStaff(app, 'agent');
    await agent.http.post(`/agent/api/conversations/${id}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);

    const shown = (await agent.http.get(`/agent/api/conversations/${id}`).expect(200)).body as { transcript: { author: string; text: string }[] };
    const stored = await TranscriptMessageModel.find({ customerId }).lean();
    for (const text of [...shown.transcript.map((entry) => entry.text), ...stored.map((entry) => entry.text)]) {
      for (const secret of [linkCode, linkCode.replace(/\s/g, ''), '4 3 2 1', '4321', '9876']) assert.ok(!text.includes(secret), `"${text}" carries ${secret}`);
    }
    assert.deepEqual(
      shown.transcript.map((entry) => [entry.author, entry.text]).slice(0, 8).filter(([, text]) => text === '[code withheld]'),
      [['bot', '[code withheld]'], ['customer', '[code withheld]'], ['customer', '[code withheld]']],
    );
  });

  it('answers a WhatsApp customer in free text inside the 24-hour window, however much they wrote on another channel since', async () => {
    const id = await askedForAPerson('whatsapp', '15550105555', 0.5);
    const { customerId } = (await HandoffConversationModel.findById(id).lean())!;
    const chatty = Array.from({ length: 250 }, (_, index) => ({ customerId, channel: 'webchat', channelUserId: 'web-chatty', direction: 'inbound', author: 'customer', text: `hello ${index}`, at: new Date(Date.now() - 60_000 + index), expiresAt: new Date(Date.now() + DAY_MS) }));
    await TranscriptMessageModel.insertMany(chatty);
    const agent = await signedInStaff(app, 'agent');
    await agent.http.post(`/agent/api/conversations/${id}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
    const shown = await agent.http.get(`/agent/api/conversations/${id}`).expect(200);
    assert.deepEqual([shown.body.replyCheck.sendable, shown.body.replyCheck.freeText], [true, true]);
    const freeText = nock(GRAPH)
      .post(`/${VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550105555', type: 'text', text: { body: 'Your refund is on its way' } })
      .reply(200, { messages: [{ id: 'wamid.2' }] });
    await agent.http.post(`/agent/api/conversations/${id}/reply`).set('x-csrf-token', agent.csrfToken).send({ messageId: randomUUID(), text: 'Your refund is on its way' }).expect(202);
    assert.ok(freeText.isDone());
  });
});
