import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { CampaignSendModel, ConsentRecordModel, LinkClickModel, OutboxModel, ShortLinkModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { changeCampaign, followShortLink, startCampaign } from '../../src/services/campaigns';
import { insertShortLink, latestClickOf } from '../../src/store/campaign-store';
import { recordConsent } from '../../src/store/consent-store';
import { resetDatabase } from '../support/database';
import { silentLog, TEST_ADMIN_KEY } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { customerOn, dispatcherFor, NOON_NEW_YORK, notifyConfig, placedOrder, wroteAt } from '../support/notify';
import { textSms } from '../support/twilio-webhooks';

/**
 * Issue 20 item 1 and 2, the consent tests: a campaign reaches only customers opted in to marketing on
 * that channel, a STOP between scheduling and sending stops the send, a +1 WhatsApp number never gets
 * a marketing template, quiet hours and the weekly cap hold, every send, click and attributed order is
 * recorded once; short links redirect with UTM parameters and opt out in one tap.
 */

const config = notifyConfig({ OUTBOUND_COUNTRY_PREFIXES: '+1,+44', CAMPAIGN_WEEKLY_CAP: '1' });
const app = createApp({ config, log: silentLog });
const admin = {
  post: (url: string, body: object = {}) => request(app).post(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY).send(body),
  get: (url: string) => request(app).get(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY),
};
const GRAPH = 'https://graph.facebook.com';
const WHATSAPP_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const TWILIO = 'https://api.twilio.com';
const TWILIO_PATH = `/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;
/** 12:30 in New York on the test day (16:30 UTC), and a minute after. */
const SEND_AT = { sendDate: '2026-06-15', sendTime: '12:30' };
const DUE = new Date('2026-06-15T16:31:00Z');

async function optedIn(identities: Parameters<typeof customerOn>[0], channel: string): Promise<Types.ObjectId> {
  const customerId = await customerOn(identities);
  await recordConsent({ customerId, channel, purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text, reply STOP to end' }, new Date('2026-06-01T12:00:00Z'));
  return customerId;
}

async function campaign(body: object = {}): Promise<string> {
  const res = await admin.post('/campaigns', { name: 'Summer', channels: ['sms', 'whatsapp'], text: 'Summer sale: 20% off iced tea.', whatsappTemplate: 'summer_offer', linkTarget: 'https://shop.example/summer', ...SEND_AT, ...body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.campaignId as string;
}

/** Every SMS and WhatsApp request the sends make, as sent. */
function fakePlatforms() {
  const sms: Record<string, string>[] = [];
  const whatsapp: { to: string; type: string; template?: { name: string; components: { parameters: { text: string }[] }[] } }[] = [];
  nock(TWILIO)
    .persist()
    .post(TWILIO_PATH, (body: Record<string, string>) => sms.push(body) > 0)
    .reply(201, { sid: 'SM1' });
  nock(GRAPH)
    .persist()
    .post(WHATSAPP_PATH, (body: (typeof whatsapp)[number]) => whatsapp.push(body) > 0)
    .reply(200, { messages: [{ id: 'wamid.1' }] });
  return { sms, whatsapp };
}

async function jobStatus(campaignId: string, customerId: Types.ObjectId): Promise<string | undefined> {
  return (await OutboxModel.findOne({ jobKey: `campaign:${campaignId}:${String(customerId)}` }).lean())?.status;
}

describe('campaigns and short links (issue 20)', () => {
  withFakeHttp();
  beforeEach(resetDatabase);

  it('reaches only marketing opt-ins, once each, at local time; a STOP after scheduling and a +1 WhatsApp number get nothing', async () => {
    const ann = await optedIn({ sms: '+15550001001' }, 'sms');
    const eve = await optedIn({ sms: '+15550001005' }, 'sms');
    const ben = await optedIn({ whatsapp: '15550002002' }, 'whatsapp');
    const cara = await optedIn({ whatsapp: '447700900003' }, 'whatsapp');
    const dan = await customerOn({ sms: '+15550001004' });
    const id = await campaign();

    assert.deepEqual((await admin.get(`/campaigns/${id}/preview`)).body, { audience: { sms: 2, whatsapp: 2 } });
    // Started in the morning (the clock is the test's): the admin route does the same at its own now.
    const started = await startCampaign(id, new Date('2026-06-15T12:00:00Z'));
    assert.equal(started.ok && started.queued, 4);
    assert.equal(await jobStatus(id, dan), undefined, 'no opt-in, never queued');

    const sent = fakePlatforms();
    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.runDue(NOON_NEW_YORK), 0, 'nothing before 12:30 local');
    // Eve texts STOP after the campaign was scheduled.
    await textSms(app, '+15550001005', 'STOP');

    assert.equal(await dispatcher.runDue(DUE), 2);
    assert.equal(sent.sms.length, 1);
    const code = (await ShortLinkModel.findOne({ customerId: ann }).lean())!.code;
    assert.deepEqual({ ...sent.sms[0] }, {
      To: '+15550001001',
      From: config.TWILIO_FROM,
      Body: `Corner Market: Summer sale: 20% off iced tea. ${config.PUBLIC_BASE_URL}/l/${code} Reply STOP or tap ${config.PUBLIC_BASE_URL}/l/${code}/stop to opt out.`,
    });
    assert.equal(sent.whatsapp.length, 1);
    assert.equal(sent.whatsapp[0]!.to, '447700900003');
    assert.equal(sent.whatsapp[0]!.template!.name, 'summer_offer');
    assert.match(sent.whatsapp[0]!.template!.components[0]!.parameters[0]!.text, /^Summer sale: 20% off iced tea\. http/);
    assert.equal(await jobStatus(id, eve), 'withheld');
    assert.equal(await jobStatus(id, ben), 'withheld');

    assert.equal(await dispatcher.runDue(new Date(DUE.getTime() + 3600_000)), 0, 'each send once');
    const sends = await CampaignSendModel.find({ campaignId: id }).lean();
    assert.deepEqual(sends.map((send) => [String(send.customerId), send.channel, send.category ?? null]).sort(), [[String(ann), 'sms', null], [String(cara), 'whatsapp', 'marketing']].sort());
    assert.deepEqual((await admin.get(`/campaigns/${id}`)).body.report.sends, { sms: 1, whatsapp: 1 });
  });

  it('waits out quiet hours in the customer time zone, holds the weekly cap, and obeys pause and cancel', async () => {
    const ann = await optedIn({ sms: '+15550001001' }, 'sms');
    const late = await campaign({ channels: ['sms'], sendTime: '22:15' });
    await startCampaign(late, NOON_NEW_YORK);
    const sent = fakePlatforms();
    const dispatcher = dispatcherFor(config);
    const lateLocal = new Date('2026-06-16T02:16:00Z');
    assert.equal(await dispatcher.runDue(lateLocal), 0);
    const deferred = await OutboxModel.findOne({ jobKey: `campaign:${late}:${String(ann)}` }).lean();
    assert.equal(deferred!.nextAttemptAt.toISOString(), '2026-06-16T12:00:00.000Z', '08:00 in New York');
    assert.equal(await dispatcher.runDue(new Date('2026-06-16T12:00:00Z')), 1);

    // The weekly cap is one here: a second campaign the same week is withheld.
    const second = await campaign({ channels: ['sms'], sendDate: '2026-06-16', sendTime: '09:00' });
    await startCampaign(second, NOON_NEW_YORK);
    await dispatcher.runDue(new Date('2026-06-16T13:01:00Z'));
    assert.equal(await jobStatus(second, ann), 'withheld');
    assert.equal(sent.sms.length, 1);

    // Next week: paused waits, cancelled is withheld.
    const paused = await campaign({ channels: ['sms'], sendDate: '2026-06-24', sendTime: '09:00' });
    await startCampaign(paused, NOON_NEW_YORK);
    await admin.post(`/campaigns/${paused}/pause`).expect(200);
    assert.equal(await dispatcher.runDue(new Date('2026-06-24T13:01:00Z')), 0);
    assert.equal(await jobStatus(paused, ann), 'pending');
    assert.equal((await changeCampaign(paused, 'cancel')).ok, true);
    await dispatcher.runDue(new Date('2026-06-24T13:16:00Z'));
    assert.equal(await jobStatus(paused, ann), 'withheld');
    assert.equal((await admin.post(`/campaigns/${paused}/start`)).status, 409);
    assert.equal(sent.sms.length, 1);

    // A test send goes to the staff number now (the route's clock), whatever the audience; not for a cancelled campaign.
    await admin.post(`/campaigns/${paused}/test`, { staffNumber: '+15550009998' }).expect(202);
    await admin.post(`/campaigns/${second}/test`, { staffNumber: '+15550009999' }).expect(202);
    assert.equal(await dispatcher.runDue(new Date()), 1);
    assert.equal(sent.sms.at(-1)!.To, '+15550009999');
  });

  it('Messenger: a campaign goes as a standard message (UPDATE, no tag) inside the 24-hour window, and is withheld outside it', async () => {
    const recent = await optedIn({ messenger: 'PSID-RECENT' }, 'messenger');
    const stale = await optedIn({ messenger: 'PSID-STALE' }, 'messenger');
    await wroteAt('messenger', 'PSID-RECENT', new Date(DUE.getTime() - 3600_000));
    await wroteAt('messenger', 'PSID-STALE', new Date(DUE.getTime() - 30 * 3600_000));
    const id = await campaign({ channels: ['messenger'], linkTarget: undefined });
    await startCampaign(id, NOON_NEW_YORK);
    const graph = nock(GRAPH)
      .post(`/${config.GRAPH_API_VERSION}/me/messages`, { recipient: { id: 'PSID-RECENT' }, messaging_type: 'UPDATE', message: { text: 'Summer sale: 20% off iced tea.' } })
      .reply(200, { recipient_id: 'PSID-RECENT', message_id: 'm_1' });
    assert.equal(await dispatcherFor(config).runDue(DUE), 1);
    assert.ok(graph.isDone());
    assert.equal(await jobStatus(id, recent), 'sent');
    const withheld = await OutboxModel.findOne({ jobKey: `campaign:${id}:${String(stale)}` }).lean();
    assert.deepEqual([withheld!.status, withheld!.lastError], ['withheld', 'messenger: outside the 24-hour window only order updates may be sent']);
  });

  it('a send retried after a failure takes its weekly-cap slot once', async () => {
    const ann = await optedIn({ sms: '+15550001001' }, 'sms');
    const first = await campaign({ channels: ['sms'] });
    await startCampaign(first, NOON_NEW_YORK);
    const bodies: string[] = [];
    const twilio = nock(TWILIO)
      .post(TWILIO_PATH, (body: Record<string, string>) => bodies.push(body.To!) > 0)
      .reply(500, { message: 'try later' })
      .post(TWILIO_PATH, (body: Record<string, string>) => bodies.push(body.To!) > 0)
      .reply(201, { sid: 'SM1' });
    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.runDue(DUE), 0);
    assert.equal(await jobStatus(first, ann), 'pending', 'retried after the 500');
    // The weekly cap is one: the retry goes on the slot its first attempt took.
    assert.equal(await dispatcher.runDue(new Date(DUE.getTime() + 5 * 60_000)), 1);
    assert.ok(twilio.isDone());
    assert.deepEqual(bodies, ['+15550001001', '+15550001001']);
    assert.equal(await jobStatus(first, ann), 'sent');

    // And it took one: the next campaign that week finds the cap used.
    const second = await campaign({ channels: ['sms'], sendDate: '2026-06-16', sendTime: '09:00' });
    await startCampaign(second, NOON_NEW_YORK);
    await dispatcher.runDue(new Date('2026-06-16T13:01:00Z'));
    assert.equal(await jobStatus(second, ann), 'withheld');
  });

  it('a test send: at most 5 per campaign an hour, a Caribbean +1 number refused at once (400), and a number that texted STOP or opted out of offers gets nothing', async () => {
    const id = await campaign({ channels: ['sms'] });
    await textSms(app, '+15550001009', 'STOP');
    // A shopper's number (no opt-in needed for a test send staff asked for), whose owner said no to offers.
    await textSms(app, '+15550001010', 'stop sending me offers');
    await drainBackground();
    const caribbean = await admin.post(`/campaigns/${id}/test`, { staffNumber: '+18765550100' });
    assert.equal(caribbean.status, 400);
    assert.equal(caribbean.body.error.code, 'VALIDATION_FAILED');
    // The refused number used none of the hour's five.
    const numbers = ['+15550007777', '+15550001009', '+447700900123', '+15550007778', '+15550001010'];
    for (const staffNumber of numbers) await admin.post(`/campaigns/${id}/test`, { staffNumber }).expect(202);
    const refused = await admin.post(`/campaigns/${id}/test`, { staffNumber: '+15550007777' });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'CAMPAIGN_TEST_THROTTLED');

    const sent = fakePlatforms();
    await dispatcherFor(config).runDue(new Date(Date.now() + 60_000));
    assert.deepEqual(sent.sms.map((body) => body.To).sort(), ['+15550007777', '+15550007778', '+447700900123']);
    const jobs = await OutboxModel.find({ jobKey: new RegExp(`^campaign-test:${id}:`) }).lean();
    assert.deepEqual(jobs.map((job) => job.status).sort(), ['sent', 'sent', 'sent', 'withheld', 'withheld']);
    assert.deepEqual(jobs.filter((job) => job.status === 'withheld').map((job) => job.lastError).sort(), ['test send: sms: no transactional consent', 'test send: sms: opted out of marketing']);
  });

  it("ends a marketing SMS with the opt-out in the customer's language", async () => {
    const bia = await customerOn({ sms: '+15550001009' }, { locale: 'pt-BR' });
    await recordConsent({ customerId: bia, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Ofertas por SMS' }, new Date('2026-06-01T12:00:00Z'));
    const id = await campaign({ channels: ['sms'], text: 'Promoção de verão: 20% off no chá gelado.' });
    assert.equal((await startCampaign(id, new Date('2026-06-15T12:00:00Z'))).ok, true);
    const sent = fakePlatforms();
    assert.equal(await dispatcherFor(config).runDue(DUE), 1);
    const link = `${config.PUBLIC_BASE_URL}/l/${(await ShortLinkModel.findOne({ customerId: bia }).lean())!.code}`;
    assert.equal(sent.sms[0]!.Body, `Corner Market: Promoção de verão: 20% off no chá gelado. ${link} Responda STOP ou toque em ${link}/stop para sair.`);
  });

  it('counts a click once per link per hour, and finds the newest click of a customer within a window', async () => {
    const ann = await optedIn({ sms: '+15550001001' }, 'sms');
    const [first, second] = [await campaign({ channels: ['sms'] }), await campaign({ channels: ['sms'] })];
    await insertShortLink({ code: 'clickOnceCode', campaignId: first, customerId: ann, target: 'https://shop.example/summer', medium: 'sms' });
    await insertShortLink({ code: 'clickOtherCode', campaignId: second, customerId: ann, target: 'https://shop.example/summer', medium: 'sms' });
    const at = (minutes: number) => new Date(Date.parse('2026-06-15T10:00:00Z') + minutes * 60_000);
    for (const minutes of [0, 10, 59, 120]) assert.ok(await followShortLink('clickOnceCode', at(minutes), 'corner-market'), 'a repeat still redirects');
    await followShortLink('clickOtherCode', at(60), 'corner-market');
    assert.equal(await LinkClickModel.countDocuments({ campaignId: first }), 2, 'the taps of one hour are one click; the next hour counts again');

    assert.deepEqual(await latestClickOf(ann, at(-7 * 24 * 60), at(90)), { campaignId: second, at: at(60) });
    assert.deepEqual(await latestClickOf(ann, at(-7 * 24 * 60), at(30)), { campaignId: first, at: at(0) }, 'the first tap of the hour is the click kept');
    assert.deepEqual(await latestClickOf(ann, at(121), at(7 * 24 * 60)), null);
  });

  it('a short link redirects with UTM parameters, records a click once per hour, credits an order within 7 days once, and opts out in one tap', async () => {
    const ann = await optedIn({ sms: '+15550001001' }, 'sms');
    const id = await campaign({ channels: ['sms'] });
    await admin.post(`/campaigns/${id}/start`).expect(200);
    const { code } = (await ShortLinkModel.findOne({ customerId: ann }).lean())!;
    assert.match(code, /^[A-Za-z0-9_-]{12}$/);

    const click = await request(app).get(`/l/${code}`);
    assert.equal(click.status, 302);
    assert.equal(click.headers.location, `https://shop.example/summer?utm_source=corner-market&utm_medium=sms&utm_campaign=${id}`);
    assert.doesNotMatch(click.headers.location!, new RegExp(String(ann)));
    await request(app).get(`/l/${code}`).expect(302);
    await request(app).get(`/l/${code}`).set('user-agent', 'WhatsApp/2.23.20.0 A').expect(302);
    await request(app).head(`/l/${code}`).expect(302);
    assert.equal(await LinkClickModel.countDocuments({ campaignId: id }), 1, 'a second tap within the hour, a link preview or a HEAD is no click');
    assert.equal((await request(app).get('/l/AAAAAAAAAAAA')).status, 404);
    assert.equal((await request(app).get('/l/../admin')).status, 404);

    const clickedAt = (await LinkClickModel.findOne({ campaignId: id }).lean())!.at;
    const order = await placedOrder(ann, 'sms', 'order-after-click', new Date(clickedAt.getTime() + 60_000));
    await placedOrder(ann, 'sms', 'order-much-later', new Date(clickedAt.getTime() + 9 * 24 * 3600_000));
    for (let i = 0; i < 2; i++) {
      const { report } = (await admin.get(`/campaigns/${id}`)).body;
      assert.deepEqual([report.clicks, report.attributedOrders, report.attributedRevenue], [1, 1, [{ currency: 'USD', totalMinor: order.totalMinor }]]);
    }

    // Link previews (a messaging app drawing the link, a HEAD) get the page with its button and change nothing.
    const optOuts = () => ConsentRecordModel.countDocuments({ customerId: ann, granted: false });
    const preview = await request(app).get(`/l/${code}/stop`).set('user-agent', 'WhatsApp/2.23.20.0 A');
    assert.equal(preview.status, 200);
    assert.match(preview.text, /<form method="post" action="\/l\/[A-Za-z0-9_-]{12}\/stop">/);
    await request(app).get(`/l/${code}/stop`).set('user-agent', 'facebookexternalhit/1.1 Facebot Twitterbot/1.0').expect(200);
    await request(app).head(`/l/${code}/stop`).expect(200);
    // A link scanner with a browser's user agent but no browser navigation headers: the button, nothing recorded.
    const scanner = await request(app).get(`/l/${code}/stop`).set('user-agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36');
    assert.match(scanner.text, /<form method="post"/);
    assert.equal(await optOuts(), 0, 'a preview or a scanner opts nobody out');

    // The shopper's tap (a browser's top-level navigation) records the opt-out with its source and confirms it; opening it again adds nothing.
    const stopped = await request(app)
      .get(`/l/${code}/stop`)
      .set({ 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' });
    assert.equal(stopped.status, 200);
    assert.match(stopped.text, /no more marketing messages/);
    const record = await ConsentRecordModel.findOne({ customerId: ann, granted: false }).lean();
    assert.deepEqual([record!.purpose, record!.channel, record!.source, record!.sourceChannel], ['marketing', 'all', `opt-out link of campaign ${id}`, 'sms']);
    await request(app).get(`/l/${code}/stop`).set({ 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }).expect(200);
    await request(app).post(`/l/${code}/stop`).type('form').send('').expect(200);
    assert.equal(await optOuts(), 1, 'once');
    assert.equal((await request(app).get('/l/AAAAAAAAAAAA/stop')).status, 404);
    assert.deepEqual((await admin.get(`/campaigns/${id}/preview`)).body, { audience: { sms: 0 } });

    // Opted in again later, the button (a POST) opts out again.
    await recordConsent({ customerId: ann, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text' }, new Date(record!.recordedAt.getTime() + 1));
    assert.deepEqual((await admin.get(`/campaigns/${id}/preview`)).body, { audience: { sms: 1 } });
    await request(app).post(`/l/${code}/stop`).type('form').send('').set('user-agent', 'Mozilla/5.0').expect(200);
    assert.equal(await optOuts(), 2);
    assert.deepEqual((await admin.get(`/campaigns/${id}/preview`)).body, { audience: { sms: 0 } });
  });
});
