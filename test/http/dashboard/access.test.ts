import assert from 'node:assert/strict';
import request from 'supertest';
import { CampaignModel, OutboxModel, ShortLinkModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { CAMPAIGN_JOB_KIND, campaignJobKey, createCampaign, findCampaign } from '../../../src/services/campaigns';
import { insertShortLink } from '../../../src/store/campaign-store';
import { enqueueJob } from '../../../src/store/outbox-store';
import { recordConsent } from '../../../src/store/consent-store';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { browserAgent, signedInStaff, signInFormToken, STAFF_PASSWORD, type SignedInStaff } from '../../support/staff';

/**
 * Issue 20 item 9, the merchant dashboard's access rules: supervisors and admins signed in through the
 * staff sign-in only (never the admin API key, and a staff session never opens the admin API), CSRF
 * and same-site origin on every action, bad ranges refused with a page, and the CSV export.
 */

const app = createApp({ config: testConfig(), log: silentLog });
const RANGE = 'from=2026-11-23&to=2026-11-24';

describe('the merchant dashboard: access, ranges, actions and CSV (issue 20)', () => {
  let supervisor: SignedInStaff;
  let agent: SignedInStaff;

  before(async () => {
    await freshDemoStore();
    supervisor = await signedInStaff(app, 'supervisor');
    agent = await signedInStaff(app, 'agent');
  });

  it('sends a browser without a session to the staff sign-in and back, answers the export and actions 401, and never opens for the admin API key', async () => {
    const page = await request(app).get(`/admin/dashboard?${RANGE}`).set('accept', 'text/html');
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, `/staff/sign-in?next=${encodeURIComponent(`/admin/dashboard?${RANGE}`)}`);
    assert.equal((await request(app).get('/admin/dashboard/campaigns')).headers.location, '/staff/sign-in?next=%2Fadmin%2Fdashboard%2Fcampaigns');
    assert.equal((await request(app).get('/admin/dashboard/export/funnel.csv')).status, 401);
    assert.equal((await request(app).post('/admin/dashboard/campaigns/AAAAAAAAAAAAAAAA/start').type('form').send({ _csrf: 'x' })).status, 401);

    const withKey = await request(app).get('/admin/dashboard').set('x-api-key', TEST_ADMIN_KEY);
    assert.equal(withKey.status, 303, 'the admin API key is no sign-in');
    assert.equal((await request(app).get('/admin/dashboard/export/funnel.csv').set('x-api-key', TEST_ADMIN_KEY)).status, 401);
    assert.equal((await request(app).get('/admin/dashboard/no-such-page').set('x-api-key', TEST_ADMIN_KEY)).status, 404, 'nothing under the path falls through to the admin API');

    // Signing in returns to the dashboard; a return path to another site is not followed.
    const browser = browserAgent(app);
    const { staff } = await signedInStaff(app, 'admin');
    const _csrf = await signInFormToken(browser);
    const signIn = await browser.post('/staff/sign-in').type('form').send({ email: staff.email, password: STAFF_PASSWORD, _csrf, next: `/admin/dashboard?${RANGE}` });
    assert.equal(signIn.headers.location, `/admin/dashboard?${RANGE}`);
    const elsewhere = await browser.post('/staff/sign-in').type('form').send({ email: staff.email, password: STAFF_PASSWORD, _csrf, next: '//evil.example/admin/dashboard' });
    assert.equal(elsewhere.headers.location, '/agent');
  });

  it('shows an agent a 403 page, and a supervisor every figure with the security headers; a staff session opens no admin API route', async () => {
    const refused = await agent.http.get('/admin/dashboard');
    assert.equal(refused.status, 403);
    assert.match(refused.headers['content-type']!, /^text\/html/);
    assert.match(refused.text, /<p role="alert">Your role may not use this\.<\/p>/);
    assert.equal((await agent.http.get('/admin/dashboard/export/funnel.csv')).status, 403);

    const shown = await supervisor.http.get(`/admin/dashboard?${RANGE}`).expect(200);
    assert.equal(shown.headers['content-security-policy'], "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    assert.equal(shown.headers['x-frame-options'], 'DENY');
    assert.equal(shown.headers['cache-control'], 'no-store');
    assert.doesNotMatch(shown.text, /<script/);
    const sections = [...shown.text.matchAll(/<section class="figure" id="figure-([a-z-]+)"/g)].map((match) => match[1]);
    assert.deepEqual(sections, ['conversations', 'funnel', 'revenue', 'top-searches', 'unmatched-searches', 'asked-back-searches', 'handoff', 'consent', 'campaigns', 'nps', 'message-spend']);
    assert.equal((shown.text.match(/<svg [^>]*role="img"/g) ?? []).length, sections.length);
    assert.equal((await supervisor.http.get('/admin/dashboard/static/dashboard.css').expect(200)).headers['content-type'], 'text/css; charset=utf-8');

    assert.equal((await supervisor.http.get('/admin/campaigns/AAAAAAAAAAAAAAAA')).status, 401, 'the admin API wants its key, not a session');
    assert.equal((await supervisor.http.get('/admin/insights/searches?from=2026-11-23&to=2026-11-23')).status, 401);
  });

  it('refuses a reversed, too long, impossible or unknown range with a 400 page', async () => {
    for (const query of ['from=2026-11-24&to=2026-11-23', 'from=2026-01-01&to=2026-04-30', 'from=2026-02-30&to=2026-03-01', 'from=yesterday', `${RANGE}&extra=1`]) {
      const res = await supervisor.http.get(`/admin/dashboard?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.text, /<p role="alert">The /, query);
    }
    assert.equal((await supervisor.http.get('/admin/dashboard?from=2026-01-01&to=2026-04-01')).status, 200, '92 days is allowed');
  });

  it('exports a figure as CSV for the range, a typed formula kept as text', async () => {
    const shopper = new Shopper('sms', '+15550001001');
    await shopper.says('show me unicorn slippers');
    await shopper.says('show me =HYPERLINK("x")');
    const csv = await supervisor.http.get(`/admin/dashboard/export/unmatched-searches.csv?${RANGE}`).expect(200);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="unmatched-searches-2026-11-23-2026-11-24.csv"');
    assert.equal(csv.text, 'term,count\r\n"\'=hyperlink(""x"")",1\r\nunicorn slippers,1\r\n');
    assert.equal((await supervisor.http.get('/admin/dashboard/export/passwords.csv')).status, 400);
    assert.equal((await supervisor.http.get('/admin/dashboard/export/funnel.csv?from=2026-11-24&to=2026-11-23')).status, 400);
  });

  it('starts, pauses, resumes and cancels a campaign and queues a test send, only with the CSRF token from this site', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+15550009001' });
    await recordConsent({ customerId, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text, reply STOP to end' }, new Date('2026-11-20T12:00:00Z'));
    const { campaignId } = await createCampaign({ name: 'Winter <tea>', channels: ['sms'], text: 'Winter tea: 10% off.', audience: { locale: 'en-US' }, sendDate: '2026-12-24', sendTime: '10:00' });
    const action = (name: string) => `/admin/dashboard/campaigns/${campaignId}/${name}`;

    const list = await supervisor.http.get('/admin/dashboard/campaigns').expect(200);
    assert.match(list.text, /Winter &lt;tea&gt;<\/a><\/th>\n<td>draft<\/td><td>sms<\/td><td>2026-12-24 10:00<\/td>/);
    const detail = await supervisor.http.get(`/admin/dashboard/campaigns/${campaignId}?preview=1`).expect(200);
    assert.match(detail.text, /<tr><th scope="row">sms<\/th><td>1<\/td><\/tr>/, 'the audience preview per channel');
    assert.match(detail.text, /<dd id="campaign-filters">locale: en-US<\/dd>/);

    assert.equal((await supervisor.http.post(action('start')).type('form').send({})).status, 403, 'no CSRF token');
    assert.equal((await supervisor.http.post(action('start')).set('origin', 'https://evil.example').type('form').send({ _csrf: supervisor.csrfToken })).status, 403, 'another site');
    assert.equal((await agent.http.post(action('start')).type('form').send({ _csrf: agent.csrfToken })).status, 403, 'an agent');
    assert.equal((await findCampaign(campaignId))?.status, 'draft');

    const started = await supervisor.http.post(action('start')).type('form').send({ _csrf: supervisor.csrfToken }).expect(303);
    assert.equal(started.headers.location, `/admin/dashboard/campaigns/${campaignId}?done=start&queued=1`);
    assert.match((await supervisor.http.get(started.headers.location!).expect(200)).text, /<p role="status" class="notice">Started\. 1 sends queued\.<\/p>/);
    assert.equal((await findCampaign(campaignId))?.status, 'running');
    assert.equal((await supervisor.http.post(action('resume')).type('form').send({ _csrf: supervisor.csrfToken })).status, 409, 'a running campaign cannot resume');
    for (const [name, status] of [['pause', 'paused'], ['resume', 'running'], ['cancel', 'cancelled']] as const) {
      await supervisor.http.post(action(name)).type('form').send({ _csrf: supervisor.csrfToken }).expect(303);
      assert.equal((await findCampaign(campaignId))?.status, status, name);
    }

    assert.equal((await supervisor.http.post(action('test')).type('form').send({ _csrf: supervisor.csrfToken, staffNumber: '555' })).status, 400);
    const abroad = await supervisor.http.post(action('test')).type('form').send({ _csrf: supervisor.csrfToken, staffNumber: '+18765550100' });
    assert.equal(abroad.status, 400, 'a Caribbean +1 number is outside OUTBOUND_COUNTRY_PREFIXES');
    assert.match(abroad.text, /Test sends go only to numbers in the countries messages may go to/);
    await supervisor.http.post(action('test')).type('form').send({ _csrf: supervisor.csrfToken, staffNumber: '+15550007777' }).expect(303);
    const tests = await OutboxModel.find({ jobKey: new RegExp(`^campaign-test:${campaignId}:`) }).lean();
    assert.deepEqual(tests.map((job) => job.payload), [{ campaignId, customerId: '', channel: 'sms', testAddress: '+15550007777' }]);
  });
  it('counts the audience only when asked, and a Start cut off half way finishes on a second Start, queueing and linking each customer once', async () => {
    const customers = [await addCustomer({ channel: 'sms', externalId: '+15550009101' }), await addCustomer({ channel: 'sms', externalId: '+15550009102' })];
    for (const customerId of customers) await recordConsent({ customerId, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text, reply STOP to end' }, new Date('2026-11-20T12:00:00Z'));
    const { campaignId } = await createCampaign({ name: 'Spring', channels: ['sms'], text: 'Spring tea.', linkTarget: 'https://shop.example/spring', audience: {}, sendDate: '2026-12-24', sendTime: '10:00' });
    const page = `/admin/dashboard/campaigns/${campaignId}`;

    const plain = await supervisor.http.get(page).expect(200);
    assert.doesNotMatch(plain.text, /Audience now/, 'no audience loop on a plain load');
    assert.match(plain.text, new RegExp(`<a href="${page}\\?from=[0-9-]+&amp;to=[0-9-]+&amp;preview=1">Count the audience now</a>`));
    const counted = await supervisor.http.get(`${page}?preview=1`).expect(200);
    const audience = Number(/<tr><th scope="row">sms<\/th><td>(\d+)<\/td><\/tr>/.exec(counted.text)?.[1]);
    assert.ok(audience >= 2, counted.text);

    // A campaign an earlier release started (running, no queuedAt at all) is done: nothing to finish, Start refused.
    await CampaignModel.updateOne({ campaignId }, { $set: { status: 'running' } });
    assert.doesNotMatch((await supervisor.http.get(page).expect(200)).text, /Finish queueing/);
    assert.equal((await supervisor.http.post(`${page}/start`).type('form').send({ _csrf: supervisor.csrfToken })).status, 409);

    // A Start cut off after its first customer: running and under way (queuedAt null), that customer's link and job.
    await CampaignModel.updateOne({ campaignId }, { $set: { status: 'running', queuedAt: null } });
    await insertShortLink({ code: 'cutOffLink01', campaignId, customerId: customers[0], target: 'https://shop.example/spring', medium: 'sms' });
    const payload = { campaignId, customerId: String(customers[0]), channel: 'sms', linkCode: 'cutOffLink01' };
    await enqueueJob({ jobKey: campaignJobKey(campaignId, customers[0]!), kind: CAMPAIGN_JOB_KIND, customerId: customers[0], payload }, new Date());
    assert.match((await supervisor.http.get(page).expect(200)).text, /aria-label="Finish queueing Spring">Finish queueing<\/button>/);

    // A double click: one Start finishes the queueing, the other is refused.
    const start = () => supervisor.http.post(`${page}/start`).type('form').send({ _csrf: supervisor.csrfToken });
    const answers = await Promise.all([start(), start()]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [303, 409]);
    assert.equal(answers.find((answer) => answer.status === 303)!.headers.location, `${page}?done=start&queued=${audience - 1}`);
    const jobs = await OutboxModel.find({ jobKey: new RegExp(`^campaign:${campaignId}:`) }).lean();
    assert.equal(jobs.length, audience);
    assert.deepEqual(jobs.find((job) => job.jobKey === campaignJobKey(campaignId, customers[0]!))!.payload, payload);
    assert.equal(await ShortLinkModel.countDocuments({ campaignId }), audience, 'one link per customer');

    assert.equal((await start()).status, 409, 'started for good');
    assert.doesNotMatch((await supervisor.http.get(page).expect(200)).text, /Finish queueing/);
  });
});
