import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { startFakeApi, type FakeApi } from '../../bench/support/fake-api';
import { metaSignature, whatsappWebhook } from '../support/meta-webhooks';
import { testConfig } from '../support/config';
import { waitUntil } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');
const FULL = process.env.RELIABILITY_SCALE === 'full';
const MESSAGES = FULL ? 200 : 40;
const config = testConfig();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface App {
  child: ChildProcess;
  url: string;
}

/** One app process, `serve` as npm start runs it, on the test run's database server under a database of its own run. */
async function startApp(env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"service listening"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await exited;
}

describe('scale-out: three app processes on one database', function () {
  this.timeout(FULL ? 600_000 : 300_000);
  const apps: App[] = [];
  let fakeApi: FakeApi;
  let dataDir: string;

  before(async () => {
    const uri = process.env.TEST_DATABASE_URI;
    assert.ok(uri, 'test/setup/global.ts sets TEST_DATABASE_URI');
    fakeApi = await startFakeApi();
    dataDir = mkdtempSync(path.join(tmpdir(), 'scale-test-'));
    const env = {
      MONGODB_URI: `${uri.replace(/\/+$/, '').replace(/\?.*$/, '')}/${process.env.TEST_DATABASE_NAME}_scale`,
      DATA_DIR: dataDir,
      GRAPH_API_BASE_URL: fakeApi.url,
      TWILIO_API_BASE_URL: fakeApi.url,
      ALEXA_API_BASE_URL: fakeApi.url,
      LWA_API_BASE_URL: fakeApi.url,
      WECHAT_API_BASE_URL: fakeApi.url,
    };
    // The first one seeds the empty database; the others start on it.
    apps.push(await startApp(env));
    apps.push(...(await Promise.all([startApp(env), startApp(env)])));
  });

  after(async () => {
    await Promise.all(apps.map(stopApp));
    await fakeApi?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers each of ${MESSAGES} WhatsApp messages delivered to all three processes exactly once`, async () => {
    const customers = Array.from({ length: MESSAGES }, (_, i) => `1555029${String(i).padStart(4, '0')}`);
    const deliveries = customers.flatMap((from, i) => {
      const raw = JSON.stringify(whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from, name: 'Shopper', message: { id: `wamid.SCALE.${Date.now()}.${i}`, type: 'text', text: { body: 'help' } } }));
      return apps.map((app) => ({ app, raw }));
    });
    const statuses = await Promise.all(
      deliveries.map(async ({ app, raw }) => {
        const res = await fetch(`${app.url}/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(raw, config.META_APP_SECRET!) }, body: raw });
        return res.status;
      }),
    );
    assert.deepEqual([...new Set(statuses)], [200]);
    await waitUntil(() => fakeApi.recipientsAnswered() === MESSAGES, 120_000, 'every customer answered');
    // Once every event is worked and every reply job sent, a duplicate would already have gone out.
    const appDatabase = mongoose.connection.useDb(`${process.env.TEST_DATABASE_NAME}_scale`);
    await waitUntil(async () => (await appDatabase.collection('inboundevents').countDocuments({ state: 'pending' })) === 0, 120_000, 'every inbound event worked');
    await waitUntil(async () => (await appDatabase.collection('outboxes').countDocuments({ status: { $ne: 'sent' } })) === 0, 120_000, 'every reply sent');
    assert.equal(await appDatabase.collection('inboundevents').countDocuments(), MESSAGES, 'one recorded event (one turn) per message, not one per delivery');
    const counts = fakeApi.messagesByRecipient();
    const perReply = new Set(customers.map((customer) => counts.get(customer)));
    assert.equal(perReply.size, 1, `every customer got the same one reply (messages per customer: ${[...perReply].join(', ')})`);
    assert.equal(fakeApi.recipientsAnswered(), MESSAGES);
  });
});
