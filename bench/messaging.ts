import { loadConfig } from '../src/config';
import { metaSignature, whatsappWebhook } from '../test/support/meta-webhooks';
import type { FakeApi } from './support/fake-api';
import { runLoad, type LoadResult } from './support/load';

export interface WebhookRow {
  channel: 'messenger' | 'whatsapp';
  /** Webhooks acknowledged by the app, and replies the fake Graph API received once all were handled. */
  app: LoadResult;
  repliesSent: number;
  /** Distinct senders who got an answer: every one of them should. */
  sendersAnswered: number;
  /** A bare express 200 handler under the same load. */
  baseline: LoadResult;
}

export interface MessagingResult {
  ratePerSecond: number;
  seconds: number;
  rows: WebhookRow[];
}

/** How long the replies to one load may take to be worked out and sent before they are counted. */
const DRAIN_LIMIT_MS = 120_000;

// What shoppers send: each a full turn with database writes, and a reply to send.
const TEXTS = ['add colombian coffee', 'what is in my cart', 'add two green tea', 'show me snacks', 'help'];

function messengerBody(runId: string, n: number): object {
  return {
    object: 'page',
    entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: `PSID-${runId}-${n}` }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid: `m_${runId}_${n}`, text: TEXTS[n % TEXTS.length] } }] }],
  };
}

function whatsappBody(runId: string, n: number, phoneNumberId: string): object {
  const from = `1555${runId.length}${String(n).padStart(7, '0')}`;
  return whatsappWebhook({ phoneNumberId, from, name: 'Bench', message: { id: `wamid.${runId}.${n}`, type: 'text', text: { body: TEXTS[n % TEXTS.length] } } });
}

/** A server under load; `drain` resolves once its background work (webhook replies) is done. */
export interface LoadedServer {
  url: string;
  drain(): Promise<unknown>;
}

/**
 * Open-loop load at a fixed rate (as a platform delivers), distinct senders, every webhook signed.
 * Acknowledgement latency is what Meta sees; the replies are then worked out in the background and
 * sent to the fake Graph API, and counted once the app has drained its queue.
 */

export async function runMessagingBenchmark(options: { app: LoadedServer; bare: { url: string }; fakeApi: FakeApi; ratePerSecond: number; seconds: number; connections: number }): Promise<MessagingResult> {
  // The app under test runs with the development configuration; its secret signs the webhooks.
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const secret = config.META_APP_SECRET!;
  const rows: WebhookRow[] = [];
  for (const channel of ['messenger', 'whatsapp'] as const) {
    const runId = `${channel.slice(0, 2)}${Date.now().toString(36)}`;
    let n = 0;
    const next = () => {
      const raw = JSON.stringify(channel === 'messenger' ? messengerBody(runId, n++) : whatsappBody(runId, n++, config.WHATSAPP_PHONE_NUMBER_ID));
      return { body: raw, headers: { 'x-hub-signature-256': metaSignature(raw, secret) } };
    };
    options.fakeApi.reset();
    const load = { connections: options.connections, durationS: options.seconds, overallRate: options.ratePerSecond, next };
    const app = await runLoad({ url: `${options.app.url}/${channel}`, ...load });
    // Bounded, so a slow machine cannot stretch the run; senders not answered by then show in the report.
    await Promise.race([options.app.drain(), new Promise((resolve) => setTimeout(resolve, DRAIN_LIMIT_MS).unref())]);
    const repliesSent = options.fakeApi.messagesSent();
    const sendersAnswered = options.fakeApi.recipientsAnswered();
    const baseline = await runLoad({ url: options.bare.url, ...load });
    rows.push({ channel, app, repliesSent, sendersAnswered, baseline });
  }
  return { ratePerSecond: options.ratePerSecond, seconds: options.seconds, rows };
}
