import assert from 'node:assert/strict';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { testVerifierOptions } from '../support/alexa-requests';
import { seededRandom } from '../support/seeded-random';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { databaseDigest, reportCheck, scaled } from './support/checks';
import { hostileRequest } from './support/hostile';
import { config, get, post, startWebchatSession, WEBHOOKS, useLoadTestServer } from './support/webhooks';

const PAYLOADS_PER_WEBHOOK = scaled(123, 10_000);
const IN_FLIGHT = 8;

describe('reliability: hostile payloads on every webhook', function () {
  this.timeout(0);
  withFakeHttp();
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog);
  const app = createApp({ config, log: silentLog, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions } } });
  const server = useLoadTestServer(app);
  before(() => startWebchatSession(server.baseUrl));

  for (const webhook of WEBHOOKS) {
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
          const leaksInternals = /\bat .+:\d+:\d+\)|Error:|mongo|stack/i.test(answer.text);
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
});
