import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { SessionModel } from '../../../models';
import { sendApiRequestBody } from '../../../src/channels/messenger/client';
import { renderMessengerMessages } from '../../../src/channels/messenger/render';
import { registeredChannels } from '../../../src/channels/registry';
import { renderSms } from '../../../src/channels/sms/render';
import { analyzeSms } from '../../../src/channels/sms/segments';
import { twimlMessages } from '../../../src/channels/sms/twiml';
import { renderWebchat } from '../../../src/channels/webchat/render';
import { renderWechatText } from '../../../src/channels/wechat/render';
import type { Reply } from '../../../src/conversation/turn';
import { createApp } from '../../../src/http/app';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';

const PRODUCTION = { NODE_ENV: 'production', VOICE_CODE_PEPPER: 'a-production-pepper', LINK_CODE_PEPPER: 'a-production-link-pepper', ADMIN_API_KEY: 'a-production-admin-key' };

describe('developer console (/console)', () => {
  describe('availability', () => {
    it('is not served in production unless CONSOLE_ENABLED=true', async () => {
      const off = createApp({ config: testConfig(PRODUCTION), log: silentLog });
      assert.equal((await request(off).get('/console')).status, 404);
      assert.equal((await request(off).post('/console/api/turn').send({ channel: 'sms', customer: 'alice', text: 'hi' })).status, 404);
      assert.equal((await request(off).get('/console/static/console.js')).status, 404);

      const explicitlyOff = createApp({ config: testConfig({ CONSOLE_ENABLED: 'false' }), log: silentLog });
      assert.equal((await request(explicitlyOff).get('/console')).status, 404);

      const on = createApp({ config: testConfig({ ...PRODUCTION, CONSOLE_ENABLED: 'true' }), log: silentLog });
      assert.equal((await request(on).get('/console/static/console.js')).status, 200);
    });
  });

  describe('in development', () => {
    let dataDir: string;
    let app: ReturnType<typeof createApp>;

    before(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'console-test-'));
      app = createApp({ config: testConfig({ DATA_DIR: dataDir }), log: silentLog });
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    beforeEach(freshDemoStore);

    const turn = (body: Record<string, unknown>) => request(app).post('/console/api/turn').send(body);

    it('serves a labelled page listing every previewable channel and the demo customers, and says when no certify report exists', async () => {
      const res = await request(app).get('/console');
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'] ?? '', /^text\/html/);
      for (const id of ['channel', 'customer', 'message']) assert.match(res.text, new RegExp(`<label for="${id}">`));
      assert.match(res.text, /<main id="main">/);
      for (const { id, label } of registeredChannels()) assert.ok(res.text.includes(`<option value="${id}">${label}</option>`), id);
      assert.match(res.text, /<option value="alice">Alice Johnson \(0 past orders\)<\/option>/);
      assert.match(res.text, /No report yet, run <code>npm run certify<\/code>/);
      const script = await request(app).get('/console/static/console.js');
      assert.equal(script.status, 200);
      assert.match(script.headers['content-type'] ?? '', /javascript/);
    });

    it('runs no turn for another site: a text/plain or form POST is 415, a foreign Origin is 403', async () => {
      const body = JSON.stringify({ channel: 'sms', customer: 'alice', text: 'add colombian coffee' });
      // What a page on another site can send without a preflight.
      const plain = await request(app).post('/console/api/turn').set('origin', 'https://evil.example').set('content-type', 'text/plain').send(body);
      assert.equal(plain.status, 403, plain.text);
      const plainNoOrigin = await request(app).post('/console/api/turn').set('content-type', 'text/plain').send(body);
      assert.equal(plainNoOrigin.status, 415, plainNoOrigin.text);
      const form = await request(app).post('/console/api/turn').set('content-type', 'application/x-www-form-urlencoded').send(`a=${encodeURIComponent(body)}`);
      assert.equal(form.status, 415);
      const foreign = await request(app).post('/console/api/turn').set('origin', 'https://evil.example').set('content-type', 'application/json').send(body);
      assert.equal(foreign.status, 403);
      const crossSite = await request(app).post('/console/api/turn').set('sec-fetch-site', 'cross-site').set('content-type', 'application/json').send(body);
      assert.equal(crossSite.status, 403);
      assert.equal(await SessionModel.countDocuments(), 0, 'no turn ran');

      const own = await request(app).post('/console/api/turn').set('origin', new URL(testConfig().PUBLIC_BASE_URL).origin).set('content-type', 'application/json').send(body);
      assert.equal(own.status, 200, own.text);
    });

    it('renders the last certify report, escaped', async () => {
      mkdirSync(path.join(dataDir, 'certify'), { recursive: true });
      writeFileSync(path.join(dataDir, 'certify', 'report.md'), '# Certification report\n- [x] invocation name <ok>\n');
      try {
        const res = await request(app).get('/console');
        assert.match(res.text, /# Certification report\n- \[x\] invocation name &lt;ok&gt;/);
        assert.doesNotMatch(res.text, /No report yet/);
      } finally {
        rmSync(path.join(dataDir, 'certify'), { recursive: true, force: true });
      }
    });

    it('refuses an unknown channel or customer, an unknown field or an empty message with 400 and runs no turn', async () => {
      const cases: Record<string, unknown>[] = [
        { channel: 'fax', customer: 'alice', text: 'hi' },
        { channel: 'sms', customer: 'mallory', text: 'hi' },
        { channel: 'sms', customer: 'alice', text: 'hi', voice: true },
        { channel: 'sms', customer: 'alice', text: ' ' },
        { channel: 'sms', customer: 'alice', text: 'x'.repeat(2001) },
      ];
      for (const body of cases) {
        const res = await turn(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      }
      assert.equal(await SessionModel.countDocuments(), 0);
    });

    it('runs an SMS turn as the demo customer and shows the TwiML with its segment count', async () => {
      const res = await turn({ channel: 'sms', customer: 'alice', text: 'show me coffee' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.channelUserId, '+15550100001', "Alice's own SMS number");
      const neutral = res.body.neutral as Reply;
      assert.match(neutral.text, /^Here's what I found: Colombian Coffee/);
      const body = renderSms(neutral, { segmentBudget: 4 }).body;
      assert.equal(res.body.preview.format, 'xml');
      assert.equal(res.body.preview.body, twimlMessages([body]));
      assert.equal(res.body.preview.facts.segments, analyzeSms(body).segments);
      assert.equal(res.body.preview.facts.encoding, 'GSM-7');
    });

    it('shows Messenger Send API requests for a customer with no Messenger identity of their own, under a console identity bound to them', async () => {
      await turn({ channel: 'messenger', customer: 'alice', text: 'add pasta' });
      const res = await turn({ channel: 'messenger', customer: 'alice', text: 'checkout' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.channelUserId, 'console-alice-messenger');
      const requests = JSON.parse(res.body.preview.body) as unknown[];
      assert.deepEqual(requests, renderMessengerMessages(res.body.neutral, { platform: 'messenger' }).map((m) => JSON.parse(JSON.stringify(sendApiRequestBody('console-alice-messenger', m)))));
      assert.match(res.body.preview.body, /"template_type": "button"/, 'the read-back is a button template');
      // The SMS session of the same customer sees the Messenger cart: one customer behind both identities.
      const sms = await turn({ channel: 'sms', customer: 'alice', text: 'cart' });
      assert.match(sms.body.neutral.text, /Pasta/);
    });

    it('shows the Alexa response, WhatsApp Cloud API bodies, the WeChat passive reply and the web chat JSON', async () => {
      const alexa = await turn({ channel: 'alexa', customer: 'carol', text: 'help' });
      const envelope = JSON.parse(alexa.body.preview.body);
      assert.equal(envelope.version, '1.0');
      assert.match(envelope.response.outputSpeech.ssml, /^<speak>.+<\/speak>$/);
      assert.equal(envelope.response.shouldEndSession, false);
      assert.ok(envelope.response.reprompt, 'a reply that keeps the session open has a reprompt');

      const whatsapp = await turn({ channel: 'whatsapp', customer: 'alice', text: 'help' });
      const [first] = JSON.parse(whatsapp.body.preview.body);
      assert.equal(first.messaging_product, 'whatsapp');
      assert.equal(first.to, '15550100001');

      const wechat = await turn({ channel: 'wechat', customer: 'alice', text: 'show me coffee' });
      assert.equal(wechat.body.channelUserId, 'console-alice-wechat');
      assert.match(wechat.body.preview.body, /^<xml><ToUserName><!\[CDATA\[console-alice-wechat\]\]><\/ToUserName>.*<Content><!\[CDATA\[Here's what I found: Colombian Coffee[\s\S]*\n1\) Colombian Coffee\n/);
      assert.equal(wechat.body.preview.facts.contentBytes, Buffer.byteLength(renderWechatText(wechat.body.neutral), 'utf8'));

      const webchat = await turn({ channel: 'webchat', customer: 'bob', choiceId: 'HELP' });
      assert.equal(webchat.status, 200, webchat.text);
      assert.deepEqual(JSON.parse(webchat.body.preview.body), JSON.parse(JSON.stringify(renderWebchat(webchat.body.neutral))));
      assert.equal(webchat.body.channelUserId, 'web-bob');
    });
  });
});
