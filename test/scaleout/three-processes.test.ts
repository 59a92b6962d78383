import assert from 'node:assert/strict';
import { InboundEventModel, InventoryLedgerModel, OrderModel, OutboxAttemptModel, OutboxModel, ProductModel } from '../../models';
import { startFakeApi, type FakeApi } from '../../bench/support/fake-api';
import { placeOrder } from '../../src/services/orders';
import { computeTotals } from '../../src/core/money';
import { setStockLevel, stockBalance } from '../../src/store/inventory-store';
import { addCustomer, addProduct, freshDemoStore, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { TEST_ADMIN_KEY } from '../support/config';
import { metaSignature, whatsappWebhook } from '../support/meta-webhooks';
import { waitUntil } from '../support/processes';
import { LOAD_SKU, reportCheck, scaled } from '../reliability/support/checks';
import { startServiceProcess, type ServiceProcess } from '../reliability/support/service-process';
import { config, messagesOf, signedRequest, WEBHOOKS } from '../reliability/support/webhooks';

/**
 * `npm test` runs this small; `npm run test:reliability` (RELIABILITY_SCALE=full) at the sizes.
 * The small sizes still make every race: each message reaches all three processes at once, three
 * buyers want each of the last units, and every notification job has six workers competing for it.
 */
const MESSAGES = scaled(20, 200);
const BUYERS = scaled(30, 300);
const UNITS = 10;
const NOTIFIED_ORDERS = scaled(10, 100);
const sms = WEBHOOKS.find((webhook) => webhook.name === 'sms')!;

/**
 * Each app process works inbound turns two at a time (INBOUND_CONCURRENCY=2) and runs its outbox
 * worker; next to each runs a `worker` process with the same two workers, so every job has six outbox
 * workers in six processes competing for it. Quiet hours are off: a notification must not wait for
 * the time of day the test happens to run at.
 */
const WORKER_ENV = { INBOUND_CONCURRENCY: '2', QUIET_HOURS: 'off' };

/**
 * Three `serve` processes, as npm start runs them, against the test run's database, with every
 * platform API pointed at one fake on 127.0.0.1 that counts what is sent.
 */
describe('scale-out: three app processes on one database', function () {
  this.timeout(scaled(300_000, 900_000));
  const apps: ServiceProcess[] = [];
  const workers: ServiceProcess[] = [];
  let fakeApi: FakeApi;

  before(async () => {
    await freshDemoStore();
    fakeApi = await startFakeApi();
    const start = (command: 'serve' | 'worker') => startServiceProcess({ config, fakeApiBaseUrl: fakeApi.url, command, env: WORKER_ENV });
    const started = await Promise.allSettled([start('serve'), start('serve'), start('serve'), start('worker'), start('worker'), start('worker')]);
    for (const [index, result] of started.entries()) if (result.status === 'fulfilled') (index < 3 ? apps : workers).push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  afterEach(function () {
    // What the processes logged (warnings and up) explains a failure only they saw.
    if (this.currentTest?.state === 'failed') for (const child of [...apps, ...workers]) process.stderr.write(`process ${child.pid} output (last 8 KB):\n${child.output()}\n`);
  });

  after(async () => {
    await Promise.all([...apps, ...workers].map((child) => child.stop()));
    await fakeApi?.close();
  });

  it(`answers each of ${MESSAGES} WhatsApp messages delivered to all three processes exactly once`, async () => {
    fakeApi.reset();
    const customers = Array.from({ length: MESSAGES }, (_, i) => `1555029${String(i).padStart(4, '0')}`);
    const deliveries = customers.flatMap((from, i) => {
      const raw = JSON.stringify(whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from, name: 'Shopper', message: { id: `wamid.SCALE.${Date.now()}.${i}`, type: 'text', text: { body: 'help' } } }));
      return apps.map((app) => ({ app, raw }));
    });
    const statuses = await Promise.all(
      deliveries.map(async ({ app, raw }) => {
        const res = await fetch(`${app.baseUrl}/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(raw, config.META_APP_SECRET!) }, body: raw });
        return res.status;
      }),
    );
    assert.deepEqual([...new Set(statuses)], [200]);
    await waitUntil(() => fakeApi.recipientsAnswered() === MESSAGES, 120_000, 'every customer answered');
    // Once every event is worked and every reply job sent, a duplicate would already have gone out.
    await waitUntil(async () => (await InboundEventModel.countDocuments({ state: 'pending' })) === 0, 120_000, 'every inbound event worked');
    await waitUntil(async () => (await OutboxModel.countDocuments({ status: 'pending' })) === 0, 120_000, 'every reply sent');
    assert.equal(await InboundEventModel.countDocuments(), MESSAGES, 'one recorded event (one turn) per message, not one per delivery');
    const counts = fakeApi.messagesByRecipient();
    const perReply = new Set(customers.map((customer) => counts.get(customer)));
    reportCheck('three processes: one reply per message delivered to all three', { tried: MESSAGES, held: customers.filter((customer) => counts.get(customer) === [...perReply][0]).length, detail: `${deliveries.length} deliveries, messages per customer: ${[...perReply].join(', ')}` });
    assert.equal(perReply.size, 1, `every customer got the same one reply (messages per customer: ${[...perReply].join(', ')})`);
  });

  it(`sells the last ${UNITS} units to exactly ${UNITS} of ${BUYERS} SMS buyers saying yes at once across the three processes`, async () => {
    const phones = Array.from({ length: BUYERS }, (_, i) => `+1555081${String(i).padStart(4, '0')}`);
    await Promise.all(phones.map((phone) => addCustomer({ channel: 'sms', externalId: phone })));
    await setStockLevel(LOAD_SKU, UNITS, 'restock');
    const ordersBefore = await OrderModel.countDocuments({ status: 'placed', 'lines.sku': LOAD_SKU });

    // One conversation hops between processes: state lives in the database, not in a process.
    const failures: string[] = [];
    const say = async (buyer: number, text: string, hop: number): Promise<string> => {
      const body = sms.validBody(phones[buyer]!, text);
      const request = signedRequest(sms, sms.encode(body), body);
      try {
        const answer = await fetch(`${apps[(buyer + hop) % apps.length]!.baseUrl}${sms.path}`, { method: 'POST', headers: request.headers, body: request.body });
        const twiml = await answer.text();
        if (answer.status !== 200) failures.push(`buyer ${buyer} "${text}": ${answer.status} ${twiml.slice(0, 200)}`);
        return messagesOf(twiml).join(' ');
      } catch (error) {
        failures.push(`buyer ${buyer} "${text}": ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
        return '';
      }
    };
    // Everyone is read back the order first (nothing is reserved before the yes), so that all the yeses race.
    const readBacks = await Promise.all(phones.map(async (_, buyer) => {
      await say(buyer, 'add 1 colombian coffee', 0);
      return say(buyer, 'checkout', 1);
    }));
    const notReadBack = readBacks.filter((said) => !/Should I place the order\?/.test(said));
    assert.deepEqual([...failures, ...notReadBack].slice(0, 3), [], `every buyer was read back the order (${notReadBack.length} were not, ${failures.length} requests failed)`);

    const answers = await Promise.all(phones.map((_, buyer) => say(buyer, 'yes', 2)));
    const placed = answers.filter((said) => /Your order number is/.test(said));
    const refused = answers.filter((said) => /out of stock|only \d+ more/i.test(said));
    const other = [...failures, ...answers.filter((said) => !placed.includes(said) && !refused.includes(said))];

    const orders = await OrderModel.find({ status: 'placed', 'lines.sku': LOAD_SKU }).lean();
    const ledger = await InventoryLedgerModel.find({ sku: LOAD_SKU }).lean();
    reportCheck('three processes: last units', {
      tried: BUYERS,
      held: placed.length + refused.length,
      detail: `${placed.length} told their order number, ${refused.length} told it is out of stock, ${orders.length - ordersBefore} orders placed, stock ${await stockBalance(LOAD_SKU)}`,
    }, other);
    assert.equal(placed.length, UNITS, `exactly ${UNITS} buyers were told their order number`);
    assert.equal(orders.length - ordersBefore, UNITS, `exactly ${UNITS} orders placed`);
    assert.equal(await stockBalance(LOAD_SKU), 0, 'stock is 0');
    assert.ok(ledger.every((entry) => entry.balance >= 0), 'the stock never went below zero');
    await waitUntil(async () => (await ProductModel.findOne({ sku: LOAD_SKU }).lean())?.stock === 0, 30_000, 'the product’s stock figure to show 0');
  });

  it(`sends each of ${NOTIFIED_ORDERS * 2} order notifications once, with six outbox workers in six processes`, async () => {
    fakeApi.reset();
    await addProduct('SCALE-NOTE', { stock: 1_000_000 });
    const orders = await Promise.all(Array.from({ length: NOTIFIED_ORDERS }, async (_, i) => {
      const phone = `1555091${String(i).padStart(4, '0')}`;
      const customerId = await addCustomer({ channel: 'whatsapp', externalId: phone });
      const lines = [{ sku: 'SCALE-NOTE', name: 'Scale note', quantity: 1, unitPriceMinor: 1000 }];
      const result = await placeOrder({ idempotencyKey: `scale-note-${i}`, customerId, channel: 'whatsapp', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings);
      assert.ok(result.ok);
      return { phone, orderNumber: result.order.orderNumber };
    }));

    // Staff on different instances at once: each order paid, packed and shipped on three processes (packed is not notified).
    const change = async (app: ServiceProcess, orderNumber: string, body: object) => {
      const answer = await fetch(`${app.baseUrl}/admin/orders/${orderNumber}/status`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': TEST_ADMIN_KEY }, body: JSON.stringify(body) });
      assert.equal(answer.status, 200, `${orderNumber} ${JSON.stringify(body)}: ${answer.status} ${await answer.text()}`);
    };
    await Promise.all(orders.map(async ({ orderNumber }, i) => {
      await change(apps[i % apps.length]!, orderNumber, { status: 'paid' });
      await change(apps[(i + 1) % apps.length]!, orderNumber, { status: 'packed' });
      await change(apps[(i + 2) % apps.length]!, orderNumber, { status: 'shipped', tracking: { carrier: 'UPS', number: `1Z${i}` } });
    }));

    const expected = NOTIFIED_ORDERS * 2;
    await waitUntil(async () => (await OutboxModel.countDocuments({ kind: 'notification', status: 'sent' })) === expected, 120_000, 'every notification job sent');
    // A worker sends only under a claim it won, and no claim follows 'sent': one claim per job means one sender, ever.
    const jobKeys = (await OutboxModel.find({ kind: 'notification' }, { jobKey: 1 }).lean()).map((job) => job.jobKey);
    const attempts = await OutboxAttemptModel.find({ jobKey: { $in: jobKeys } }).lean();
    const claimsPerJob = new Set(jobKeys.map((jobKey) => attempts.filter((attempt) => attempt.jobKey === jobKey && attempt.outcome === 'claimed').length));
    assert.deepEqual([...claimsPerJob], [1], 'each notification job was claimed by one worker, once');
    const counts = fakeApi.messagesByRecipient();
    const wrong = orders.filter(({ phone }) => counts.get(phone) !== 2).map(({ phone, orderNumber }) => `${orderNumber} → ${phone}: ${counts.get(phone) ?? 0} messages`);
    reportCheck('three processes: notifications sent once', { tried: NOTIFIED_ORDERS, held: NOTIFIED_ORDERS - wrong.length, detail: `${NOTIFIED_ORDERS * 3} status changes on ${apps.length} processes, ${expected} of them notified, ${fakeApi.messagesSent()} messages sent` }, wrong);
    assert.equal(fakeApi.messagesSent(), expected);
  });
});
