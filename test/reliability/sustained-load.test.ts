import assert from 'node:assert/strict';
import { OrderModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { testVerifierOptions } from '../support/alexa-requests';
import { addCustomer } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { reportCheck, scaled } from './support/checks';
import { config, post, signedRequest, startWebchatSession, WEBHOOKS, type Webhook, useLoadTestServer } from './support/webhooks';

const DURATION_MS = scaled(8_000, 5 * 60_000);
const SHOPPERS_PER_CHANNEL = scaled(2, 6);
/** A shopper's loop on every channel: look, ask, add, check out, confirm. */
const CONVERSATION = ['show me coffee', 'how much is colombian coffee', 'add 1 colombian coffee', 'checkout', 'yes'];
const CHANNELS = ['sms', 'messenger', 'whatsapp', 'webchat', 'alexa'];

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

describe('reliability: sustained mixed load', function () {
  this.timeout(0);
  withFakeHttp();
  const app = createApp({ config, log: silentLog, outbox: new OutboxDispatcher(outboxSenders(config), silentLog), channelOverrides: { alexa: { verifier: testVerifierOptions } } });
  const server = useLoadTestServer(app);

  it(`${DURATION_MS / 1000} s of shoppers on ${CHANNELS.length} channels at once: no 5xx, consistent orders, memory growth reported`, async () => {
    const sendApi = nock(config.GRAPH_API_BASE_URL).persist().post(/\/messages$/).reply(200, { message_id: 'mid.load', messages: [{ id: 'wamid.load' }] });
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
    await startWebchatSession(server.baseUrl);

    const heapBefore = heapMb();
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const deadline = Date.now() + DURATION_MS;
    let requests = 0;
    const failures: string[] = [];
    await Promise.all(
      shoppers.map(async ({ webhook, userId }) => {
        for (let turn = 0; Date.now() < deadline; turn++) {
          const body = webhook.validBody(userId, CONVERSATION[turn % CONVERSATION.length]!);
          const answer = await post(server.baseUrl, webhook.path, signedRequest(webhook, webhook.encode(body), body));
          requests++;
          if (answer.status >= 500 || answer.status === 0) failures.push(`${webhook.name} ${answer.status} ${answer.text.slice(0, 120)}`);
          if (webhook.name === 'messenger' || webhook.name === 'whatsapp') await drainBackground();
        }
      }),
    );
    await drainBackground();
    sendApi.persist(false);
    nock.cleanAll();
    const heapAfter = heapMb();
    const rssAfter = process.memoryUsage().rss / 2 ** 20;

    const orders = await OrderModel.find({}).lean();
    const inconsistent = orders.filter((order) => !['placed', 'failed'].includes(order.status) || order.totalMinor !== order.lines.reduce((sum, line) => sum + line.lineTotalMinor, 0) + order.taxMinor + order.deliveryFeeMinor);
    assert.deepEqual(inconsistent.map((order) => order.orderNumber), [], 'every order is whole: placed or failed, its total the sum of its parts');
    assert.ok(orders.some((order) => order.status === 'placed'), 'orders went through under load');
    const growth = heapAfter - heapBefore;
    reportCheck('sustained load', {
      tried: requests,
      held: requests - failures.length,
      detail: `${(requests / (DURATION_MS / 1000)).toFixed(1)} req/s for ${DURATION_MS / 1000} s, ${orders.length} orders; heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB, ${((growth * 1024) / requests).toFixed(1)} KB per request${gc ? ', after gc' : ', no --expose-gc'}), RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
    }, failures);
  });
});
