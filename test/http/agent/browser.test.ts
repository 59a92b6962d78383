import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createApp } from '../../../src/http/app';
import { createStaffAccount } from '../../../src/services/staff';
import { startBrowserHarness, type BrowserHarness } from '../../support/chromium';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { nock, withFakeHttp } from '../../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../../support/meta-webhooks';
import { waitUntil } from '../../support/processes';
import { STAFF_PASSWORD } from '../../support/staff';

/** Where the test leaves its screenshot (test-output/ is gitignored). */
const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'test-output', 'agent-inbox.png');
const PHONE = '15550104444';
const config = testConfig({ HANDOFF_OPENING_HOURS: 'always' });
const MESSAGES_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;

describe('the agent inbox in a browser (issue 19)', () => {
  withFakeHttp();
  let harness: BrowserHarness | undefined;
  let baseUrl: string;
  let browser: Browser | undefined;
  const app = createApp({ config, log: silentLog });
  /** Every WhatsApp message the fake Graph API received, in order. */
  let sent: Record<string, unknown>[] = [];
  let messageNumber = 0;

  function shopperWrites(text: string): Promise<unknown> {
    messageNumber += 1;
    return postMetaWebhook(app, '/whatsapp', whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: PHONE, name: 'Wanda', message: { id: `wamid.IN${messageNumber}`, type: 'text', text: { body: text } } })).expect(200);
  }

  before(async () => {
    harness = await startBrowserHarness(app);
    ({ baseUrl, browser } = harness);
  });

  after(() => harness?.close());

  it('an agent signs in, claims a WhatsApp shopper from the live queue, shares a product and replies, sees the next message live, resolves, and the bot answers again', async () => {
    await freshDemoStore();
    nock(config.GRAPH_API_BASE_URL)
      .persist()
      .post(MESSAGES_PATH, (body: Record<string, unknown>) => {
        sent.push(body);
        return true;
      })
      .reply(200, { messages: [{ id: 'wamid.OUT' }] });
    // The shopper has ordered before (the agent should see it), then asks for a person through the signed webhook.
    await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const earlier = new Shopper('whatsapp', PHONE);
    earlier.now = new Date(Date.now() - 60 * 60_000);
    for (const line of ['add pasta', 'checkout', 'yes']) await earlier.later(1).says(line);
    const orderNumber = /^Done\. Your order number is (\d{3}-\d{3})/.exec(earlier.last.text)?.[1];
    assert.ok(orderNumber, earlier.last.text);
    await createStaffAccount({ name: 'Ana Agent', email: 'ana@shop.example', password: STAFF_PASSWORD, role: 'agent' });

    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      // 1. The agent signs in (the inbox sends them to the sign-in page first).
      await page.goto(`${baseUrl}/agent`);
      await page.getByLabel('E-mail address').fill('ana@shop.example');
      await page.getByLabel('Password').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Agent inbox' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/agent');

      // 2. The shopper asks for a person; the queue entry appears without a reload.
      sent = [];
      await shopperWrites('I want to talk to a person');
      const entry = page.locator('#queue button').first();
      await entry.waitFor({ timeout: 30_000 });
      assert.match((await entry.textContent()) ?? '', /^whatsapp · asked · /);
      await waitUntil(() => sent.length === 1, 10_000, "the bot's handoff message");
      assert.deepEqual(sent[0], { messaging_product: 'whatsapp', recipient_type: 'individual', to: PHONE, type: 'text', text: { body: "I'm passing you to a person on our team; they usually answer here within about 5 minutes. Type menu to come back to me." } });

      // 3. The agent claims it and sees the transcript and the shopper's last order.
      await entry.click();
      await page.getByRole('button', { name: 'Claim' }).click();
      await page.locator('#action-status', { hasText: 'Claimed.' }).waitFor();
      await page.locator('#transcript', { hasText: 'Customer: I want to talk to a person' }).waitFor();
      await page.locator('#customer-orders', { hasText: orderNumber }).waitFor();
      assert.match((await page.locator('#reply-check').textContent()) ?? '', /^Free text possible\. WhatsApp: inside the 24-hour customer service window/);

      // The agent tags what the shopper wants, for marketing: the panel shows the tag as stored (lowercase).
      await page.getByLabel('Add an interest').fill('Earl Grey');
      await page.getByRole('button', { name: 'Add interest' }).click();
      await page.locator('#customer-interests', { hasText: 'earl-grey' }).waitFor();

      // 4. The agent shares a product card and replies: exactly these WhatsApp messages reach the Graph API.
      sent = [];
      await page.getByLabel('Find a product').fill('earl grey tea');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('button', { name: 'Share Earl Grey Tea' }).click();
      await page.getByLabel('Reply').fill('Hi Wanda, this one is lovely with lemon.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.locator('#action-status', { hasText: 'Reply sent.' }).waitFor();
      await waitUntil(() => sent.length >= 1, 10_000, "the agent's reply");
      assert.deepEqual(sent, EXPECTED_REPLY);

      // 5. The shopper's next message appears live; the bot stays quiet.
      sent = [];
      await shopperWrites('Thanks! Is it decaf?');
      await page.locator('#transcript', { hasText: 'Customer: Thanks! Is it decaf?' }).waitFor({ timeout: 30_000 });
      assert.deepEqual(sent, [], 'the bot keeps quiet while the agent has the conversation');

      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(existsSync(SCREENSHOT));

      // 6. The agent resolves; the bot answers the shopper's following message, greeting them back.
      await page.getByRole('button', { name: 'Resolve' }).click();
      await page.locator('#action-status', { hasText: 'Resolved' }).waitFor();
      await shopperWrites('show me coffee');
      await waitUntil(() => sent.length >= 1, 10_000, "the bot's answer after the resolve");
      assert.match(JSON.stringify(sent[0]), /Thanks for talking with our team\. You're back with the shopping assistant\. Here's what I found: /);
    } finally {
      await page.close();
    }
  });
});

/** The agent's words and the shared product as one WhatsApp reply-button message: the card's "add" button adds it to the shopper's cart. */
const EXPECTED_REPLY: Record<string, unknown>[] = [
  {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: PHONE,
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: 'Hi Wanda, this one is lovely with lemon.\n\nEarl Grey Tea — $5.99 · Classic black tea scented with bergamot, 40 tea bags.' },
      action: { buttons: [{ type: 'reply', reply: { id: 'ADD:TEA-001', title: 'Add Earl Grey Tea' } }] },
    },
  },
];
