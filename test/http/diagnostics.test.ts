import assert from 'node:assert/strict';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { silentLog, testConfig } from '../support/config';

const PRODUCTION = { NODE_ENV: 'production', VOICE_CODE_PEPPER: 'a-production-pepper', LINK_CODE_PEPPER: 'a-production-link-pepper', ADMIN_API_KEY: 'a-production-admin-key' };

describe('diagnostics (GET /debug/heap)', () => {
  it('is not there unless DIAGNOSTICS=on', async () => {
    const app = createApp({ config: testConfig(), log: silentLog });
    assert.equal((await request(app).get('/debug/heap')).status, 404);
  });

  it('cannot be turned on in production: the configuration is refused, naming the setting', () => {
    assert.throws(() => loadConfig({ ...PRODUCTION, DIAGNOSTICS: 'on' }), (error: unknown) => error instanceof ConfigError && /DIAGNOSTICS: diagnostics are never on in production/.test(error.message));
    assert.equal(loadConfig({ ...PRODUCTION, DIAGNOSTICS: 'off' }).DIAGNOSTICS, 'off');
  });

  it('answers a loopback caller with the heap after a collection (when node runs with --expose-gc)', async () => {
    const app = createApp({ config: testConfig({ DIAGNOSTICS: 'on' }), log: silentLog });
    const answer = await request(app).get('/debug/heap');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.collected, typeof (globalThis as { gc?: unknown }).gc === 'function');
    assert.ok(Number.isInteger(answer.body.heapUsed) && answer.body.heapUsed > 0, 'heapUsed in bytes');
  });
});
