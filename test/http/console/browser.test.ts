import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyzeSms } from '../../../src/channels/sms/segments';
import { createApp } from '../../../src/http/app';
import { freshDemoStore } from '../../support/commerce';
import { findChromium, startBrowserHarness, type BrowserHarness } from '../../support/chromium';
import { silentLog, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { unescapeXml } from '../../support/scripts/driver';

const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'test-output', 'console-sms.png');

describe('finding Chromium for the browser tests', () => {
  it('says plainly when Chromium is missing and how to install it', () => {
    assert.throws(() => findChromium(['/nonexistent/chromium']), /Chromium is not installed \(looked for \/nonexistent\/chromium\).*Install it with: sudo apt-get install -y chromium/);
  });
});

describe('developer console in a browser', () => {
  let harness: BrowserHarness | undefined;
  let baseUrl: string;
  let browser: Browser | undefined;

  before(async () => {
    harness = await startBrowserHarness(createApp({ config: testConfig(), log: silentLog }));
    ({ baseUrl, browser } = harness);
  });

  after(() => harness?.close());

  beforeEach(freshDemoStore);

  it('sends "reorder my usual" on SMS for a demo customer with past orders and shows the TwiML and its segment count', async () => {
    const alice = new Shopper('sms', '+15550100001', { voice: false });
    for (const line of ['add pasta', 'checkout', 'yes']) await alice.says(line);
    assert.match(alice.last.text, /^Done\./, 'Alice has a past order');

    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${baseUrl}/console`);
      await page.getByLabel('Channel', { exact: true }).selectOption('sms');
      await page.getByLabel('Customer', { exact: true }).selectOption('alice');
      const message = page.getByLabel('Message', { exact: true });
      await message.fill('reorder my usual');
      // Sent from the keyboard: Enter in the labelled field submits the form.
      await message.press('Enter');

      const output = page.locator('#channel-output');
      await output.filter({ hasText: '<Response>' }).waitFor({ timeout: 60_000 });
      const twiml = (await output.textContent()) ?? '';
      assert.match(twiml, /^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Message>[\s\S]+<\/Message><\/Response>$/);
      const body = unescapeXml(/<Message>([\s\S]*)<\/Message>/.exec(twiml)![1]!);
      assert.match(body, /had 1 Pasta\./);

      assert.equal(await page.locator('#channel-heading').textContent(), 'What SMS receives');
      const segments = await page.locator('#fact-segments').textContent();
      assert.equal(segments, String(analyzeSms(body).segments));
      assert.equal(await page.locator('#fact-encoding').textContent(), 'GSM-7');
      assert.match((await page.locator('#neutral-reply').textContent()) ?? '', /"confirmation": \{\s+"kind": "reorder"/);
      assert.match((await page.locator('#transcript').textContent()) ?? '', /You: reorder my usual/);

      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(existsSync(SCREENSHOT));
    } finally {
      await page.close();
    }
  });
});
