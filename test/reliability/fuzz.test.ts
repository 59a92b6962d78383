import assert from 'node:assert/strict';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { testVerifierOptions } from '../support/alexa-requests';
import { seededRandom } from '../support/seeded-random';
import { nock, withFakeHttp } from '../support/fake-http';
import { databaseDigest, reportCheck, scaled } from './support/checks';
import { ASSISTANT_ENDPOINTS, issueAssistantTokens } from './support/assistant-endpoints';
import { hostileRequest } from './support/hostile';
import { silentLog, TEST_ADMIN_KEY } from '../support/config';
import { config, get, post, signedRequest, startWebchatSession, WEBHOOKS, useLoadTestServer } from './support/webhooks';

const PAYLOADS_PER_WEBHOOK = scaled(123, 10_000);
const IN_FLIGHT = 8;

describe('reliability: hostile payloads on every webhook', function () {
  this.timeout(0);
  withFakeHttp();
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog);
  const app = createApp({ config, log: silentLog, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions } } });
  const server = useLoadTestServer(app);
  before(async () => {
    await startWebchatSession(server.baseUrl);
    await issueAssistantTokens();
  });

  for (const webhook of [...WEBHOOKS, ...ASSISTANT_ENDPOINTS]) {
    it(`${webhook.name}: ${PAYLOADS_PER_WEBHOOK} malformed or hostile payloads: no 5xx, no crash, no database write`, async () => {
      // Nothing here may reach a platform: a send would mean a payload got through.
      const outbound = nock(/^https:/).persist().post(/.*/).reply(500);
      const before = await databaseDigest();
      const random = seededRandom(webhook.name.length * 7919);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let held = 0;
      for (let start = 0; start < PAYLOADS_PER_WEBHOOK; start += IN_FLIGHT) {
        const batch = Array.from({ length: Math.min(IN_FLIGHT, PAYLOADS_PER_WEBHOOK - start) }, (_, offset) => hostileRequest(webhook, random, start + offset));
        const answers = await Promise.all(batch.map(({ request }) => post(server.baseUrl, webhook.path, request).catch((error: Error) => ({ status: 0, text: error.message }))));
        answers.forEach((answer, offset) => {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          // Stack frames, an exception's class (TypeError:, MongoServerError:), the database: not a protocol's own
          // wording of a refusal, such as MCP's "Input validation error: ... expected string" for a tool's arguments.
          const leaksInternals = /\bat .+:\d+:\d+\)|\b(?:[A-Z]\w*)?Error:/.test(answer.text) || /mongo|stack/i.test(answer.text);
          if (answer.status >= 200 && answer.status < 500 && !leaksInternals) held++;
          else failures.push(`#${start + offset} ${batch[offset]!.kind}: ${answer.status} ${answer.text.slice(0, 200)}`);
        });
      }
      await drainBackground();
      const health = await get(server.baseUrl, '/healthz');
      assert.equal(health.status, 200, 'the service still answers after the fuzzing');
      assert.deepEqual(await databaseDigest(), before, 'no hostile payload changed the database');
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no payload polluted Object.prototype');
      outbound.persist(false);
      nock.cleanAll();
      reportCheck(`fuzz ${webhook.name}`, { tried: PAYLOADS_PER_WEBHOOK, held, detail: `statuses ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}` }, failures);
    });
  }

  /** Issue 16 item 3: the longest adversarial texts, each a valid message that a turn must answer quickly. */
  const ADVERSARIAL_TEXTS = [1_900, 20_000].flatMap((length) => [
    '9'.repeat(length),
    '9 '.repeat(length / 2),
    `gift under $${'9'.repeat(length - 12)}`,
    'add coffee '.repeat(Math.floor(length / 11)),
    '\u{1F600}'.repeat(length / 2),
    `text my link code to +${'1'.repeat(length - 22)}`,
  ]);

  it('the adversarial texts of issue 16 on every webhook: answered or refused with a 4xx, never a 5xx, service healthy', async () => {
    const outbound = nock(/^https:/).persist().post(/.*/).reply(200, { message_id: 'mid.fuzz', messages: [{ id: 'wamid.fuzz' }], sid: 'SMfuzz' });
    const failures: string[] = [];
    let tried = 0;
    for (const webhook of WEBHOOKS) {
      for (const [index, text] of ADVERSARIAL_TEXTS.entries()) {
        const body = webhook.validBody(`fuzz-long-${webhook.name}-${index}`, text);
        const answer = await post(server.baseUrl, webhook.path, signedRequest(webhook, webhook.encode(body), body));
        tried++;
        if (answer.status >= 500 || answer.status === 0) failures.push(`${webhook.name} #${index} (${text.length} chars): ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    await drainBackground();
    assert.equal((await get(server.baseUrl, '/healthz')).status, 200);
    outbound.persist(false);
    nock.cleanAll();
    reportCheck('fuzz adversarial texts', { tried, held: tried - failures.length, detail: `${ADVERSARIAL_TEXTS.length} texts on ${WEBHOOKS.length} webhooks` }, failures);
  });

  it('malformed percent-encoding in path parameters (admin, OAuth): a 4xx and no write', async () => {
    const before = await databaseDigest();
    const paths = ['/admin/products/%E0%A4%A', '/admin/products/%', '/admin/customers/%C0%AF/export', '/oauth/interaction/%E0%A4%A/login', '/oauth/interaction/%E0%A4%A'];
    const failures: string[] = [];
    for (const path of paths) {
      for (const method of ['GET', 'PUT', 'POST']) {
        const answer = await post(server.baseUrl, path, { method, body: Buffer.from(method === 'GET' ? '' : '{}'), headers: { 'x-api-key': TEST_ADMIN_KEY, 'content-type': 'application/json' } });
        if (answer.status < 400 || answer.status >= 500 || /\bat .+:\d+:\d+\)|mongo|stack/i.test(answer.text)) failures.push(`${method} ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(await databaseDigest(), before, 'no malformed path changed the database');
    reportCheck('fuzz malformed paths', { tried: paths.length * 3, held: paths.length * 3 - failures.length, detail: 'admin and OAuth path parameters' }, failures);
  });
});
