import assert from 'node:assert/strict';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { CustomerModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { DEV_SECRETS } from '../../src/config';
import { computeWechatSignature } from '../../src/channels/wechat/signature';
import { createApp } from '../../src/http/app';
import { assistantResources, createOAuthProvider, issueAccessToken } from '../../src/http/oauth/provider';
import { createLogger } from '../../src/logger';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { issueLinkCode } from '../../src/services/customers';
import { testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { testConfig, TEST_ADMIN_KEY } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { AlexaDriver } from '../support/scripts/alexa-driver';
import type { ScriptDriver } from '../support/scripts/driver';
import { loadScripts, stepOn } from '../support/scripts/format';
import { GoogleDriver } from '../support/scripts/google-driver';
import { MetaDriver } from '../support/scripts/meta-driver';
import { SmsDriver } from '../support/scripts/sms-driver';
import { prepareCustomer, resetConversations } from '../support/scripts/state';
import { WebchatDriver } from '../support/scripts/webchat-driver';
import { WeChatDriver } from '../support/scripts/wechat-driver';
import { WhatsAppDriver } from '../support/scripts/whatsapp-driver';

/**
 * Issue 16 item 9: the log of a full conversation on every channel, the platforms' handshakes, an
 * admin search by phone, and Alexa account linking through OAuth, at the most verbose level, holds
 * none of the secrets or identifiers that went by.
 */

const config = testConfig({ LOG_LEVEL: 'trace' });
let captured = '';
const log = createLogger('trace', new Writable({ write: (chunk, _encoding, done) => ((captured += String(chunk)), done()) }));
const outbox = new OutboxDispatcher(outboxSenders(config), log, { baseBackoffMs: 1_000 });
const app = createApp({ config, log, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 }, wechat: { replyBudgetMs: Infinity } } });

const DRIVERS: Record<Channel, (target: Express, run: number) => ScriptDriver> = {
  alexa: (target, run) => new AlexaDriver(target, `log${run}`),
  google: (target, run) => new GoogleDriver(target, `log${run}`),
  messenger: (target, run) => new MetaDriver(target, config, 'messenger', `log${run}`),
  instagram: (target, run) => new MetaDriver(target, config, 'instagram', `log${run}`),
  whatsapp: (target, run) => new WhatsAppDriver(target, config, 900 + run),
  sms: (target, run) => new SmsDriver(target, config, 900 + run),
  wechat: (target, run) => new WeChatDriver(target, config, 900 + run),
  webchat: (target) => new WebchatDriver(target),
};

const pathOf = (location: string) => {
  const url = new URL(location, 'http://127.0.0.1');
  return `${url.pathname}${url.search}`;
};

describe('security: logs hold no secrets or personal data (issue 16 item 9)', () => {
  withFakeHttp();
  before(freshDemoStore);

  it('a full conversation on every channel, handshakes, an admin search and OAuth linking leave nothing identifying in the log', async function () {
    this.timeout(300_000);
    const secrets = new Set<string>(Object.keys(DEV_SECRETS).map((name) => String(config[name as keyof typeof config])));
    const identifiers = new Set<string>();

    // The order script, on every channel.
    const [order] = loadScripts(path.join(__dirname, '../scripts')).filter((script) => script.name === 'order');
    await resetConversations();
    let run = 0;
    for (const [channel, makeDriver] of Object.entries(DRIVERS) as [Channel, (target: Express, run: number) => ScriptDriver][]) {
      const driver = makeDriver(app, ++run);
      await driver.open?.();
      const customerId = await prepareCustomer(order!.setup, channel, driver.externalId);
      await driver.prepare?.(customerId);
      identifiers.add(driver.externalId);
      for (const original of order!.steps) {
        const step = stepOn(original, channel, driver.voice);
        if (!step) continue;
        if (step.user !== undefined) await driver.say(step.user);
        else await driver.pick(step.pick!);
      }
      const token = (driver as unknown as { token?: string }).token;
      if (token) secrets.add(token);
      nock.cleanAll();
    }

    // The platforms' handshakes put their secrets in the query string.
    const verifyToken = await request(app).get('/messenger').query({ 'hub.mode': 'subscribe', 'hub.verify_token': config.META_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    assert.equal(verifyToken.status, 200);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '731946285';
    const signature = computeWechatSignature(config.WECHAT_TOKEN!, timestamp, nonce);
    assert.equal((await request(app).get('/wechat').query({ signature, timestamp, nonce, echostr: '5837397520432457810' })).status, 200);
    secrets.add(signature);
    secrets.add('5837397520432457810');

    // Staff look a customer up by phone number and e-mail.
    const phone = '+14155550199';
    const email = 'shopper.private@example.com';
    const staffSearched = await addCustomer({ channel: 'sms', externalId: phone });
    await CustomerModel.updateOne({ _id: staffSearched }, { $set: { email } });
    identifiers.add(phone);
    identifiers.add(email);
    assert.equal((await request(app).get('/admin/customers').query({ phone }).set('x-api-key', TEST_ADMIN_KEY)).status, 200);
    await request(app).get('/admin/customers').query({ email }).set('x-api-key', TEST_ADMIN_KEY);

    // Alexa account linking: the link code, the sign-in cookies and the authorization code in `location`.
    const linker = await addCustomer({ channel: 'whatsapp', externalId: '15550123987' });
    identifiers.add('15550123987');
    const { code } = await issueLinkCode(linker, 'whatsapp', settings.linkCodePepper);
    secrets.add(code);
    secrets.add(code.replace(/\D/g, ''));
    const browser = request.agent(app);
    const start = await browser.get('/oauth/auth').query({ client_id: config.ALEXA_OAUTH_CLIENT_ID, response_type: 'code', state: 'alexa-state-log', redirect_uri: config.ALEXA_OAUTH_REDIRECT_URIS[0]!, scope: 'orders' });
    assert.equal(start.status, 303, start.text);
    const page = await browser.get(pathOf(start.headers.location!));
    const action = /<form method="post" action="([^"]+\/login)">/.exec(page.text)![1]!;
    const posted = await browser.post(action).type('form').send({ code });
    assert.equal(posted.status, 303, posted.text);
    for (const cookie of [...((start.headers['set-cookie'] as unknown as string[]) ?? []), ...((posted.headers['set-cookie'] as unknown as string[]) ?? [])]) {
      const value = /^[^=]+=([^;]+)/.exec(cookie)?.[1];
      if (value && value.length >= 8) secrets.add(value);
    }
    const resumed = await browser.get(pathOf(posted.headers.location!));
    assert.equal(resumed.status, 303, resumed.text);
    const authorizationCode = new URL(resumed.headers.location!).searchParams.get('code')!;
    secrets.add(authorizationCode);
    const tokens = await request(app).post('/oauth/token').auth(config.ALEXA_OAUTH_CLIENT_ID, config.ALEXA_OAUTH_CLIENT_SECRET!).type('form').send({ grant_type: 'authorization_code', code: authorizationCode, redirect_uri: config.ALEXA_OAUTH_REDIRECT_URIS[0]! });
    assert.equal(tokens.status, 200, tokens.text);
    secrets.add(tokens.body.access_token);
    secrets.add(tokens.body.refresh_token);

    // An assistant's tool call through /mcp: its bearer token, a confirmation token and the voice code.
    const mcpToken = await issueAccessToken(createOAuthProvider(config), config, linker, assistantResources(config).mcp);
    secrets.add(mcpToken);
    secrets.add('forged-confirmation-token-8d1f');
    const toolCall = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'place_order', arguments: { confirmationToken: 'forged-confirmation-token-8d1f', voiceCode: '4321' } } };
    const called = await request(app).post('/mcp').set('authorization', `Bearer ${mcpToken}`).set('accept', 'application/json, text/event-stream').send(toolCall);
    assert.equal(called.status, 200, called.text);
    assert.match(captured, /"tool":"place_order","outcome":"CONFIRMATION_STALE"/, 'tool calls are logged like turns');

    assert.ok(captured.length > 10_000, 'the log was captured');
    assert.match(captured, /"path":"\/wechat"/, 'requests are logged, by path');
    const leaks = [...secrets, ...identifiers].filter((value) => value && captured.includes(value));
    const context = leaks.map((leak) => captured.split('\n').find((line) => line.includes(leak))).join('\n');
    assert.deepEqual(leaks, [], `found in the log:\n${context}`);
    assert.doesNotMatch(captured, /\b4321\b/, 'the voice code');
    assert.doesNotMatch(captured, /"(cookie|set-cookie|location|authorization|x-hub-signature-256|x-twilio-signature|signature-256)":"(?!<redacted>)/i);
  });
});
