import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { InventoryLedgerModel, OrderModel } from '../../models';
import { connectDatabase } from '../../src/db/connection';
import { startEmbeddedFerretdb, type EmbeddedFerretdb } from '../../src/db/embedded-ferretdb';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { RESUME_AFTER_MS, resumeUnfinishedOrders } from '../../src/services/orders';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { testVerifierOptions } from '../support/alexa-requests';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { waitUntil } from '../support/processes';
import { reportCheck, scaled, stockForLoad } from './support/checks';
import { config, get, listen, messagesOf, post, signedRequest, WEBHOOKS, type Webhook } from './support/webhooks';

const SHOPPERS = scaled(4, 24);
const OUTAGE_MS = scaled(6_000, 20_000);
const READY_WITHIN_MS = 30_000;
const webhook = (name: string) => WEBHOOKS.find((candidate) => candidate.name === name)!;
const [sms, alexa, messenger] = [webhook('sms'), webhook('alexa'), webhook('messenger')];

/** One signed delivery of "add a coffee" from this user. */
function deliverOnce(baseUrl: string, channel: Webhook, userId: string) {
  const body = channel.validBody(userId, 'add a coffee');
  const raw = channel.encode(body);
  return post(baseUrl, channel.path, signedRequest(channel, raw, body));
}

/**
 * The database is killed (SIGKILL, no goodbye) while shoppers are ordering by SMS, then started again
 * on the same port and data: this file swaps the suite's database connection for its own server, and
 * gives it back at the end.
 */
describe('reliability: the database killed mid-load and restarted', function () {
  this.timeout(0);
  withFakeHttp();
  let dataDir: string;
  let database: EmbeddedFerretdb;
  let listenAddress: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'commerce-outage-'));
    await mongoose.disconnect();
    database = await startEmbeddedFerretdb({ dataDir, log: silentLog });
    listenAddress = new URL(database.uri).host;
    await connectDatabase(database.uri, { dbName: 'outage' });
    await freshDemoStore();
    await stockForLoad();
  });

  after(async () => {
    await mongoose.disconnect();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await connectDatabase(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME });
  });

  it('loses no confirmed order, leaves no partial one, apologises during the outage and is ready within 30 s of the restart', async () => {
    const app = createApp({ config, log: silentLog, outbox: new OutboxDispatcher(outboxSenders(config), silentLog), channelOverrides: { alexa: { verifier: testVerifierOptions } } });
    const server = await listen(app);
    const shoppers = await Promise.all(Array.from({ length: SHOPPERS }, async (_, index) => {
      const phone = `+1555040${String(index).padStart(4, '0')}`;
      await addCustomer({ channel: 'sms', externalId: phone });
      return phone;
    }));

    const confirmed = new Set<string>();
    const duringOutage = { answers: 0, polite: 0, apologies: 0, failures: [] as string[] };
    let phase: 'before' | 'outage' | 'after' = 'before';
    let stop = false;
    const say = async (phone: string, text: string): Promise<string> => {
      const sentDuring = phase;
      const body = sms.validBody(phone, text);
      const raw = sms.encode(body);
      const answer = await post(server.baseUrl, sms.path, signedRequest(sms, raw, body));
      const said = messagesOf(answer.text).join(' ');
      if (sentDuring === 'outage') {
        duringOutage.answers++;
        const apology = answer.status === 200 && /try again shortly/i.test(said) && !/error:|\bat .+:\d+/i.test(answer.text);
        if (apology) {
          duringOutage.apologies++;
          duringOutage.polite++;
        } else if (answer.status === 200 && said !== '') duringOutage.polite++; // answered normally: the request beat the kill
        else duringOutage.failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
      }
      const placed = /order number is ([\w-]+)/i.exec(said);
      if (placed) confirmed.add(placed[1]!);
      return said;
    };
    const shop = async (phone: string) => {
      while (!stop) {
        await say(phone, 'add 1 colombian coffee');
        await say(phone, 'checkout');
        await say(phone, 'yes');
      }
    };

    const load = shoppers.map(shop);
    await waitUntil(() => confirmed.size >= SHOPPERS, 120_000, 'the first orders before the outage');

    process.kill(database.pid, 'SIGKILL');
    phase = 'outage';
    const outageEnds = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    // Voice answers in the response; chat was acknowledged before the turn, so its apology goes straight to the Send API.
    const spoken = await deliverOnce(server.baseUrl, alexa, 'amzn1.ask.account.OUTAGE');
    const metaMessages: { recipient: { id: string }; message?: { text?: string } }[] = [];
    const sendApi = nock(config.GRAPH_API_BASE_URL)
      .persist()
      .post(/\/me\/messages$/, (body: (typeof metaMessages)[number]) => {
        metaMessages.push(body);
        return true;
      })
      .reply(200, { message_id: 'mid.sorry' });
    assert.equal((await deliverOnce(server.baseUrl, messenger, 'PSID-OUTAGE')).status, 200);
    await drainBackground();
    sendApi.persist(false);
    nock.cleanAll();
    await outageEnds;
    // However slow the machine, the outage lasts until shoppers have felt it.
    await waitUntil(() => duringOutage.apologies > 0, 60_000, 'an SMS shopper to be asked to try again shortly');
    const alexaSpeech = (JSON.parse(spoken.text) as { response?: { outputSpeech?: { ssml?: string } } }).response?.outputSpeech?.ssml ?? '';
    const chatApology = metaMessages.find((sent) => sent.recipient.id === 'PSID-OUTAGE' && sent.message)?.message?.text ?? '';
    reportCheck('database outage: voice and chat told to try again', { tried: 2, held: [spoken.status === 200 && /try again shortly/i.test(alexaSpeech), /try again shortly/i.test(chatApology)].filter(Boolean).length, detail: `Alexa said "${alexaSpeech}", Messenger got "${chatApology}"` });

    database = await startEmbeddedFerretdb({ dataDir, log: silentLog, listen: listenAddress });
    const restartedAt = Date.now();
    await waitUntil(async () => (await get(server.baseUrl, '/readyz')).status === 200, READY_WITHIN_MS, '/readyz to answer 200 after the database came back');
    const readyAfterMs = Date.now() - restartedAt;
    phase = 'after';
    const confirmedBeforeRecovery = confirmed.size;
    await waitUntil(() => confirmed.size >= confirmedBeforeRecovery + SHOPPERS, 120_000, 'orders to go through again after the restart');
    stop = true;
    await Promise.all(load);
    await server.close();

    // What a crash left half-done is finished by the maintenance job: run it now rather than wait two minutes.
    await resumeUnfinishedOrders(new Date(Date.now() + RESUME_AFTER_MS + 60_000));
    const orders = await OrderModel.find({}).lean();
    const byNumber = new Map(orders.map((order) => [order.orderNumber, order]));
    const lost = [...confirmed].filter((number) => byNumber.get(number)?.status !== 'placed');
    const partial = orders.filter((order) => order.status === 'pending');
    assert.deepEqual(lost, [], 'every order a shopper was told about is placed');
    assert.deepEqual(partial.map((order) => order.orderNumber), [], 'no order is left half-placed');

    // Stock: each order's ledger entries net to its quantity if placed and to nothing otherwise.
    const ledger = await InventoryLedgerModel.find({ orderRef: { $exists: true } }).lean();
    const wrongStock = orders.filter((order) => {
      const net = ledger.filter((entry) => entry.orderRef === order.idempotencyKey).reduce((sum, entry) => sum + entry.delta, 0);
      const expected = order.status === 'placed' ? -order.lines.reduce((sum, line) => sum + line.quantity, 0) : 0;
      return net !== expected;
    });
    assert.deepEqual(wrongStock.map((order) => `${order.orderNumber} ${order.status}`), [], 'stock moved exactly for the placed orders');

    reportCheck('database outage: confirmed orders kept', { tried: confirmed.size, held: confirmed.size - lost.length, detail: `${orders.length} orders, ${partial.length} left pending` });
    assert.ok(duringOutage.apologies > 0, 'the outage was felt: some shopper was asked to try again shortly');
    reportCheck('database outage: polite answers while down', { tried: duringOutage.answers, held: duringOutage.polite, detail: `${duringOutage.apologies} "try again shortly", ready ${readyAfterMs} ms after the restart` }, duringOutage.failures);
  });
});
