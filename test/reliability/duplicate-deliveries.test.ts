import assert from 'node:assert/strict';
import { ChannelIdentityModel, OrderModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { seededRandom } from '../support/seeded-random';
import { addCustomer } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { reportCheck, scaled } from './support/checks';
import { config, post, signedRequest, WEBHOOKS, type RawRequest, useLoadTestServer } from './support/webhooks';

const CONVERSATIONS_PER_CHANNEL = scaled(3, 40);
const COPIES = 3;
const ORDER_CONVERSATION = ['add 2 colombian coffee', 'checkout', 'yes'];
const MESSAGING = WEBHOOKS.filter((webhook) => ['messenger', 'instagram', 'whatsapp', 'sms'].includes(webhook.name));

/** Who a captured Send API / Cloud API request was for. */
const recipientOf = (body: { recipient?: { id: string }; to?: string }) => body.recipient?.id ?? body.to ?? '';
const userIdFor = (channel: string, index: number) => (channel === 'sms' ? `+1555020${String(index).padStart(4, '0')}` : channel === 'whatsapp' ? `1555030${String(index).padStart(4, '0')}` : `PSID-DUP-${channel}-${index}`);

describe('reliability: duplicate and out-of-order deliveries', function () {
  this.timeout(0);
  withFakeHttp();
  const outbox = new OutboxDispatcher(outboxSenders(config), silentLog);
  const app = createApp({ config, log: silentLog, outbox });
  const server = useLoadTestServer(app);

  for (const webhook of MESSAGING) {
    it(`${webhook.name}: every message delivered ${COPIES} times, late copies after later messages: one order, one reply per message`, async () => {
      const replies = new Map<string, number>();
      const sendApi = nock(config.GRAPH_API_BASE_URL)
        .persist()
        .post(/\/messages$/, (body: { recipient?: { id: string }; to?: string; sender_action?: string }) => {
          if (!body.sender_action) replies.set(recipientOf(body), (replies.get(recipientOf(body)) ?? 0) + 1);
          return true;
        })
        .reply(200, { message_id: 'mid.reply', messages: [{ id: 'wamid.reply' }] });
      const random = seededRandom(webhook.name.length);

      const conversations = Array.from({ length: CONVERSATIONS_PER_CHANNEL }, async (_, index) => {
        const userId = userIdFor(webhook.name, index);
        await addCustomer({ channel: webhook.name as Channel, externalId: userId });
        const messages: RawRequest[] = ORDER_CONVERSATION.map((text) => {
          const body = webhook.validBody(userId, text);
          const raw = webhook.encode(body);
          return signedRequest(webhook, raw, body);
        });
        let synchronousReplies = 0;
        const deliver = async (message: RawRequest) => {
          const answer = await post(server.baseUrl, webhook.path, message);
          assert.equal(answer.status, 200, answer.text);
          if (/<Message>/.test(answer.text)) synchronousReplies++;
        };
        for (const [position, message] of messages.entries()) {
          // Copies race each other; a late copy of the previous message arrives after this one.
          await Promise.all(Array.from({ length: COPIES - 1 }, () => deliver(message)));
          await drainBackground();
          if (position > 0 && random() < 0.7) await deliver(messages[position - 1]!);
          else await deliver(message);
          await drainBackground();
        }
        await deliver(messages[0]!);
        await drainBackground();
        return { userId, synchronousReplies };
      });
      const outcomes = await Promise.all(conversations);
      await drainBackground();

      const placed = await OrderModel.find({ channel: webhook.name as Channel }).lean();
      const failures: string[] = [];
      let held = 0;
      for (const { userId, synchronousReplies } of outcomes) {
        const identity = await ChannelIdentityModel.findOne({ channel: webhook.name as Channel, externalId: userId }).lean();
        const orders = placed.filter((order) => identity && String(order.customerId) === String(identity.customerId));
        const replyCount = webhook.name === 'sms' ? synchronousReplies : (replies.get(userId) ?? 0);
        if (replyCount === ORDER_CONVERSATION.length && orders.length === 1 && orders[0]!.status === 'placed') held++;
        else failures.push(`${userId}: ${replyCount} replies to ${ORDER_CONVERSATION.length} messages, ${orders.length} orders`);
      }
      sendApi.persist(false);
      nock.cleanAll();
      reportCheck(`duplicates ${webhook.name}`, { tried: CONVERSATIONS_PER_CHANNEL, held, detail: `${CONVERSATIONS_PER_CHANNEL * (ORDER_CONVERSATION.length * COPIES + 1)} deliveries, ${placed.length} orders` }, failures);
    });
  }
});
