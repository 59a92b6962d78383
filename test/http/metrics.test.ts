import assert from 'node:assert/strict';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { freshDemoStore } from '../support/commerce';
import { TEST_ADMIN_KEY, TEST_METRICS_TOKEN, silentLog, testConfig } from '../support/config';

const app = createApp({ config: testConfig(), log: silentLog });

async function scrape(): Promise<string> {
  const res = await request(app).get('/metrics').set('authorization', `Bearer ${TEST_METRICS_TOKEN}`);
  assert.equal(res.status, 200, res.text);
  return res.text;
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when there is none yet. */
function sample(exposition: string, name: string, labels: Record<string, string>): number {
  const matches = exposition
    .split('\n')
    .map((line) => /^(\w+)\{(.*)\} (\S+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[1] === name)
    .filter((match) => Object.entries(labels).every(([key, value]) => match[2]!.split(',').includes(`${key}="${value}"`)));
  assert.ok(matches.length <= 1, `one sample of ${name} ${JSON.stringify(labels)}, got ${matches.length}`);
  return matches.length === 0 ? 0 : Number(matches[0]![3]);
}

describe('GET /metrics', () => {
  beforeEach(freshDemoStore);

  it('answers only with the metrics token as a Bearer token (as Prometheus sends it), never with the admin API key', async () => {
    const missing = await request(app).get('/metrics');
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'UNAUTHENTICATED');
    assert.equal((await request(app).get('/metrics').set('x-api-key', TEST_METRICS_TOKEN)).status, 401, 'the token goes in Authorization only');
    const wrong = await request(app).get('/metrics').set('authorization', 'Bearer not-the-token');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'FORBIDDEN');
    assert.equal((await request(app).get('/metrics').set('authorization', `Bearer ${TEST_ADMIN_KEY}`)).status, 403, 'the admin key cannot scrape');
    assert.equal((await request(app).get('/metrics').set('x-api-key', TEST_ADMIN_KEY)).status, 401);

    const scraped = await request(app).get('/metrics').set('authorization', `Bearer ${TEST_METRICS_TOKEN}`);
    assert.equal(scraped.status, 200);
    assert.equal(scraped.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(scraped.text, /^# TYPE process_cpu_user_seconds_total counter$/m, 'the process default metrics');
    assert.match(scraped.text, /^nodejs_heap_size_used_bytes \d+/m);
  });

  it('counts a web chat turn by channel and outcome, and its request under the route pattern', async () => {
    const before = await scrape();
    const session = await request(app).post('/webchat/sessions').send({});
    assert.equal(session.status, 201, session.text);
    const turn = await request(app).post('/webchat').set('authorization', `Bearer ${session.body.token}`).send({ messageId: 'metrics-1', text: 'show me coffee' });
    assert.equal(turn.status, 200, turn.text);
    const after = await scrape();

    const turns = { channel: 'webchat', outcome: 'answered' };
    assert.equal(sample(after, 'commerce_turn_duration_seconds_count', turns), sample(before, 'commerce_turn_duration_seconds_count', turns) + 1);
    const posts = { method: 'POST', route: '/webchat', status: '200' };
    assert.equal(sample(after, 'http_request_duration_seconds_count', posts), sample(before, 'http_request_duration_seconds_count', posts) + 1);
    const sessions = { method: 'POST', route: '/webchat/sessions', status: '201' };
    assert.equal(sample(after, 'http_request_duration_seconds_count', sessions), sample(before, 'http_request_duration_seconds_count', sessions) + 1);
  });

  it('labels requests with route patterns, never the path a caller sent', async () => {
    await request(app).get('/admin/products/NO-SUCH-SKU-7').set('x-api-key', TEST_ADMIN_KEY).expect(404);
    await request(app).get('/made-up/path-8812').expect(404);
    await request(app).get('/ADMIN/Products/NO-SUCH-SKU-7').expect(401);
    const exposition = await scrape();

    assert.ok(sample(exposition, 'http_request_duration_seconds_count', { method: 'GET', route: '/admin/products/:sku', status: '404' }) >= 1);
    assert.ok(sample(exposition, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' }) >= 1);
    assert.ok(sample(exposition, 'http_request_duration_seconds_count', { method: 'GET', route: '/admin/*', status: '401' }) >= 1, 'refused before any admin route matched');
    assert.doesNotMatch(exposition, /NO-SUCH-SKU-7|path-8812/i);
  });

  it('refuses every scrape in production when no metrics token is set', async () => {
    const production = createApp({ config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', VOICE_CODE_PEPPER: 'pepper-pepper-pepper', LINK_CODE_PEPPER: 'link-pepper-link-pepper', ADMIN_API_KEY: 'admin-key-admin-key' }), log: silentLog });
    assert.equal((await request(production).get('/metrics').set('authorization', 'Bearer admin-key-admin-key')).status, 403);
    assert.equal((await request(production).get('/metrics').set('authorization', `Bearer ${TEST_METRICS_TOKEN}`)).status, 403, 'no development token in production');
  });

  it('counts outbox sends by kind and result', async () => {
    const outbox = new OutboxDispatcher(
      {
        delivered: { messageCount: () => 1, send: async () => ({ ok: true }) },
        refused: { messageCount: () => 1, send: async () => ({ ok: false, retryable: false, error: 'recipient unknown' }) },
      },
      silentLog,
    );
    const before = await scrape();
    await outbox.enqueue({ jobKey: 'metrics:delivered', kind: 'delivered', payload: {} });
    await outbox.enqueue({ jobKey: 'metrics:refused', kind: 'refused', payload: {} });
    const after = await scrape();

    for (const labels of [{ kind: 'delivered', result: 'sent' }, { kind: 'refused', result: 'dead' }]) {
      assert.equal(sample(after, 'commerce_outbox_sends_total', labels), sample(before, 'commerce_outbox_sends_total', labels) + 1, JSON.stringify(labels));
    }
  });
});
