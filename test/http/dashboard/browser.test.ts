import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ShortLinkModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { createCampaign, findCampaign, recordCampaignSend, startCampaign } from '../../../src/services/campaigns';
import { commerceSettings } from '../../../src/services/settings';
import { linkChannels } from '../../../src/channels/registry';
import { createStaffAccount } from '../../../src/services/staff';
import { countInsight } from '../../../src/store/insight-store';
import { startBrowserHarness, type BrowserHarness } from '../../support/chromium';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { nock, withFakeHttp } from '../../support/fake-http';
import { countQueuedOrders } from '../../support/notify';
import { signedInStaff, STAFF_PASSWORD } from '../../support/staff';

/**
 * Issue 20 acceptance, the browser test: activity seeded through real turns and service calls (searches
 * that match, one that matches nothing, one asked back, a cart, a read-back, orders, a handoff with an
 * agent reply, consent given and withdrawn, a campaign with a send, a click and an attributed order, an
 * NPS answer), then a supervisor signs in and every chart of the dashboard shows those numbers.
 */

const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'test-output', 'dashboard.png');
const config = testConfig({ HANDOFF_OPENING_HOURS: 'always' });
const MESSAGES_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const settings = commerceSettings(config, { linkChannels: linkChannels() });
const MINUTE = 60_000;

/** A shopper on the database whose clock starts at `at` (the dashboard's default range ends today). */
function shopper(channel: 'sms' | 'whatsapp', id: string, at: number): Shopper {
  const one = new Shopper(channel, id, { settings });
  one.now = new Date(at);
  return one;
}

/** What a figure's chart says to a screen reader (its svg description). */
async function chartText(page: Page, figure: string): Promise<string> {
  return (await page.locator(`#figure-${figure} svg desc`).textContent()) ?? '';
}

/** The numbers of a figure's table, row by row, as the page shows them. */
async function tableRows(page: Page, figure: string): Promise<string[][]> {
  return page.locator(`#figure-${figure} table tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

describe('the merchant dashboard in a browser (issue 20)', () => {
  withFakeHttp();
  let harness: BrowserHarness | undefined;
  let browser: Browser;
  let baseUrl: string;
  const app = createApp({ config, log: silentLog });

  before(async () => {
    harness = await startBrowserHarness(app);
    ({ baseUrl, browser } = harness);
  });

  after(() => harness?.close());

  it('shows every figure of seeded activity, the unmatched search among them, saves a screenshot, and pauses a campaign', async () => {
    await freshDemoStore();
    nock(config.GRAPH_API_BASE_URL).persist().post(MESSAGES_PATH).reply(200, { messages: [{ id: 'wamid.OUT' }] });
    // Everything happens today (UTC), inside the dashboard's default range: from 30 minutes ago, or midnight if later.
    const today = new Date().toISOString().slice(0, 10);
    const start = Math.max(Date.now() - 30 * MINUTE, Date.parse(`${today}T00:00:00Z`));

    // Dan on SMS: a matched search, an unmatched one, one asked back, a cart, the read-back, an order, and yes to offers.
    await addCustomer({ channel: 'sms', externalId: '+15550001004' });
    const dan = shopper('sms', '+15550001004', start);
    assert.match((await dan.says('show me coffee')).text ?? '', /coffee/i);
    assert.match((await dan.later(1).says('show me unicorn slippers')).text ?? '', /couldn't find "unicorn slippers"/);
    assert.equal((await dan.later(1).says('add batteries')).text, 'Did you mean AA Batteries or AAA Batteries?');
    await dan.later(1).says('2');
    await dan.later(1).says('checkout');
    assert.match((await dan.later(1).says('yes')).text ?? '', /^Done\. Your order number is/);
    await dan.later(1).says('yes');

    // Eve on SMS withdraws consent; Fay on WhatsApp asks for a person, and an agent answers.
    await addCustomer({ channel: 'sms', externalId: '+15550001005' });
    await shopper('sms', '+15550001005', start).says('STOP');
    await addCustomer({ channel: 'whatsapp', externalId: '15550002006' });
    await shopper('whatsapp', '15550002006', start).says('I want to talk to a person');
    const agent = await signedInStaff(app, 'agent');
    const [queued] = (await agent.http.get('/agent/api/conversations').expect(200)).body.queued as { id: string }[];
    await agent.http.post(`/agent/api/conversations/${queued!.id}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
    const replyFrom = Date.now();
    await agent.http.post(`/agent/api/conversations/${queued!.id}/reply`).set('x-csrf-token', agent.csrfToken).send({ messageId: '0b7e1a3c-5f2d-4c1e-9a8b-1d2e3f4a5b6c', text: 'Hi Fay, how can I help?' }).expect(202);
    const replyUntil = Date.now();

    // A campaign to Dan (opted in after his order): its send, his click, and an order within 7 days of the click.
    const campaign = await createCampaign({ name: 'Winter tea', channels: ['sms'], text: 'Winter tea: 10% off.', linkTarget: 'https://shop.example/winter', audience: {}, sendDate: today, sendTime: '00:00' });
    const started = await startCampaign(campaign.campaignId, new Date());
    assert.deepEqual(started.ok && started.queued, 1);
    const link = await ShortLinkModel.findOne({ campaignId: campaign.campaignId }).lean();
    await recordCampaignSend({ campaignId: campaign.campaignId, customerId: link!.customerId!, channel: 'sms', at: new Date() });
    await request(app).get(`/l/${link!.code}`).expect(302);
    dan.now = new Date();
    await dan.says('add 1 colombian coffee');
    await dan.later(1).says('checkout');
    assert.match((await dan.later(1).says('yes')).text ?? '', /^Done\. Your order number is/);

    // The outbox worker counts both orders (and credits the second to the campaign).
    assert.equal(await countQueuedOrders(config), 2);

    // An NPS answer of 9 (recorded as the NPS question's answer would be).
    await countInsight(today, 'nps:score', '9');

    await createStaffAccount({ name: 'Sue Supervisor', email: 'sue@shop.example', password: STAFF_PASSWORD, role: 'supervisor' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${baseUrl}/admin/dashboard`);
      await page.getByLabel('E-mail address').fill('sue@shop.example');
      await page.getByLabel('Password').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Merchant dashboard' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/admin/dashboard');

      // Every figure has its chart and shows the seeded numbers (its table is its CSV export).
      for (const figure of ['conversations', 'funnel', 'revenue', 'top-searches', 'unmatched-searches', 'asked-back-searches', 'handoff', 'consent', 'campaigns', 'nps', 'message-spend']) {
        assert.equal(await page.locator(`#figure-${figure} svg[role="img"]`).count(), 1, `${figure} has its chart`);
      }
      assert.deepEqual(await tableRows(page, 'conversations'), [[today, 'sms', '2'], [today, 'whatsapp', '1']]);
      assert.match(await chartText(page, 'conversations'), new RegExp(`${today}: 3 \\(sms 2, whatsapp 1\\)`));
      assert.deepEqual(await tableRows(page, 'funnel'), [['sms', '1', '2', '2', '2']]);
      assert.deepEqual(await tableRows(page, 'revenue'), [['sms', 'USD', '3377', '2']]);
      assert.match(await chartText(page, 'revenue'), /\$33\.77/);
      assert.deepEqual(await tableRows(page, 'top-searches'), [['Colombian Coffee', '2']]);
      assert.deepEqual(await tableRows(page, 'unmatched-searches'), [['unicorn slippers', '1']]);
      assert.match(await chartText(page, 'unmatched-searches'), /unicorn slippers: 1/);
      assert.deepEqual(await tableRows(page, 'asked-back-searches'), [['batteries', '1']]);
      const [handoff] = await tableRows(page, 'handoff');
      assert.deepEqual(handoff!.slice(0, 4), ['3', '1', '0.3333', '1']);
      const waited = Number(handoff![4]);
      assert.ok(waited >= Math.floor((replyFrom - start) / 1000) && waited <= Math.ceil((replyUntil - start) / 1000), `the first reply came ${waited} s after the shopper asked`);
      assert.match((await page.locator('#figure-handoff .headline').textContent()) ?? '', /^Handoff rate: 33\.3%\. Average time to first agent reply: \d+ s\.$/);
      assert.deepEqual(await tableRows(page, 'consent'), [['sms', 'post-order', '1', '0'], ['sms', 'stop', '0', '1']]);
      assert.deepEqual(await tableRows(page, 'campaigns'), [[campaign.campaignId, 'Winter tea', '1', '1', '1', 'USD', '1905']]);
      assert.equal((await tableRows(page, 'nps'))[9]!.join(), '9,1');
      assert.equal((await page.locator('#figure-nps .headline').textContent()) ?? '', 'NPS: 100 from 1 answers (1 promoters, 0 passives, 0 detractors).');
      assert.deepEqual(await tableRows(page, 'message-spend'), [['whatsapp', 'service', 'USD', '1', '0']]);

      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(existsSync(SCREENSHOT));

      // The campaigns page: the campaign's figures, and its pause button works from the browser (the form's CSRF token and Origin).
      await page.getByRole('link', { name: 'Campaigns' }).click();
      await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
      assert.deepEqual((await page.locator('tbody tr').first().locator('td').allTextContents()).slice(0, 7), ['running', 'sms', `${today} 00:00`, '1', '1', '1', '$19.05']);
      await page.getByRole('button', { name: 'Pause Winter tea' }).click();
      await page.locator('p[role="status"]', { hasText: 'Paused.' }).waitFor();
      assert.equal(await page.locator('#campaign-status').textContent(), 'paused');
      assert.equal((await findCampaign(campaign.campaignId))?.status, 'paused');
    } finally {
      await page.close();
    }
  });
});
