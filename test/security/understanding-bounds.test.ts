import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { OutboxModel, SessionModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { ALEXA_LIMITS } from '../../src/channels/alexa/capabilities';
import { GOOGLE_LIMITS } from '../../src/channels/google/capabilities';
import { WEBCHAT_LIMITS } from '../../src/channels/webchat/capabilities';
import { understandText } from '../../src/conversation/understand';
import { CatalogIndex } from '../../src/core/matching';
import { DEMO_PRODUCTS } from '../../src/demo/catalog';
import { createApp } from '../../src/http/app';
import { nock, withFakeHttp } from '../support/fake-http';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { metaSignature } from '../support/meta-webhooks';

/**
 * Issue 16 item 3: a long message must not stall the process nor break the turn. The time checks are
 * ratios against a normal sentence measured in the same test, never a wall-clock bound on one call.
 */

const config = testConfig();
const app = createApp({ config, log: silentLog });

/** The largest text each channel lets through: its schema's text limit, or else its body limit. */
const CHANNEL_TEXT_LIMITS: Record<string, number> = {
  messenger: 20_000,
  whatsapp: 20_000,
  alexa: ALEXA_LIMITS.requestBodyBytes,
  google: GOOGLE_LIMITS.requestBodyBytes,
  sms: 10_000,
  wechat: 64 * 1024,
  webchat: WEBCHAT_LIMITS.inboundTextCharacters,
};

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The most expensive inputs we could think of for backtracking patterns and the fuzzy matcher. */
function adversarial(length: number): Record<string, string> {
  return {
    digits: fill('9', length),
    'gift and digits': `gift ${fill('9', length - 5)}`,
    'gift budget of digits': `gift under $${fill('9', length - 12)}`,
    'digits then dollars missing': `${fill('1', length - 1)}x`,
    'dollar signs': fill('$1', length),
    'decimal digits': fill('1.1', length),
    spaces: `a${' '.repeat(length - 2)}b`,
    'spaced digits': fill('1 ', length),
    'dashed digits': fill('1-', length),
    'phone to phone': `text my link code to ${fill('1 (2) 3-', length - 21)}x`,
    'repeated to': `send ${fill('to 1 ', length - 5)}`,
    'repeated link': fill('link ', length),
    'repeated words': fill('chocolate chip cookie ', length),
    'typo words': fill('chocolat chipp cokie ', length),
    'how much': `how much is ${fill('is ', length - 20)} cost`,
    'gift age': `gift ${fill('10 year old ', length - 5)}`,
    'remove from': `remove ${fill('from my cart ', length - 7)}`,
    emoji: fill('🍪', length),
    'emoji and digits': fill('🍪1', length),
    'ordinals': fill('the first one ', length),
  };
}

const index = new CatalogIndex(DEMO_PRODUCTS.map(({ sku, name, synonyms, category }) => ({ sku, name, synonyms, category })));

/** What happens to free text before any database work: the rules, then the catalog matcher on the product words. */
function understand(text: string): void {
  const intent = understandText(text, { awaitingCode: false, lastChoices: [{ id: 'YES', label: 'Yes' }] });
  understandText(text, { awaitingCode: true, lastChoices: [] });
  index.match(intent.slots.product ?? text);
}

/** Mean milliseconds per call over enough calls to be measurable. */
function meanMs(text: string, runs: number): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) understand(text);
  return (performance.now() - start) / runs;
}

describe('security: free text is bounded before any pattern runs (issue 16 item 3)', () => {
  it('no input up to any channel body limit takes 100x longer to understand than a normal sentence', function () {
    this.timeout(120_000);
    const normal = 'add two boxes of chocolate chip cookies to my cart';
    meanMs(normal, 50); // warm up the JIT and the matcher's caches
    const baseline = Math.max(meanMs(normal, 200), 0.01);
    for (const [channel, limit] of Object.entries(CHANNEL_TEXT_LIMITS)) {
      for (const [name, text] of Object.entries(adversarial(limit))) {
        const ratio = meanMs(text, 5) / baseline;
        assert.ok(ratio < 100, `${channel}: "${name}" (${text.length} characters) took ${ratio.toFixed(0)}x a normal sentence`);
      }
    }
  });

  describe('over HTTP', () => {
    withFakeHttp();
    beforeEach(freshDemoStore);

    it('a 405-character "gift under $999…" web chat message gets a gift question, not INTERNAL', async () => {
      const session = await request(app).post('/webchat/sessions').send({});
      const text = `gift under $${'9'.repeat(393)}`;
      assert.equal(text.length, 405);
      const res = await request(app).post('/webchat').set('authorization', `Bearer ${session.body.token}`).send({ messageId: 'm-1', text });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.errorCode, undefined, res.text);
      assert.doesNotMatch(res.body.text, /something went wrong/i);
      assert.equal(await SessionModel.countDocuments({ channel: 'webchat' }), 1, 'the session was saved');
    });

    it('a Messenger message of 20,000 digits is answered without stalling the process', async function () {
      this.timeout(120_000);
      nock('https://graph.facebook.com').persist().post('/v21.0/me/messages').reply(200, { recipient_id: 'PSID-LONG', message_id: 'mid.reply' });
      let mid = 0;
      const deliver = async (text: string): Promise<number> => {
        const raw = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: 'PSID-LONG' }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid: `m_${++mid}`, text } }] }] });
        const start = performance.now();
        const res = await request(app).post('/messenger').set('content-type', 'application/json').set('x-hub-signature-256', metaSignature(raw, config.META_APP_SECRET!)).send(raw);
        assert.equal(res.status, 200);
        await drainBackground();
        return performance.now() - start;
      };
      await deliver('hello');
      const normal = Math.min(await deliver('show me cookies'), await deliver('what is in my cart'), await deliver('gift under $30'));
      const long = await deliver(`gift ${'9'.repeat(19_995)}`);
      assert.ok(long / normal < 100, `the long message took ${(long / normal).toFixed(0)}x a normal one`);
      const replies = await OutboxModel.find().lean();
      assert.ok(replies.length >= 4, 'every message was answered');
      assert.doesNotMatch(JSON.stringify(replies), /something went wrong/i);
    });
  });
});
