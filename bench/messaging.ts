/**
 * Webhooks at a fixed rate, as a platform delivers them: Messenger and WhatsApp alternately, each
 * signed (X-Hub-Signature-256) and from a new sender. Two figures from one run: the acknowledgement
 * latency the platform sees (against a bare express handler with the same body parser, same rate),
 * and whether the workers keep up: every reply at the fake Graph API within 10 s of its webhook.
 */
import { loadConfig } from '../src/config';
import { metaSignature, whatsappWebhook } from '../test/support/meta-webhooks';
import type { FakeApi } from './support/fake-api';
import { runLoad, type LoadResult } from './support/load';
import type { ServerProcess } from './support/processes';
import { round, summarize, type LatencySummary } from './support/stats';

export const REPLY_DEADLINE_MS = 10_000;

export interface RepliesResult {
  /** Webhooks the app acknowledged with 200 during the load. */
  webhooks: number;
  /** Of those, senders who got their reply; and within the deadline. */
  answered: number;
  answeredInTime: number;
  /** Webhook sent → last message of its reply at the fake Graph API. */
  latency: LatencySummary;
  /** How long after the load the last reply came (the workers catching up). */
  drainSeconds: number;
}

export interface MessagingResult {
  ratePerSecond: number;
  seconds: number;
  connections: number;
  app: LoadResult;
  baseline: LoadResult;
  replies: RepliesResult;
}

// What shoppers send: each a full turn with database writes, and a reply to send.
const TEXTS = ['add colombian coffee', 'what is in my cart', 'add two green tea', 'show me snacks', 'help'];

function messengerBody(psid: string, mid: string, text: string): object {
  return { object: 'page', entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid, text } }] }] };
}

export async function runMessagingBenchmark(options: { app: ServerProcess; bare: { url: string }; fakeApi: FakeApi; ratePerSecond: number; seconds: number; connections: number; drainLimitS: number }): Promise<MessagingResult> {
  // The app under test runs with the development configuration; its secret signs the webhooks.
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const secret = config.META_APP_SECRET!;
  const runId = Date.now().toString(36);
  /** When each sender's webhook went out, by the id the reply is addressed to. */
  const sentAt = new Map<string, number>();
  let n = 0;
  // Autocannon builds a request just before it writes it, so the build time is the send time.
  const next = (track: boolean) => () => {
    const i = n++;
    const text = TEXTS[i % TEXTS.length]!;
    const [path, recipient, payload] =
      i % 2 === 0
        ? ['/messenger', `PSID-${runId}-${i}`, messengerBody(`PSID-${runId}-${i}`, `m_${runId}_${i}`, text)]
        : ['/whatsapp', `1555${String(i).padStart(8, '0')}`, whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: `1555${String(i).padStart(8, '0')}`, name: 'Bench', message: { id: `wamid.${runId}.${i}`, type: 'text', text: { body: text } } })];
    const body = JSON.stringify(payload);
    if (track) sentAt.set(recipient, Date.now());
    return { path, body, headers: { 'x-hub-signature-256': metaSignature(body, secret) } };
  };
  const load = { connections: options.connections, durationS: options.seconds, overallRate: options.ratePerSecond };

  options.fakeApi.reset();
  const loadStarted = Date.now();
  const app = await runLoad({ url: options.app.url, ...load, next: next(true) });
  // Bounded, so a slow machine cannot stretch the run; replies not sent by then count as missing.
  const drainDeadline = Date.now() + options.drainLimitS * 1000;
  await Promise.race([options.app.ask({ type: 'drain' }), new Promise((resolve) => setTimeout(resolve, options.drainLimitS * 1000).unref())]);
  // A drained queue can still have replies on their way through the outbox: wait for them, within the same bound.
  const allReplied = () => {
    const replied = options.fakeApi.messageTimes();
    return [...sentAt.keys()].every((recipient) => replied.has(recipient));
  };
  while (!allReplied() && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const times = options.fakeApi.messageTimes();
  const latencies: number[] = [];
  let lastReplyAt = loadStarted;
  for (const [recipient, sent] of sentAt) {
    const reply = times.get(recipient);
    if (!reply) continue;
    latencies.push(reply.lastAt - sent);
    lastReplyAt = Math.max(lastReplyAt, reply.lastAt);
  }
  const replies: RepliesResult = {
    webhooks: sentAt.size,
    answered: latencies.length,
    answeredInTime: latencies.filter((ms) => ms <= REPLY_DEADLINE_MS).length,
    latency: summarize(latencies),
    drainSeconds: round(Math.max(0, lastReplyAt - (loadStarted + app.durationS * 1000)) / 1000, 1),
  };

  const baseline = await runLoad({ url: options.bare.url, ...load, next: next(false) });
  return { ratePerSecond: options.ratePerSecond, seconds: options.seconds, connections: options.connections, app, baseline, replies };
}
