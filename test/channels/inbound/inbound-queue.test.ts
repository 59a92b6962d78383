import assert from 'node:assert/strict';
import request from 'supertest';
import { ChannelIdentityModel, InboundEventModel, InboundLeaseModel, OutboxModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import { InboundQueue, type InboundQueueOptions } from '../../../src/channels/inbound-queue';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { startAttempt } from '../../../src/store/inbound-store';
import { takeLease } from '../../../src/store/lease';
import { eraseCustomerData, exportCustomerData } from '../../../src/store/personal-data';
import { sweepExpired } from '../../../src/store/sweeper';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../../support/meta-webhooks';

const config = testConfig();
const GRAPH = 'https://graph.facebook.com';
const SEND_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
/** Alice's WhatsApp id in the demo data. */
const ALICE = '15550100001';
const BOB = '15550100002';

interface SentMessage {
  to: string;
  text?: { body: string };
  interactive?: { body: { text: string } };
}

/** The Cloud API, faked: every message sent, in the order it was sent. */
function cloudApi() {
  const requests: SentMessage[] = [];
  const scope = nock(GRAPH)
    .persist()
    .post(SEND_PATH, (body: SentMessage) => {
      requests.push(body);
      return true;
    })
    .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.reply' }] });
  const texts = (to?: string) => requests.filter((r) => !to || r.to === to).map((r) => r.text?.body ?? r.interactive?.body.text ?? '');
  return { scope, requests, texts };
}

/** One process's app and inbound queue (a test may build two against the one database). */
function processWith(options: InboundQueueOptions = {}) {
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog);
  const inbound = new InboundQueue(silentLog, { retryBaseMs: 0, ...options });
  return { app: createApp({ config, log: silentLog, outbox, inbound }), inbound };
}

let messageSeq = 0;
const wamid = () => `wamid.QUEUE${Date.now()}.${++messageSeq}`;
const textFrom = (from: string, body: string, id = wamid()) =>
  whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from, name: 'Customer', message: { id, type: 'text', text: { body } } });

const post = (app: ReturnType<typeof createApp>, body: object) => postMetaWebhook(app, '/whatsapp', body);

async function deliver(app: ReturnType<typeof createApp>, body: object): Promise<void> {
  const res = await post(app, body);
  assert.equal(res.status, 200);
}

describe('inbound messages: recorded, acknowledged, then worked', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    nock.cleanAll();
  });

  it('answers a message delivered five times (two at once, to two processes) with one turn and one reply', async () => {
    const api = cloudApi();
    const one = processWith();
    const two = processWith();
    const body = textFrom(ALICE, 'add 2 colombian coffee');
    await Promise.all([deliver(one.app, body), deliver(two.app, body)]);
    await deliver(one.app, body);
    await drainBackground();
    await deliver(two.app, body);
    await deliver(one.app, body);
    await drainBackground();

    assert.equal(await InboundEventModel.countDocuments(), 1);
    assert.equal(await OutboxModel.countDocuments(), 1, 'one reply queued');
    assert.equal(api.texts(ALICE).filter((text) => /Added 2 Colombian Coffee/.test(text)).length, 1);
    assert.equal(api.requests.length, api.texts(ALICE).length);
    await deliver(one.app, textFrom(ALICE, 'view cart'));
    await drainBackground();
    assert.match(api.texts(ALICE).at(-1)!, /2 Colombian Coffee/, 'the cart holds 2, not 4');
    assert.match(api.texts(ALICE).at(-1)!, /\$25\.98|25\.98/);
  });

  it('works again a turn that failed once, and answers it once', async () => {
    const api = cloudApi();
    let failures = 0;
    const { app } = processWith({
      beforeWork: () => {
        if (failures++ === 0) throw new Error('the first attempt fails');
      },
    });
    await deliver(app, textFrom(ALICE, 'add 1 colombian coffee'));
    await drainBackground();

    const event = await InboundEventModel.findOne().lean();
    assert.deepEqual([event?.state, event?.attempts], ['done', 2]);
    assert.deepEqual(api.texts(ALICE).filter((text) => /Added 1 Colombian Coffee/.test(text)).length, 1);
    assert.equal(await OutboxModel.countDocuments(), 1);
  });

  it('parks a turn that fails on every attempt, lists it for the admin, and still answers the customer\'s next message', async () => {
    const api = cloudApi();
    const { app } = processWith({
      maxAttempts: 3,
      beforeWork: (event) => {
        if (event.payload && JSON.stringify(event.payload).includes('poison')) throw new Error('the turn cannot be worked');
      },
    });
    await deliver(app, textFrom(ALICE, 'poison'));
    await drainBackground();
    assert.equal(api.requests.length, 0, 'nothing sent for the parked message');

    const listed = await request(app).get('/admin/inbound/parked').set('x-api-key', TEST_ADMIN_KEY).query({ page: 1, pageSize: 10 });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.total, 1);
    assert.equal(listed.body.items.length, 1);
    assert.match(listed.body.items[0].key, /^whatsapp:wamid\.QUEUE/);
    assert.equal(listed.body.items[0].attempts, 3);
    assert.equal(listed.body.items[0].lastError, 'the turn cannot be worked');
    assert.equal(listed.body.items[0].payload, undefined, 'the message itself is not listed');

    await deliver(app, textFrom(ALICE, 'add 1 colombian coffee'));
    await drainBackground();
    assert.equal(api.texts(ALICE).filter((text) => /Added 1 Colombian Coffee/.test(text)).length, 1, 'the lane is not blocked by the parked message');

    const refused = await request(app).get('/admin/inbound/parked').set('x-api-key', TEST_ADMIN_KEY).query({ pageSize: 1000 });
    assert.equal(refused.status, 400);
    const openApi = await request(app).get('/admin/openapi.json').set('x-api-key', TEST_ADMIN_KEY);
    assert.ok(openApi.body.paths['/admin/inbound/parked']?.get, 'the route is in the OpenAPI document');
  });

  it('recovers a message whose worker died mid-turn, once the dead worker\'s lease has ended', async () => {
    const api = cloudApi();
    // A web-only process records and acknowledges; it never works a message itself.
    const web = processWith({ concurrency: 0 });
    await deliver(web.app, textFrom(ALICE, 'add 3 colombian coffee'));
    await drainBackground();
    assert.equal(api.requests.length, 0);
    const [event] = await InboundEventModel.find().lean();

    // A worker took the lane and started the turn, then its process died: lease and attempt are left behind.
    const leaseMs = 60_000;
    const diedAt = new Date();
    assert.ok(await takeLease(event!.lane, 'dead-worker', diedAt, leaseMs));
    await startAttempt(event!.key, 1, diedAt, leaseMs);

    let now = new Date(diedAt.getTime() + 1_000);
    const worker = processWith({ leaseMs, clock: () => now });
    assert.equal(await worker.inbound.runDue(), 0, 'not due while the dead worker\'s lease may still be live');
    worker.inbound.nudge(event!.lane);
    await drainBackground();
    assert.equal(api.requests.length, 0, 'a nudge does not take a live lease either');

    // The lease ends: a poll after it finds the event in its due bucket and works it.
    now = new Date(diedAt.getTime() + leaseMs + 1_000);
    assert.equal(await worker.inbound.runDue(), 1);
    await drainBackground();
    assert.equal(api.texts(ALICE).filter((text) => /Added 3 Colombian Coffee/.test(text)).length, 1);
    const after = await InboundEventModel.findOne({ key: event!.key }).lean();
    assert.deepEqual([after?.state, after?.attempts], ['done', 2]);
  });

  it('keeps one customer\'s messages in order, and never works them at once, with two workers in two processes', async () => {
    const api = cloudApi();
    let inTurn = 0;
    let overlapped = false;
    const slowly: InboundQueueOptions = {
      beforeWork: async () => {
        inTurn++;
        if (inTurn > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 30));
        inTurn--;
      },
    };
    const web = processWith({ concurrency: 0 });
    const one = processWith(slowly);
    const two = processWith(slowly);
    const quantities = [1, 2, 3, 4, 5, 6];
    const base = Math.floor(Date.now() / 1000);
    const bodies = quantities.map((quantity, index) => {
      const body = textFrom(ALICE, `add ${quantity} colombian coffee`);
      // The platform's clock orders them (seconds apart, as typed), whatever order the webhooks arrive in.
      (body as { entry: { changes: { value: { messages: { timestamp: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.timestamp = String(base + index);
      return body;
    });
    // The first scan sets the shared bucket cursor; after it, both polls below take as long.
    await Promise.all([one.inbound.runDue(), two.inbound.runDue()]);
    for (const body of [...bodies].reverse()) await deliver(web.app, body);
    // Both processes' workers go for the customer at the same moment.
    await Promise.all([one.inbound.runDue(), two.inbound.runDue(), one.inbound.runDue(), two.inbound.runDue()]);
    await drainBackground();

    const added = api.texts(ALICE).map((text) => /Added (\d+) Colombian Coffee/.exec(text)?.[1]).filter(Boolean).map(Number);
    assert.deepEqual(added, quantities);
    assert.equal(overlapped, false, 'two workers worked the customer at once');
    const leases = await InboundLeaseModel.find({ lane: `whatsapp:${ALICE}` }).sort({ seq: 1 }).lean();
    for (let i = 1; i < leases.length; i++) assert.ok(!(leases[i]!.outcome === 'claimed' && leases[i - 1]!.outcome === 'claimed'), 'a claim only after a release');
  });

  it('answers the other customers of a WhatsApp batch when one of its messages is malformed', async () => {
    const api = cloudApi();
    const { app } = processWith();
    const batch = textFrom(ALICE, 'add 1 colombian coffee') as { entry: { changes: { value: { messages: unknown[]; contacts: unknown[] } }[] }[] };
    const value = batch.entry[0]!.changes[0]!.value;
    value.messages.push({ from: BOB, id: wamid(), timestamp: '1', type: 'text', text: { body: 'x'.repeat(20_001) } });
    value.messages.push({ from: '15550170009', id: wamid(), timestamp: '1', type: 'text', text: { body: 'help' } });
    value.messages.push({ from: BOB, type: 'text', text: { body: 'no id' } });
    value.contacts = [];
    const res = await post(app, batch);
    assert.equal(res.status, 200);
    await drainBackground();

    assert.equal(await InboundEventModel.countDocuments(), 2, 'the two good messages are recorded, the bad ones skipped');
    assert.ok(api.texts(ALICE).some((text) => /Added 1 Colombian Coffee/.test(text)));
    assert.ok(api.texts('15550170009').length > 0);
    assert.equal(api.texts(BOB).length, 0);
  });

  it('the sweeper removes worked messages after the redelivery window, and leaves unworked ones', async () => {
    cloudApi();
    const { app } = processWith();
    await deliver(app, textFrom(ALICE, 'help'));
    await drainBackground();
    const web = processWith({ concurrency: 0 });
    await deliver(web.app, textFrom(BOB, 'help'));

    await sweepExpired(new Date(Date.now() + 47 * 3_600_000));
    assert.equal(await InboundEventModel.countDocuments(), 2, 'a redelivery within two days still finds its key');
    await sweepExpired(new Date(Date.now() + 49 * 3_600_000));
    const left = await InboundEventModel.find().lean();
    assert.deepEqual(left.map((event) => [event.lane, event.state]), [[`whatsapp:${BOB}`, 'pending']]);
  });

  it('exports and erases a customer\'s inbound messages and lane leases', async () => {
    cloudApi();
    const { app } = processWith();
    await deliver(app, textFrom(ALICE, 'help'));
    await drainBackground();
    const web = processWith({ concurrency: 0 });
    await deliver(web.app, textFrom(ALICE, 'my address is 1 Main Street'));
    await deliver(web.app, textFrom(BOB, 'help'));
    const alice = await ChannelIdentityModel.findOne({ channel: 'whatsapp', externalId: ALICE }).lean();

    const exported = await exportCustomerData(alice!.customerId);
    assert.equal(exported?.collections.InboundEvent?.length, 2);
    assert.ok(JSON.stringify(exported?.collections.InboundEvent).includes('1 Main Street'));
    assert.ok((exported?.collections.InboundLease?.length ?? 0) >= 2);

    await eraseCustomerData(alice!.customerId);
    assert.equal(await InboundEventModel.countDocuments({ lane: `whatsapp:${ALICE}` }), 0);
    assert.equal(await InboundLeaseModel.countDocuments({ lane: `whatsapp:${ALICE}` }), 0);
    assert.equal(await InboundEventModel.countDocuments({ lane: `whatsapp:${BOB}` }), 1, 'nobody else\'s');
  });
});
