import assert from 'node:assert/strict';
import { OrderModel, OutboxModel } from '../../models';
import { startFakeApi, type FakeApi } from '../../bench/support/fake-api';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { reportCheck, scaled, stockForLoad } from './support/checks';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { config, post, signedRequest, startWebchatSession, WEBHOOKS, type Webhook } from './support/webhooks';

/** SUSTAINED_LOAD_SECONDS overrides the length, for a profiling run between the two sizes. */
const DURATION_MS = Number(process.env.SUSTAINED_LOAD_SECONDS ?? 0) * 1000 || scaled(30_000, 5 * 60_000);
/** The heap is judged over the last 60 % of the run (the last 3 of 5 minutes): caches, pools and JIT fill up before. */
const WINDOW_STARTS_AT = 0.4;
/**
 * Bytes of heap (after a forced collection in the service) per request over the window. Full size:
 * the 1 KB. Reduced: some 30 requests in 18 s, still warming up (compiled code, the connection
 * pool), cannot resolve 1 KB, so the bound is 16 KB: half the growth round 1 measured still fails it.
 */
const MAX_BYTES_PER_REQUEST = scaled(16 * 1024, 1024);
/** Time between heap readings; each reading also waits for the turns in flight to finish. */
const SAMPLE_EVERY_MS = scaled(1_000, 4_000);
/**
 * How long a messaging reply may take before it counts as lost. Generous: this check is about loss and
 * memory, not latency (the benchmarks time replies), and on a crowded 2-core machine a turn against the
 * embedded database has taken over 30 s with 30 shoppers. A heap snapshot stops the service for a minute or more.
 */
const REPLY_TIMEOUT_MS = process.env.HEAP_SNAPSHOT_DIR ? 600_000 : 180_000;
const SHOPPERS_PER_CHANNEL = scaled(2, 6);
/** A shopper's loop on every channel: look, ask, add, check out, confirm. */
const CONVERSATION = ['show me coffee', 'how much is colombian coffee', 'add 1 colombian coffee', 'checkout', 'yes'];
const CHANNELS = ['sms', 'messenger', 'whatsapp', 'webchat', 'alexa'];

interface Sample {
  requests: number;
  heapUsed: number;
}

describe('reliability: sustained mixed load', function () {
  this.timeout(0);
  let fakeApi: FakeApi | undefined;
  let service: ServiceProcess | undefined;

  before(async () => {
    await freshDemoStore();
    await stockForLoad();
    fakeApi = await startFakeApi();
    // HEAP_SNAPSHOT_DIR: the service writes a snapshot there as the window opens and after the load (compare them with bench/heap-diff.ts).
    service = await startServiceProcess({ config, fakeApiBaseUrl: fakeApi.url, heapSnapshotDir: process.env.HEAP_SNAPSHOT_DIR });
  });
  after(async function () {
    // What the service logged (warnings and up) explains a failure that only its process saw.
    if (this.currentTest?.state === 'failed' && service) process.stderr.write(`service output (last 8 KB):\n${service.output()}\n`);
    await service?.stop();
    await fakeApi?.close();
  });

  it(`${DURATION_MS / 1000} s of shoppers on ${CHANNELS.length} channels against the service in its own process: no 5xx, every reply sent, consistent orders, a flat heap`, async () => {
    const app = service!;
    const fake = fakeApi!;
    const shoppers: { webhook: Webhook; userId: string }[] = [];
    for (const name of CHANNELS) {
      const webhook = WEBHOOKS.find((candidate) => candidate.name === name)!;
      for (let index = 0; index < SHOPPERS_PER_CHANNEL; index++) {
        const userId = name === 'alexa' ? `amzn1.ask.account.LOAD${index}` : name === 'sms' ? `+1555060${String(index).padStart(4, '0')}` : name === 'whatsapp' ? `1555070${String(index).padStart(4, '0')}` : `LOAD-${name}-${index}`;
        // Web chat customers are made by their session; everyone else is a known customer with an address.
        if (name !== 'webchat') await addCustomer({ channel: name as 'sms', externalId: userId });
        shoppers.push({ webhook, userId });
      }
    }
    await startWebchatSession(app.baseUrl);

    const started = Date.now();
    const deadline = started + DURATION_MS;
    const windowOpensAt = started + DURATION_MS * WINDOW_STARTS_AT;
    let requests = 0;
    const failures: string[] = [];
    const samples: Sample[] = [];
    let first: { heapUsed: number; rss: number } | undefined;

    const between = new BetweenTurns(shoppers.length);
    const sampler = (async () => {
      let snapshotTaken = !process.env.HEAP_SNAPSHOT_DIR;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
        if (Date.now() < windowOpensAt || Date.now() >= deadline) continue;
        // Read with no turn in flight: a turn's working set is noise here, not growth.
        await between.hold();
        try {
          if (!snapshotTaken) {
            await app.snapshot();
            snapshotTaken = true;
          }
          const reading = await app.heap();
          assert.ok(reading.collected, 'the service runs under --expose-gc, so its heap is read after a collection');
          first ??= reading;
          samples.push({ requests, heapUsed: reading.heapUsed });
        } finally {
          between.release();
        }
      }
    })();

    await Promise.all(
      shoppers.map(async ({ webhook, userId }) => {
        const messaging = webhook.name === 'messenger' || webhook.name === 'whatsapp';
        for (let turn = 0; Date.now() < deadline; turn++) {
          await between.turn();
          if (Date.now() >= deadline) break;
          const body = webhook.validBody(userId, CONVERSATION[turn % CONVERSATION.length]!);
          // Registered before the webhook, so a fast reply cannot slip past it.
          const replied = messaging ? fake.nextMessageTo(userId, REPLY_TIMEOUT_MS) : undefined;
          const answer = await post(app.baseUrl, webhook.path, signedRequest(webhook, webhook.encode(body), body));
          requests++;
          if (answer.status >= 500 || answer.status === 0) failures.push(`${webhook.name} ${answer.status} ${answer.text.slice(0, 120)}`);
          // Closed loop: a messaging shopper writes again once the whole reply to this message is out,
          // so the service's queue of turns stays short and cannot pass for a leak.
          if (messaging && answer.status === 200) {
            const jobKey = `${webhook.name}:${messageId(webhook.name, body)}`;
            const sent = (await replied) && (await replySent(jobKey));
            if (!sent) failures.push(`${webhook.name} ${userId}: no reply to ${jobKey} within ${REPLY_TIMEOUT_MS / 1000} s`);
          }
        }
        between.leave();
      }),
    );
    await sampler;
    const last = await app.heap();
    if (process.env.HEAP_SNAPSHOT_DIR) await app.snapshot();

    const orders = await OrderModel.find({}).lean();
    const inconsistent = orders.filter((order) => !['placed', 'failed'].includes(order.status) || order.totalMinor !== order.lines.reduce((sum, line) => sum + line.lineTotalMinor, 0) + order.taxMinor + order.deliveryFeeMinor);
    assert.deepEqual(inconsistent.map((order) => order.orderNumber), [], 'every order is whole: placed or failed, its total the sum of its parts');
    assert.ok(orders.some((order) => order.status === 'placed'), 'orders went through under load');

    assert.ok(samples.length >= 3, `enough heap samples in the window to fit a slope (got ${samples.length})`);
    const windowRequests = samples.at(-1)!.requests - samples[0]!.requests;
    const bytesPerRequest = leastSquaresSlope(samples.map((sample) => [sample.requests, sample.heapUsed]));
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    reportCheck('sustained load', {
      tried: requests,
      held: requests - failures.length,
      detail:
        `${(requests / (DURATION_MS / 1000)).toFixed(1)} req/s for ${DURATION_MS / 1000} s, ${orders.length} orders; ` +
        `service heap after gc over the last ${Math.round((DURATION_MS * (1 - WINDOW_STARTS_AT)) / 1000)} s (${windowRequests} requests, ${samples.length} samples): ` +
        `${mb(samples[0]!.heapUsed)} → ${mb(samples.at(-1)!.heapUsed)} MB, slope ${(bytesPerRequest / 1024).toFixed(3)} KB per request (bound ${MAX_BYTES_PER_REQUEST / 1024} KB); ` +
        `after the load ${mb(last.heapUsed)} MB; RSS ${mb(first!.rss)} → ${mb(last.rss)} MB`,
    }, failures);
    assert.ok(bytesPerRequest <= MAX_BYTES_PER_REQUEST, `the service's heap after gc grows ${(bytesPerRequest / 1024).toFixed(2)} KB per request over the window (at most ${MAX_BYTES_PER_REQUEST / 1024} KB)`);
  });
});

/**
 * Lets the sampler stop every shopper between two turns (a turn ends when its reply is out), read
 * the heap, and let them go on.
 */
class BetweenTurns {
  #held: { release(): void; released: Promise<void> } | undefined;
  #waiting = 0;
  #allWaiting: (() => void) | undefined;

  constructor(private active: number) {}

  /** A shopper calls this before each turn: it waits while the sampler holds. */
  async turn(): Promise<void> {
    const held = this.#held;
    if (!held) return;
    this.#waiting++;
    this.#check();
    await held.released;
  }

  /** A shopper that has finished no longer holds anything up. */
  leave(): void {
    this.active--;
    this.#check();
  }

  /** Resolves once every remaining shopper is waiting between turns. */
  hold(): Promise<void> {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#held = { release, released };
    return new Promise((resolve) => {
      this.#allWaiting = resolve;
      this.#check();
    });
  }

  release(): void {
    const held = this.#held;
    this.#held = undefined;
    // Everyone waiting is let go at once, so the count starts again from zero.
    this.#waiting = 0;
    held?.release();
  }

  #check(): void {
    if (this.#held && this.#waiting >= this.active) {
      this.#allWaiting?.();
      this.#allWaiting = undefined;
    }
  }
}

/** The platform's id of the message in this body: the service's outbox job for the reply is keyed by it. */
function messageId(channel: string, body: unknown): string {
  const payload = body as { entry: { messaging?: { message: { mid: string } }[]; changes?: { value: { messages: { id: string }[] } }[] }[] };
  const entry = payload.entry[0]!;
  return channel === 'whatsapp' ? entry.changes![0]!.value.messages[0]!.id : entry.messaging![0]!.message.mid;
}

/**
 * True once the reply's outbox job has left `pending` (every message of it went out, or it gave up).
 * Asked after its first message has arrived, so usually once; then less and less often, since each
 * question is also load on the database under test.
 */
async function replySent(jobKey: string): Promise<boolean> {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  for (let pauseMs = 50; Date.now() < deadline; pauseMs = Math.min(pauseMs * 2, 2_000)) {
    const job = await OutboxModel.findOne({ jobKey }, { status: 1 }).lean();
    if (job !== null && job.status !== 'pending') return true;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return false;
}

/** The slope of the least-squares line through the points: robust to one noisy reading, unlike first-to-last. */
function leastSquaresSlope(points: [number, number][]): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}
