import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Types } from 'mongoose';
import request from 'supertest';
import { CampaignSendModel, ConsentRecordModel, OutboxModel, ShortLinkModel } from '../../models';
import { createApp } from '../../src/http/app';
import { startCampaign } from '../../src/services/campaigns';
import { recordConsent } from '../../src/store/consent-store';
import { resetDatabase } from '../support/database';
import { silentLog, TEST_ADMIN_KEY } from '../support/config';
import { customerOn, dispatcherFor, NOON_NEW_YORK, notifyConfig } from '../support/notify';

/**
 * Issue 20 item 1, e-mail: a campaign e-mail goes only to an e-mail marketing opt-in (imported by staff
 * with its wording), once, through the outbox, with the brand, its short link, a visible unsubscribe
 * link and the RFC 8058 headers; the one-click POST opts out, and nothing more is sent after it.
 */

const config = notifyConfig({ MAIL_UNSUBSCRIBE_MAILTO: 'unsubscribe@example.com' });
const app = createApp({ config, log: silentLog });
const admin = (url: string, body: object = {}) => request(app).post(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY).send(body);
const GIVEN_AT = '2026-06-01T12:00:00Z';
const DUE = new Date('2026-06-15T16:31:00Z');

interface JsonMail {
  from: { address: string; name: string };
  to: { address: string }[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

function mailFile(campaignId: string, customerId: Types.ObjectId): string {
  return path.join(config.DATA_DIR, 'mail', `campaign-${campaignId}-${String(customerId)}.json`);
}

async function emailCampaign(body: object = {}): Promise<string> {
  const res = await admin('/campaigns', { name: 'Summer', channels: ['email'], emailSubject: 'Summer <sale> & more', text: 'Iced tea & "lemonade": 20% off.', linkTarget: 'https://shop.example/summer', sendDate: '2026-06-15', sendTime: '12:30', ...body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.campaignId as string;
}

describe('e-mail campaigns with one-click unsubscribe (issue 20)', () => {
  beforeEach(resetDatabase);

  it('imports an e-mail opt-in with its wording, refusing bad input and a customer without an address', async () => {
    const dana = await customerOn({ sms: '+15550001001' }, { email: 'dana@example.com' });
    const noEmail = await customerOn({ sms: '+15550001002' });
    const optIn = { granted: true, source: 'newsletter form on shop.example', wording: 'Send me offers by e-mail', givenAt: GIVEN_AT };

    assert.equal((await admin(`/customers/${String(noEmail)}/email-consent`, optIn)).status, 409);
    assert.equal((await admin(`/customers/${String(dana)}/email-consent`, { ...optIn, givenAt: '2999-01-01T00:00:00Z' })).status, 400);
    assert.equal((await admin(`/customers/${String(dana)}/email-consent`, { ...optIn, channel: 'sms' })).status, 400);
    assert.equal((await admin('/customers/0123456789abcdef01234567/email-consent', optIn)).status, 404);
    assert.equal(await ConsentRecordModel.countDocuments(), 0);

    assert.equal((await admin(`/customers/${String(dana)}/email-consent`, optIn)).status, 201);
    // A retried POST of the same decision answers the same and records (and counts) nothing more.
    assert.equal((await admin(`/customers/${String(dana)}/email-consent`, optIn)).status, 201);
    assert.equal(await ConsentRecordModel.countDocuments({ customerId: dana }), 1);
    // An e-mail campaign needs a one-line subject.
    const campaignBody = { name: 'Summer', channels: ['email'], text: 'Sale', sendDate: '2026-06-15', sendTime: '12:30' };
    assert.equal((await admin('/campaigns', campaignBody)).status, 400);
    assert.equal((await admin('/campaigns', { ...campaignBody, emailSubject: 'Sale\r\nBcc: all@example.com' })).status, 400);
    assert.equal((await admin('/campaigns', { ...campaignBody, emailSubject: 'Sale' })).status, 201);
    const record = await ConsentRecordModel.findOne({ customerId: dana }).lean();
    assert.deepEqual([record!.channel, record!.purpose, record!.granted, record!.source, record!.wording, record!.recordedAt.toISOString()], ['email', 'marketing', true, 'admin import: newsletter form on shop.example', 'Send me offers by e-mail', '2026-06-01T12:00:00.000Z']);
  });

  it('sends the exact e-mail once to an opt-in, none to others, and a one-click POST opts out before the next campaign', async () => {
    const dana = await customerOn({ sms: '+15550001001' }, { email: 'dana@example.com' });
    await admin(`/customers/${String(dana)}/email-consent`, { granted: true, source: 'newsletter form', wording: 'Send me offers by e-mail', givenAt: GIVEN_AT }).expect(201);
    // Opted in by text only, and opted in then out by e-mail: neither gets an e-mail.
    const smsOnly = await customerOn({ sms: '+15550001003' }, { email: 'sam@example.com' });
    await recordConsent({ customerId: smsOnly, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text' }, new Date(GIVEN_AT));
    const left = await customerOn({ sms: '+15550001004' }, { email: 'lee@example.com' });
    await recordConsent({ customerId: left, channel: 'email', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by e-mail' }, new Date(GIVEN_AT));
    await recordConsent({ customerId: left, channel: 'all', purpose: 'marketing', granted: false, kind: 'admin', source: 'test', wording: 'Stop' }, new Date('2026-06-02T12:00:00Z'));

    const id = await emailCampaign();
    assert.deepEqual((await request(app).get(`/admin/campaigns/${id}/preview`).set('x-api-key', TEST_ADMIN_KEY)).body, { audience: { email: 1 } });
    const started = await startCampaign(id, NOON_NEW_YORK);
    assert.equal(started.ok && started.queued, 1);
    // A second campaign is already queued when the customer unsubscribes.
    const next = await emailCampaign({ name: 'Autumn', sendDate: '2026-06-16', sendTime: '09:00' });
    await startCampaign(next, NOON_NEW_YORK);

    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.runDue(DUE), 1);
    assert.equal(await dispatcher.runDue(new Date(DUE.getTime() + 3600_000)), 0, 'once');
    const { code } = (await ShortLinkModel.findOne({ campaignId: id, customerId: dana }).lean())!;
    const link = `${config.PUBLIC_BASE_URL}/l/${code}`;
    const mail = JSON.parse(await readFile(mailFile(id, dana), 'utf8')) as JsonMail;
    assert.deepEqual(
      { from: mail.from.address, to: mail.to.map((to) => to.address), subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers },
      {
        from: 'orders@example.com',
        to: ['dana@example.com'],
        subject: 'Summer <sale> & more',
        text: `Iced tea & "lemonade": 20% off.\n\n${link}\n\n— Corner Market\n\nYou get this e-mail because you asked Corner Market for offers by e-mail. Unsubscribe: ${link}/unsubscribe`,
        html: [
          '<p>Iced tea &amp; &quot;lemonade&quot;: 20% off.</p>',
          `<p><a href="${link}">${link}</a></p>`,
          '<p>— Corner Market</p>',
          `<p style="font-size:small;color:#555">You get this e-mail because you asked Corner Market for offers by e-mail. <a href="${link}/unsubscribe">Unsubscribe</a></p>`,
        ].join('\n'),
        headers: { 'List-Unsubscribe': `<${link}/unsubscribe>, <mailto:unsubscribe@example.com?subject=unsubscribe>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
    );
    assert.deepEqual((await CampaignSendModel.find().lean()).map((send) => [send.campaignId, String(send.customerId), send.channel]), [[id, String(dana), 'email']]);
    for (const other of [smsOnly, left]) assert.equal(existsSync(mailFile(id, other)), false);

    // The unsubscribe page (what a mail scanner fetches) changes nothing; the one-click POST opts out.
    const page = await request(app).get(`/l/${code}/unsubscribe`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<form method="post" action="/l/${code}/unsubscribe">`));
    assert.equal(await ConsentRecordModel.countDocuments({ customerId: dana, granted: false }), 0);
    const oneClick = await request(app).post(`/l/${code}/unsubscribe`).type('form').send('List-Unsubscribe=One-Click');
    assert.equal(oneClick.status, 200);
    const optOut = await ConsentRecordModel.findOne({ customerId: dana, granted: false }).lean();
    assert.deepEqual([optOut!.purpose, optOut!.channel, optOut!.source, optOut!.sourceChannel], ['marketing', 'all', `opt-out link of campaign ${id}`, 'email']);

    assert.equal(await dispatcher.runDue(new Date('2026-06-16T13:01:00Z')), 0);
    assert.equal((await OutboxModel.findOne({ jobKey: `campaign:${next}:${String(dana)}` }).lean())!.status, 'withheld');
    assert.equal(existsSync(mailFile(next, dana)), false);
    assert.deepEqual((await request(app).get(`/admin/campaigns/${next}/preview`).set('x-api-key', TEST_ADMIN_KEY)).body, { audience: { email: 0 } });

    // Erasing the customer deletes the e-mail the file transport kept.
    const erased = await admin(`/customers/${String(dana)}/erase`);
    assert.equal(erased.body.removed.CampaignMailFile, 1);
    assert.equal(existsSync(mailFile(id, dana)), false);
  });
});
