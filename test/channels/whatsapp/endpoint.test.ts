import assert from 'node:assert/strict';
import request from 'supertest';
import { CartModel, ConsentRecordModel, OrderModel, OutboxModel, InboundEventModel, SessionModel } from '../../../models';
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
const PHONE_NUMBER_ID = config.WHATSAPP_PHONE_NUMBER_ID;
const SEND_PATH = `/${config.GRAPH_API_VERSION}/${PHONE_NUMBER_ID}/messages`;
/** Alice's WhatsApp id in the demo data. */
const ALICE = '15550100001';

type Message = Record<string, unknown>;
type Contact = { profile: { name: string }; wa_id?: string; user_id?: string };

let seq = 0;
const wamid = () => `wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQz${++seq}`;
const base = (from: string, type: string) => ({ from, id: wamid(), timestamp: String(Math.floor(Date.now() / 1000)), type });
const textMessage = (from: string, body: string): Message => ({ ...base(from, 'text'), text: { body } });
const buttonReply = (from: string, id: string, title = id): Message => ({ ...base(from, 'interactive'), interactive: { type: 'button_reply', button_reply: { id, title } } });
const listReply = (from: string, id: string, title: string): Message => ({ ...base(from, 'interactive'), interactive: { type: 'list_reply', list_reply: { id, title, description: '' } } });
const orderMessage = (from: string, items: { sku: string; quantity: number; price: number }[]): Message => ({
  ...base(from, 'order'),
  order: { catalog_id: 'CATALOG-1', text: '', product_items: items.map((i) => ({ product_retailer_id: i.sku, quantity: i.quantity, item_price: i.price, currency: 'USD' })) },
});

/** A `messages` change exactly as the Cloud API sends it. */
const change = (messages: Message[], contacts?: Contact[]) => ({
  value: {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550009999', phone_number_id: PHONE_NUMBER_ID },
    contacts: contacts ?? [...new Set(messages.map((m) => m.from as string))].map((wa_id) => ({ profile: { name: 'Customer' }, wa_id })),
    messages,
  },
  field: 'messages',
});
const webhook = (...changes: ReturnType<typeof change>[]) => ({ object: 'whatsapp_business_account', entry: [{ id: 'WABA-1', changes }] });
const single = (message: Message) => webhook(change([message]));

const post = (raw: string, signature?: string) => {
  const req = request(app).post('/whatsapp').set('content-type', 'application/json');
  return (signature === undefined ? req : req.set('x-hub-signature-256', signature)).send(raw);
};

async function deliver(body: object): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await post(raw, sign(raw));
  assert.equal(res.status, 200);
  assert.equal(res.text, 'EVENT_RECEIVED');
  await drainBackground();
}

interface SentMessage {
  messaging_product: string;
  recipient_type: string;
  to?: string;
  recipient?: string;
  type: string;
  text?: { body: string };
  interactive?: { type: string; body: { text: string }; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } };
}

/** The Cloud API, faked: records every message sent with our token, answers as Graph does. */
function cloudApi() {
  const requests: SentMessage[] = [];
  const scope = nock(GRAPH)
    .persist()
    .post(SEND_PATH, (body: SentMessage) => {
      requests.push(body);
      return true;
    })
    .matchHeader('authorization', `Bearer ${config.WHATSAPP_ACCESS_TOKEN}`)
    .reply(200, { messaging_product: 'whatsapp', contacts: [{ input: ALICE, wa_id: ALICE }], messages: [{ id: 'wamid.reply' }] });
  const texts = () => requests.map((r) => r.text?.body ?? r.interactive?.body.text ?? '');
  const choiceIds = (r: SentMessage | undefined) => r?.interactive?.action.buttons?.map((b) => b.reply.id) ?? r?.interactive?.action.sections?.flatMap((s) => s.rows.map((row) => row.id)) ?? [];
  return { scope, requests, texts, choiceIds };
}

async function aliceCartLines() {
  const carts = await CartModel.find().lean();
  return carts.flatMap((c) => c.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })));
}

/** Changes over every cart: a query without a filter has no defined order (on PostgreSQL an updated row moves), so no "first cart". */
async function cartChanges() {
  return (await CartModel.find().lean()).reduce((sum, cart) => sum + cart.revision, 0);
}

describe('WhatsApp Cloud API webhook (/whatsapp)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    nock.cleanAll();
  });

  it('answers the subscription handshake only with the verify token', async () => {
    const ok = await request(app).get('/whatsapp').query({ 'hub.mode': 'subscribe', 'hub.verify_token': config.META_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '1158201444');
    const wrong = await request(app).get('/whatsapp').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
    assert.equal(wrong.status, 403);
  });

  it('browses with reply buttons or a list, sent to the customer from our number', async () => {
    const api = cloudApi();
    await deliver(single(textMessage(ALICE, 'show me coffee')));
    assert.ok(api.scope.isDone());
    assert.ok(api.requests.length > 0);
    assert.ok(api.requests.every((r) => r.messaging_product === 'whatsapp' && r.recipient_type === 'individual' && r.to === ALICE));
    const choices = api.requests.find((r) => r.type === 'interactive' && ['button', 'list'].includes(r.interactive!.type));
    assert.ok(choices, 'an interactive button or list message was sent');
    assert.ok(api.choiceIds(choices).includes('PICK:COF-001'), `choices: ${api.choiceIds(choices).join(', ')}`);
    assert.match(api.texts().join('\n'), /Colombian Coffee/);
  });

  it('picks from a list reply by its id', async () => {
    const api = cloudApi();
    await deliver(single(textMessage(ALICE, 'show me coffee')));
    await deliver(single(listReply(ALICE, 'PICK:COF-001', 'Colombian Coffee')));
    assert.ok(api.scope.isDone());
    assert.match(api.texts().slice(-2).join('\n'), /Colombian Coffee/);
  });

  it('takes an order with a yes/no button confirmation and places it', async () => {
    const api = cloudApi();
    await deliver(single(textMessage(ALICE, 'add 2 colombian coffee')));
    await deliver(single(textMessage(ALICE, 'checkout')));
    const readBack = api.requests.at(-1)!;
    assert.equal(readBack.interactive?.type, 'button');
    assert.match(readBack.interactive!.body.text, /Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
    assert.deepEqual(api.choiceIds(readBack), ['YES', 'NO']);
    assert.equal(await OrderModel.countDocuments(), 0);

    await deliver(single(buttonReply(ALICE, 'YES', 'Yes')));
    const [order] = await OrderModel.find({ status: 'placed' }).lean();
    assert.equal(order?.channel, 'whatsapp');
    assert.match(api.texts().at(-1)!, new RegExp(`^Done\\. Your order number is ${order!.orderNumber}`));
    assert.ok(api.scope.isDone());
  });

  it('reorders from chat and tells the order status', async () => {
    const api = cloudApi();
    await deliver(single(textMessage(ALICE, 'add pasta')));
    await deliver(single(textMessage(ALICE, 'checkout')));
    await deliver(single(buttonReply(ALICE, 'YES', 'Yes')));
    await deliver(single(textMessage(ALICE, 'reorder my usual')));
    assert.match(api.texts().at(-1)!, /had 1 Pasta\./);
    await deliver(single(textMessage(ALICE, 'yes')));
    await deliver(single(textMessage(ALICE, 'yes')));
    assert.equal(await OrderModel.countDocuments({ status: 'placed', channel: 'whatsapp' }), 2);
    await deliver(single(textMessage(ALICE, 'where is my order')));
    assert.match(api.texts().at(-1)!, /^Order \d{3}-\d{3} from \w+day, \w+ \d+ is placed\./);
    assert.ok(api.scope.isDone());
  });

  it('with a catalog configured, shows products as a multi-product message of our skus', async () => {
    const catalogApp = createApp({ config: testConfig({ WHATSAPP_CATALOG_ID: '987654321' }), log: silentLog, outbox });
    const sent: { type: string; interactive?: { type: string; action: { catalog_id?: string; sections?: { product_items?: { product_retailer_id: string }[] }[] } } }[] = [];
    const scope = nock(GRAPH)
      .persist()
      .post(SEND_PATH, (body) => {
        sent.push(body);
        return true;
      })
      .reply(200, { messages: [{ id: 'wamid.out' }] });
    const raw = JSON.stringify(single(textMessage(ALICE, 'show me coffee')));
    await request(catalogApp).post('/whatsapp').set('content-type', 'application/json').set('x-hub-signature-256', sign(raw)).send(raw).expect(200);
    await drainBackground();
    const productList = sent.find((m) => m.interactive?.type === 'product_list');
    assert.ok(productList, 'a product_list message was sent');
    assert.equal(productList.interactive!.action.catalog_id, '987654321');
    const skus = productList.interactive!.action.sections!.flatMap((section) => section.product_items!.map((item) => item.product_retailer_id));
    assert.ok(skus.includes('COF-001'));
    assert.ok(scope.isDone());
  });

  it('records an opt-out and an opt-in, and says so', async () => {
    const api = cloudApi();
    await deliver(single(textMessage(ALICE, 'stop sending me messages')));
    assert.match(api.texts().at(-1)!, /won't send you any more messages, order updates included/);
    await deliver(single(textMessage(ALICE, 'start')));
    assert.match(api.texts().at(-1)!, /You'll get updates about your orders again/);
    await deliver(single(textMessage(ALICE, 'send me offers')));
    assert.match(api.texts().at(-1)!, /You'll get offers and news/);
    const records = await ConsentRecordModel.find({ sourceChannel: 'whatsapp' }).sort({ recordedAt: 1, _id: 1 }).lean();
    assert.deepEqual(
      records.map((r) => [r.channel, r.purpose, r.granted]),
      [
        ['all', 'transactional', false],
        ['all', 'marketing', false],
        ['whatsapp', 'transactional', true],
        ['whatsapp', 'marketing', true],
      ],
    );
    assert.ok(api.scope.isDone());
  });

  it('re-prices an order message from our catalogue, reads it back and places it when confirmed', async () => {
    const api = cloudApi();
    await deliver(single(orderMessage(ALICE, [{ sku: 'COF-001', quantity: 2, price: 1 }])));
    assert.deepEqual(await aliceCartLines(), [{ sku: 'COF-001', quantity: 2, unitPriceMinor: 1299 }]);
    const readBack = api.requests.at(-1)!;
    assert.equal(readBack.interactive?.type, 'button');
    assert.match(readBack.interactive!.body.text, /2 Colombian Coffee at \$12\.99 each/);
    assert.doesNotMatch(api.texts().join('\n'), /\$0?\.01|\$1\.00 each/);
    assert.deepEqual(api.choiceIds(readBack), ['YES', 'NO']);
    assert.equal(await OrderModel.countDocuments(), 0);

    await deliver(single(buttonReply(ALICE, 'YES', 'Yes')));
    const [order] = await OrderModel.find({ status: 'placed' }).lean();
    assert.equal(order?.channel, 'whatsapp');
    assert.equal(order?.lines[0]?.unitPriceMinor, 1299);
    assert.ok(api.scope.isDone());
  });

  it('handles every entry, change and message of a batch, and ignores statuses', async () => {
    const api = cloudApi();
    const status = { value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550009999', phone_number_id: PHONE_NUMBER_ID }, statuses: [{ id: 'wamid.OUT1', status: 'delivered', timestamp: '1700000000', recipient_id: ALICE }] }, field: 'messages' };
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { id: 'WABA-1', changes: [change([textMessage('15550170001', 'help')]), status] },
        { id: 'WABA-1', changes: [change([textMessage('15550170002', 'help'), textMessage('15550170003', 'help')])] },
      ],
    };
    await deliver(body);
    assert.deepEqual([...new Set(api.requests.map((r) => r.to))].sort(), ['15550170001', '15550170002', '15550170003']);
    assert.equal(await SessionModel.countDocuments({ channel: 'whatsapp' }), 3);
    assert.equal(await InboundEventModel.countDocuments(), 3, 'the status created no turn');
  });

  it('answers a message type it does not understand with the fallback', async () => {
    const api = cloudApi();
    await deliver(single({ ...base(ALICE, 'sticker'), sticker: { mime_type: 'image/webp', sha256: 'x', id: 'MEDIA-1', animated: false } }));
    assert.equal(api.requests.length > 0, true);
    assert.ok(api.requests.every((r) => r.to === ALICE));
  });

  it('identifies a customer by the business-scoped user id when no phone number is shared', async () => {
    const api = cloudApi();
    const message = { id: wamid(), from_user_id: 'US.13491208655302741918', timestamp: '1700000000', type: 'text', text: { body: 'help' } };
    await deliver(webhook(change([message], [{ profile: { name: 'Anon' }, user_id: 'US.13491208655302741918' }])));
    assert.deepEqual([...new Set(api.requests.map((r) => r.recipient))], ['US.13491208655302741918']);
    assert.ok(api.requests.every((r) => r.to === undefined), 'a BSUID goes in recipient, never in to');
    assert.equal(await SessionModel.countDocuments({ channel: 'whatsapp' }), 1);
  });

  it('turns the same message delivered five times into one answer and one cart change', async () => {
    const api = cloudApi();
    const raw = JSON.stringify(single(textMessage(ALICE, 'add 3 pasta')));
    await Promise.all(Array.from({ length: 5 }, () => post(raw, sign(raw)).expect(200)));
    await drainBackground();
    assert.equal(api.texts().filter((t) => t.startsWith('Added 3 Pasta')).length, 1);
    assert.equal(await OutboxModel.countDocuments(), 1);
    assert.deepEqual((await aliceCartLines()).map((l) => l.quantity), [3]);
    assert.equal(await cartChanges(), 1, 'the cart changed once');
  });

  it('turns the same order message delivered five times into one read-back and one cart change', async () => {
    const api = cloudApi();
    const raw = JSON.stringify(single(orderMessage(ALICE, [{ sku: 'COF-001', quantity: 1, price: 1299 }])));
    await Promise.all(Array.from({ length: 5 }, () => post(raw, sign(raw)).expect(200)));
    await drainBackground();
    assert.equal(api.texts().filter((t) => /Your order from Corner Market/.test(t)).length, 1);
    assert.equal(await OutboxModel.countDocuments(), 1);
    assert.equal(await cartChanges(), 1, 'the cart changed once');
  });

  describe('signature: refused with 4xx and nothing processed', () => {
    const body = JSON.stringify(single(textMessage(ALICE, 'add pasta')));
    const nonAscii =
      '{"object":"whatsapp_business_account","entry":[{"id":"WABA-1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550009999","phone_number_id":"' +
      PHONE_NUMBER_ID +
      '"},"contacts":[{"profile":{"name":"Alice"},"wa_id":"15550100001"}],"messages":[{"from":"15550100001","id":"wamid.X1","timestamp":"1700000000","type":"text","text":{"body":"caf\\u00e9 cr\\u00e8me"}}]},"field":"messages"}]}]}';
    const cases: [string, () => request.Test][] = [
      ['a missing header (401)', () => post(body)],
      ['the wrong secret (403)', () => post(body, sign(body, 'not-the-secret'))],
      ['a body changed by one byte (403)', () => post(body.replace('add pasta', 'add pastA'), sign(body))],
      ['a signature over re-serialised non-ASCII JSON (403)', () => post(nonAscii, sign(JSON.stringify(JSON.parse(nonAscii))))],
    ];
    for (const [name, send] of cases) {
      it(name, async () => {
        const api = cloudApi();
        const res = await send();
        assert.equal(res.status, name.includes('401') ? 401 : 403);
        await drainBackground();
        assert.equal(api.requests.length, 0);
        assert.equal(await InboundEventModel.countDocuments(), 0);
        assert.equal(await SessionModel.countDocuments(), 0);
        assert.equal(await OutboxModel.countDocuments(), 0);
      });
    }

    it('accepts the non-ASCII body signed over its exact bytes', async () => {
      cloudApi();
      const res = await post(nonAscii, sign(nonAscii));
      assert.equal(res.status, 200);
      await drainBackground();
      assert.equal(await InboundEventModel.countDocuments(), 1);
    });

    it('refuses a signed body that is not a WhatsApp webhook with 400', async () => {
      const raw = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, messaging: [] }] });
      const res = await post(raw, sign(raw));
      assert.equal(res.status, 400);
    });
  });

  describe('sending through the outbox', () => {
    it('delivers once after a 500 then a success', async () => {
      const failedOnce = nock(GRAPH).post(SEND_PATH).reply(500, { error: { message: 'oops', code: 1 } });
      await deliver(single(textMessage(ALICE, 'help')));
      assert.ok(failedOnce.isDone());
      const job = await OutboxModel.findOne().lean();
      assert.deepEqual([job?.status, job?.attempts], ['pending', 1]);

      const expected = { messaging_product: 'whatsapp', recipient_type: 'individual', to: ALICE, ...(job!.payload as { messages: object[] }).messages[0] };
      const success = nock(GRAPH).post(SEND_PATH, expected).matchHeader('authorization', `Bearer ${config.WHATSAPP_ACCESS_TOKEN}`).once().reply(200, { messages: [{ id: 'wamid.ok' }] });
      const rest = (job!.payload as { messages: object[] }).messages.length - 1;
      const others = rest > 0 ? nock(GRAPH).post(SEND_PATH).times(rest).reply(200, {}) : null;
      assert.equal(await outbox.runDue(new Date(Date.now() + 5_000)), 1);
      assert.ok(success.isDone());
      assert.ok(others?.isDone() ?? true);
      assert.equal(await outbox.runDue(new Date(Date.now() + 60_000)), 0, 'nothing is sent twice');
      assert.equal((await OutboxModel.findOne().lean())?.status, 'sent');
    });

    it('retries a 130429 throughput limit', async () => {
      const limited = nock(GRAPH).post(SEND_PATH).reply(400, { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'A' } });
      await deliver(single(textMessage(ALICE, 'help')));
      assert.ok(limited.isDone());
      const job = await OutboxModel.findOne().lean();
      assert.deepEqual([job?.status, job?.attempts], ['pending', 1]);
      assert.match(job?.lastError ?? '', /code 130429/);
      const later = nock(GRAPH).post(SEND_PATH).times((job!.payload as { messages: object[] }).messages.length).reply(200, {});
      assert.equal(await outbox.runDue(new Date(Date.now() + 10_000)), 1);
      assert.ok(later.isDone());
    });

    it('records 131047 (outside the 24-hour window) as dead and does not retry it', async () => {
      const outside = nock(GRAPH)
        .post(SEND_PATH)
        .reply(400, { error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed' }, is_transient: true, fbtrace_id: 'B' } });
      await deliver(single(textMessage(ALICE, 'help')));
      assert.ok(outside.isDone());
      const job = await OutboxModel.findOne().lean();
      assert.equal(job?.status, 'dead');
      assert.match(job?.lastError ?? '', /code 131047: Re-engagement message/);
      assert.equal(await outbox.runDue(new Date(Date.now() + 3_600_000)), 0);
    });
  });
});
