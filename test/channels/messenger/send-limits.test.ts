import assert from 'node:assert/strict';
import type { ChannelServices } from '../../../src/channels/adapter';
import { channelAdapter } from '../../../src/channels/registry';
import { channelServices } from '../../../src/channels/services';
import { testConfig } from '../../support/config';
import { resetDatabase } from '../../support/database';
import { nock, withFakeHttp } from '../../support/fake-http';

const config = testConfig();
const SEND_PATH = `/${config.GRAPH_API_VERSION}/me/messages`;
const job = { recipientId: 'PSID-7', messages: [{ text: 'Your cart is empty.' }] };
const NOW = new Date('2026-12-07T12:00:00.000Z');

function senderWith(services: ChannelServices) {
  return channelAdapter('messenger')!.sender!(config, services);
}

describe('Messenger Send API limits and throttling', () => {
  withFakeHttp();
  before(resetDatabase);

  it('sends the exact Send API body while within the per-Page rate', async () => {
    const scope = nock('https://graph.facebook.com').post(SEND_PATH, { recipient: { id: 'PSID-7' }, messaging_type: 'RESPONSE', message: { text: 'Your cart is empty.' } }).reply(200, { recipient_id: 'PSID-7', message_id: 'm1' });
    assert.deepEqual(await senderWith(channelServices).send(job, 0, NOW), { ok: true });
    assert.ok(scope.isDone());
  });

  it("holds a send over Meta's 300 calls per second per Page to the next second, without calling Meta", async () => {
    const asked: [string, number, number][] = [];
    const full: ChannelServices = {
      ...channelServices,
      takeRateSlot: async (counted, limit, windowMs) => {
        asked.push([counted, limit, windowMs]);
        return false;
      },
    };
    assert.deepEqual(await senderWith(full).send(job, 0, NOW), { ok: false, retryable: true, retryAfterMs: 1000, error: 'messenger: over 300 Send API calls this second' });
    assert.deepEqual(asked, [['messenger:send-api', 300, 1000]]);
  });

  it('still sends when the allowance cannot be counted (the database is down: the outage apology)', async () => {
    const scope = nock('https://graph.facebook.com').post(SEND_PATH, { recipient: { id: 'PSID-7' }, messaging_type: 'RESPONSE', message: { text: 'Your cart is empty.' } }).reply(200, { recipient_id: 'PSID-7', message_id: 'm2' });
    const down: ChannelServices = { ...channelServices, takeRateSlot: () => Promise.reject(new Error('connection refused')) };
    assert.deepEqual(await senderWith(down).send(job, 0, NOW), { ok: true });
    assert.ok(scope.isDone());
  });

  it('backs off a throttling code for at least a minute, or as long as X-Business-Use-Case-Usage says', async () => {
    const throttled = (headers: Record<string, string>) =>
      nock('https://graph.facebook.com')
        .post(SEND_PATH)
        .reply(400, { error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } }, headers);
    throttled({});
    const plain = await senderWith(channelServices).send(job, 0, NOW);
    assert.deepEqual(plain, { ok: false, retryable: true, retryAfterMs: 60_000, error: 'graph 400 code 613: (#613) Calls to this api have exceeded the rate limit.' });
    throttled({ 'x-business-use-case-usage': JSON.stringify({ '112233': [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 12, estimated_time_to_regain_access: 7 }] }) });
    const told = await senderWith(channelServices).send(job, 0, new Date(NOW.getTime() + 2000));
    assert.deepEqual(told, { ok: false, retryable: true, retryAfterMs: 7 * 60_000, error: 'graph 400 code 613: (#613) Calls to this api have exceeded the rate limit.' });
  });
});
