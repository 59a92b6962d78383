import assert from 'node:assert/strict';
import request from 'supertest';
import { OutboxModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { metaSignature } from '../support/meta-webhooks';
import { reportCheck, scaled } from './support/checks';

const config = testConfig({ OUTBOUND_TIMEOUT_MS: '1000' });
const MAX_ATTEMPTS = 6;
const GRAPH = 'https://graph.facebook.com';
const SEND_PATH = `/${config.GRAPH_API_VERSION}/me/messages`;
const RECOVERING = scaled(4, 60);
const NEVER_RECOVERING = scaled(1, 20);

/** What the fake Send API does on each attempt for a recipient: it recovers on the fourth, or never. */
type Fault = '500' | '429' | 'timeout' | 'ok';
const RECOVERS: Fault[] = ['500', '429', 'timeout', 'ok'];

const sign = (raw: string) => metaSignature(raw, config.META_APP_SECRET!);

describe('reliability: outbound APIs answering 500, 429 and timing out', function () {
  this.timeout(0);
  withFakeHttp();
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { maxAttempts: MAX_ATTEMPTS, baseBackoffMs: 1_000 });
  const app = createApp({ config, log: silentLog, outbox });

  before(freshDemoStore);

  it('retries within limits, delivers each reply exactly once, and dead-letters what never recovers', async () => {
    const attempts = new Map<string, number>();
    const delivered = new Map<string, { text?: string }[]>();
    const recovering = Array.from({ length: RECOVERING }, (_, i) => `PSID-RECOVERS-${i}`);
    const broken = Array.from({ length: NEVER_RECOVERING }, (_, i) => `PSID-BROKEN-${i}`);
    const faultFor = (recipient: string): Fault => {
      const attempt = (attempts.get(recipient) ?? 0) + 1;
      attempts.set(recipient, attempt);
      return recipient.startsWith('PSID-BROKEN') ? (['500', '429', 'timeout'] as const)[attempt % 3]! : RECOVERS[Math.min(attempt, RECOVERS.length) - 1]!;
    };
    const graph = nock(GRAPH)
      .persist()
      .post(SEND_PATH)
      .matchHeader('authorization', `Bearer ${config.META_PAGE_ACCESS_TOKEN}`)
      .reply(async (sentRequest) => {
        const sent = (await sentRequest.json()) as { recipient: { id: string }; sender_action?: string; message?: { text?: string } };
        if (sent.sender_action) return [200, {}];
        const fault = faultFor(sent.recipient.id);
        if (fault === 'timeout') await new Promise((resolve) => setTimeout(resolve, 3_000));
        if (fault === '500' || fault === 'timeout') return [500, { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2, is_transient: true } }];
        if (fault === '429') return [429, { error: { message: 'Too many calls', code: 613 } }, { 'retry-after': '1' }];
        delivered.set(sent.recipient.id, [...(delivered.get(sent.recipient.id) ?? []), sent.message!]);
        return [200, { recipient_id: sent.recipient.id, message_id: `mid.${sent.recipient.id}` }];
      });

    for (const psid of [...recovering, ...broken]) {
      const raw = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid: `m_${psid}`, text: 'help' } }] }] });
      const res = await request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', sign(raw)).send(raw);
      assert.equal(res.status, 200);
    }
    await drainBackground();

    // A worker's passes, each after every backoff (and any Retry-After) has run out.
    let now = Date.now();
    for (let pass = 0; pass < MAX_ATTEMPTS + 2 && (await OutboxModel.countDocuments({ status: 'pending' })) > 0; pass++) {
      now += 15 * 60_000;
      await outbox.runDue(new Date(now), 1_000);
    }

    const jobs = await OutboxModel.find({ kind: 'messenger' }).lean();
    const failures: string[] = [];
    let held = 0;
    for (const psid of recovering) {
      const job = jobs.find((candidate) => (candidate.payload as { recipientId: string }).recipientId === psid);
      const copies = delivered.get(psid) ?? [];
      if (job?.status === 'sent' && job.attempts === RECOVERS.length && JSON.stringify(copies) === JSON.stringify(job.payload.messages)) held++;
      else failures.push(`${psid}: job ${job?.status} after ${job?.attempts} attempts (${job?.lastError}), delivered ${copies.length}×`);
    }
    for (const psid of broken) {
      const job = jobs.find((candidate) => (candidate.payload as { recipientId: string }).recipientId === psid);
      if (job?.status === 'dead' && job.attempts === MAX_ATTEMPTS && job.lastError && !delivered.has(psid)) held++;
      else failures.push(`${psid}: job ${job?.status} after ${job?.attempts} attempts, last error ${job?.lastError}`);
    }
    graph.persist(false);
    nock.cleanAll();
    reportCheck('outbound faults (500, 429 with Retry-After, timeouts)', { tried: RECOVERING + NEVER_RECOVERING, held, detail: `${[...attempts.values()].reduce((a, b) => a + b, 0)} calls to the fake Send API` }, failures);
  });
});
