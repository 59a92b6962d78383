import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';

/** One web chat session per client address per hour, so a second session shows whether two requests counted as one client. */
function appWith(trustProxy: string) {
  return createApp({ config: testConfig({ TRUST_PROXY: trustProxy, WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: '1' }), log: silentLog });
}

async function openSession(app: ReturnType<typeof appWith>, forwardedFor: string): Promise<number> {
  return (await request(app).post('/webchat/sessions').set('x-forwarded-for', forwardedFor).send({})).status;
}

describe('TRUST_PROXY: whose address the per-address limits count', () => {
  beforeEach(freshDemoStore);

  it('off (the default): X-Forwarded-For is ignored, so two visitors behind one proxy share its allowance', async () => {
    const app = appWith('off');
    assert.equal(await openSession(app, '203.0.113.1'), 201);
    assert.equal(await openSession(app, '203.0.113.2'), 429);
  });

  it('trusting the proxy by address: each visitor it forwards has an allowance of their own', async () => {
    const app = appWith('127.0.0.1');
    assert.equal(await openSession(app, '203.0.113.1'), 201);
    assert.equal(await openSession(app, '203.0.113.2'), 201);
    assert.equal(await openSession(app, '198.51.100.7, 203.0.113.1'), 429, 'the nearest untrusted address counts, not what the visitor wrote first');
  });

  it('trusting one hop: each forwarded visitor has an allowance of their own', async () => {
    const app = appWith('1');
    assert.equal(await openSession(app, '203.0.113.1'), 201);
    assert.equal(await openSession(app, '203.0.113.2'), 201);
    assert.equal(await openSession(app, '203.0.113.2'), 429);
  });

  it('a header from a peer that is not a trusted proxy is ignored: a caller cannot claim another address', async () => {
    const app = appWith('10.0.0.0/8');
    assert.equal(await openSession(app, '203.0.113.1'), 201);
    assert.equal(await openSession(app, '203.0.113.2'), 429);
  });
});
