import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../support/config';
import { Shopper } from '../support/conversation';
import { InMemoryTurns } from '../support/in-memory-unit-of-work';

/** Issue 20 item 9, insights: the searches that matched nothing, counted per day as turns happen, from the admin API as JSON and CSV. */

const app = createApp({ config: testConfig(), log: silentLog });
const searches = (query: string) => request(app).get(`/admin/insights/searches?${query}`).set('x-api-key', TEST_ADMIN_KEY);

describe('insights: top unmatched searches (issue 20)', () => {
  before(freshDemoStore);

  it('counts what shoppers asked for that the catalog lacks, per day, and exports it as CSV', async () => {
    const turns = new InMemoryTurns();
    const ann = new Shopper('sms', '+15550001001', { work: turns.open });
    const ben = new Shopper('whatsapp', '15550002002', { work: turns.open });
    assert.match((await ann.says('show me unicorn slippers')).text ?? '', /couldn't find "unicorn slippers"/);
    await ben.says('show me Unicorn  Slippers');
    await ben.says('show me =HYPERLINK("x")');
    await ann.says('show me coffee');
    ann.later(24 * 60);
    await ann.says('show me unicorn slippers');

    const oneDay = await searches('from=2026-11-23&to=2026-11-23').expect(200);
    assert.deepEqual(oneDay.body.searches, [
      { term: 'unicorn slippers', count: 2 },
      { term: '=hyperlink("x")', count: 1 },
    ]);
    const twoDays = await searches('from=2026-11-23&to=2026-11-24').expect(200);
    assert.deepEqual(twoDays.body.searches[0], { term: 'unicorn slippers', count: 3 });

    const csv = await searches('from=2026-11-23&to=2026-11-24&format=csv').expect(200);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    assert.equal(csv.text, 'term,count\r\nunicorn slippers,3\r\n"\'=hyperlink(""x"")",1\r\n');
    assert.equal((await searches('from=2026-11-24&to=2026-11-23')).status, 400);
    assert.equal((await request(app).get('/admin/insights/searches?from=2026-11-23&to=2026-11-23')).status, 401);
  });
});
