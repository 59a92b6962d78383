import assert from 'node:assert/strict';
import { WHATSAPP_LIMITS as L } from '../../../src/channels/whatsapp/capabilities';
import { isInsideServiceWindow } from '../../../src/channels/meta/service-window';
import {
  renderWhatsAppMessages,
  utilityTemplateMessage,
  type WhatsAppMessage,
} from '../../../src/channels/whatsapp/render';
import { splitText } from '../../../src/channels/text-fit';
import { PAYLOADS } from '../../../src/conversation/understand';
import type { Choice, ProductCard, Reply } from '../../../src/conversation/turn';

const reply = (fields: Partial<Reply>): Reply => ({ speech: '', text: '', endSession: false, ...fields });
const choice = (id: string, label: string): Choice => ({ id, label });
const card = (n: number, title = `Product ${n}`): ProductCard => ({
  sku: `SKU-${String(n).padStart(3, '0')}`,
  title,
  subtitle: `$${n}.00`,
  choices: [choice(PAYLOADS.add(`SKU-${String(n).padStart(3, '0')}`), `Add ${title}`)],
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function within(value: string | undefined, max: number, what: string): void {
  if (value === undefined) return;
  assert.ok(value.length > 0, `${what} is not empty`);
  assert.ok(value.length <= max, `${what} is ${value.length} > ${max}: ${value.slice(0, 40)}…`);
  assert.ok(!LONE_SURROGATE.test(value), `${what} keeps surrogate pairs whole`);
}

/** Every WhatsApp Cloud API limit the renderer promises, checked on every message. */
function assertWithinLimits(messages: WhatsAppMessage[]): void {
  for (const message of messages) {
    assert.ok(!('messaging_product' in message) && !('to' in message), 'the client adds messaging_product and to');
    if (message.type === 'text') {
      within(message.text.body, L.textBody, 'text body');
      continue;
    }
    if (message.type === 'template') continue;
    const i = message.interactive;
    if ('body' in i && i.body) within(i.body.text, L.interactiveBody, 'interactive body');
    if (i.type === 'button') {
      assert.ok(i.action.buttons.length >= 1 && i.action.buttons.length <= L.replyButtons, 'button count');
      const titles = i.action.buttons.map((b) => b.reply.title);
      assert.equal(new Set(titles).size, titles.length, 'button titles are unique');
      for (const b of i.action.buttons) {
        within(b.reply.title, L.buttonTitle, 'button title');
        within(b.reply.id, L.buttonId, 'button id');
      }
    } else if (i.type === 'list') {
      within(i.action.button, L.listButtonLabel, 'list button');
      assert.ok(i.action.sections.length <= L.listSections, 'list sections');
      const rows = i.action.sections.flatMap((s) => s.rows);
      assert.ok(rows.length >= 1 && rows.length <= L.listRows, `list rows ${rows.length}`);
      for (const s of i.action.sections) within(s.title, L.listSectionTitle, 'section title');
      for (const r of rows) {
        within(r.title, L.listRowTitle, 'row title');
        within(r.description, L.listRowDescription, 'row description');
        within(r.id, L.listRowId, 'row id');
      }
    } else if (i.type === 'product_list') {
      within(i.header.text, L.headerText, 'header');
      assert.ok(i.action.sections.length >= 1 && i.action.sections.length <= L.productListSections, 'product sections');
      const items = i.action.sections.flatMap((s) => s.product_items);
      assert.ok(items.length >= 1 && items.length <= L.productListItems, `products ${items.length}`);
    }
  }
}

const allText = (messages: WhatsAppMessage[]): string =>
  messages
    .map((m) => (m.type === 'text' ? m.text.body : m.type === 'interactive' && 'body' in m.interactive ? (m.interactive.body?.text ?? '') : ''))
    .join(' ');
const squash = (s: string): string => s.replace(/\s+/g, '');

describe('WhatsApp renderer', () => {
  describe('oversized replies stay within every limit', () => {
    it('30 product cards, with and without a catalog', () => {
      const cards = Array.from({ length: 35 }, (_, n) => card(n + 1));
      const big = reply({ text: 'Here is everything we have.', cards, choices: [choice(PAYLOADS.viewCart, 'View cart')] });
      const withCatalog = renderWhatsAppMessages(big, { catalogId: 'CAT-1' });
      assertWithinLimits(withCatalog);
      const list = withCatalog.find((m) => m.type === 'interactive' && m.interactive.type === 'product_list');
      assert.ok(list && list.type === 'interactive' && list.interactive.type === 'product_list');
      assert.equal(list.interactive.action.sections[0]!.product_items.length, 30);
      const without = renderWhatsAppMessages(big, {});
      assertWithinLimits(without);
      // 36 choices (35 cards + view cart): numbered text, all of them.
      assert.ok(without.every((m) => m.type === 'text'));
      assert.match(allText(without), /1\. View cart\n2\. Add Product 1\n[^]*36\. Add Product 35/);
    });

    it('40 choices degrade to a numbered text list', () => {
      const choices = Array.from({ length: 40 }, (_, n) => choice(`PICK:SKU-${n}`, `Choice number ${n + 1}`));
      const messages = renderWhatsAppMessages(reply({ text: 'Pick one:', choices }), {});
      assertWithinLimits(messages);
      assert.deepEqual(messages, [
        { type: 'text', text: { body: `Pick one:\n\n${choices.map((c, n) => `${n + 1}. ${c.label}`).join('\n')}` } },
      ]);
    });

    it('a 5000-character text is split at sentence boundaries, nothing lost, and the tail carries the buttons', () => {
      const sentence = 'This coffee is roasted in small batches every single morning. ';
      const long = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000);
      const plain = renderWhatsAppMessages(reply({ text: long }), {});
      assertWithinLimits(plain);
      assert.equal(plain.length, 2);
      assert.equal(squash(allText(plain)), squash(long));
      const first = plain[0]!;
      assert.ok(first.type === 'text' && first.text.body.endsWith('.'), 'first part ends on a sentence');

      const withButtons = renderWhatsAppMessages(reply({ text: long, choices: [choice('YES', 'Yes'), choice('NO', 'No')] }), {});
      assertWithinLimits(withButtons);
      assert.equal(squash(allText(withButtons)), squash(long));
      const last = withButtons.at(-1)!;
      assert.ok(last.type === 'interactive' && last.interactive.type === 'button');
    });

    it('emoji-heavy text never breaks a surrogate pair or a grapheme', () => {
      const emoji = '☕️👍🏽🇺🇸👨‍👩‍👧😀';
      const heavy = emoji.repeat(800); // no spaces at all: hard cuts only
      for (const choices of [undefined, [choice('YES', '👍🏽'.repeat(30))], Array.from({ length: 6 }, (_, n) => choice(`C${n}`, `${n}${'😀'.repeat(40)}`))]) {
        const messages = renderWhatsAppMessages(reply({ text: heavy, choices }), {});
        assertWithinLimits(messages);
        assert.equal(allText(messages).replace(/ /g, ''), heavy, 'every grapheme is kept, in order');
      }
      for (const chunk of splitText(heavy, { units: 100 })) assert.ok(chunk.startsWith('☕️'), 'cuts fall between whole sequences');
    });

    it('200-character titles, labels and subtitles are trimmed with an ellipsis', () => {
      const long = 'Extraordinarily Long Product Name '.repeat(6).slice(0, 200);
      const cards = [card(1, long), card(2, `${long}!`), card(3, long)];
      for (const options of [{}, { catalogId: 'CAT-1' }]) {
        assertWithinLimits(renderWhatsAppMessages(reply({ text: long, cards }), options));
      }
      const buttons = renderWhatsAppMessages(reply({ text: 'Which?', choices: [choice('A', long), choice('B', long), choice('C', long)] }), {});
      assertWithinLimits(buttons);
      const list = renderWhatsAppMessages(reply({ text: 'Which?', choices: Array.from({ length: 8 }, (_, n) => choice(`R${n}`, long)) }), {});
      assertWithinLimits(list);
      const first = buttons[0]!;
      assert.ok(first.type === 'interactive' && first.interactive.type === 'button');
      assert.ok(first.interactive.action.buttons[0]!.reply.title.endsWith('…'));
    });
  });

  describe('exact shapes', () => {
    it('a text with 2 choices is a reply-button message', () => {
      const messages = renderWhatsAppMessages(
        reply({ text: 'Place the order for $12.99?', choices: [choice(PAYLOADS.yes, 'Yes, place it'), choice(PAYLOADS.no, 'No')] }),
        {},
      );
      assert.deepEqual(messages, [
        {
          type: 'interactive',
          interactive: {
            type: 'button',
            body: { text: 'Place the order for $12.99?' },
            action: {
              buttons: [
                { type: 'reply', reply: { id: 'YES', title: 'Yes, place it' } },
                { type: 'reply', reply: { id: 'NO', title: 'No' } },
              ],
            },
          },
        },
      ]);
    });

    it('6 choices are a list message, long labels carried on in the description', () => {
      const labels = ['Colombian coffee', 'Ethiopian Yirgacheffe single origin beans', 'Green tea', 'Earl Grey', 'Hot chocolate', 'Chai'];
      const choices = labels.map((label, n) => choice(PAYLOADS.pick(`SKU-${n}`), label));
      const messages = renderWhatsAppMessages(reply({ text: 'Which one?', choices }), {});
      assert.deepEqual(messages, [
        {
          type: 'interactive',
          interactive: {
            type: 'list',
            body: { text: 'Which one?' },
            action: {
              button: 'Options',
              sections: [
                {
                  rows: [
                    { id: 'PICK:SKU-0', title: 'Colombian coffee' },
                    { id: 'PICK:SKU-1', title: 'Ethiopian Yirgacheffe…', description: 'single origin beans' },
                    { id: 'PICK:SKU-2', title: 'Green tea' },
                    { id: 'PICK:SKU-3', title: 'Earl Grey' },
                    { id: 'PICK:SKU-4', title: 'Hot chocolate' },
                    { id: 'PICK:SKU-5', title: 'Chai' },
                  ],
                },
              ],
            },
          },
        },
      ]);
    });

    const threeCards = reply({ text: 'Here are three coffees:', cards: [card(1), card(2), card(3)], choices: [choice(PAYLOADS.viewCart, 'View cart')] });

    it('3 cards with a catalog id are a product_list, then the reply choices', () => {
      assert.deepEqual(renderWhatsAppMessages(threeCards, { catalogId: 'CAT-1' }), [
        {
          type: 'interactive',
          interactive: {
            type: 'product_list',
            header: { type: 'text', text: 'Products' },
            body: { text: 'Here are three coffees:' },
            action: {
              catalog_id: 'CAT-1',
              sections: [{ product_items: [{ product_retailer_id: 'SKU-001' }, { product_retailer_id: 'SKU-002' }, { product_retailer_id: 'SKU-003' }] }],
            },
          },
        },
        {
          type: 'interactive',
          interactive: {
            type: 'button',
            body: { text: 'Please choose:' },
            action: { buttons: [{ type: 'reply', reply: { id: 'VIEW_CART', title: 'View cart' } }] },
          },
        },
      ]);
    });

    it('1 card with a catalog id is a single product message', () => {
      assert.deepEqual(renderWhatsAppMessages(reply({ text: 'This one?', cards: [card(7)] }), { catalogId: 'CAT-1' }), [
        { type: 'interactive', interactive: { type: 'product', body: { text: 'This one?' }, action: { catalog_id: 'CAT-1', product_retailer_id: 'SKU-007' } } },
      ]);
    });

    it('3 cards without a catalog id are text lines, then every choice as a list', () => {
      assert.deepEqual(renderWhatsAppMessages(threeCards, {}), [
        {
          type: 'interactive',
          interactive: {
            type: 'list',
            body: { text: 'Here are three coffees:\n\nProduct 1 — $1.00\nProduct 2 — $2.00\nProduct 3 — $3.00' },
            action: {
              button: 'Options',
              sections: [
                {
                  rows: [
                    { id: 'VIEW_CART', title: 'View cart' },
                    { id: 'ADD:SKU-001', title: 'Add Product 1' },
                    { id: 'ADD:SKU-002', title: 'Add Product 2' },
                    { id: 'ADD:SKU-003', title: 'Add Product 3' },
                  ],
                },
              ],
            },
          },
        },
      ]);
    });

    it('silent and empty replies send nothing; plain text is one text message', () => {
      assert.deepEqual(renderWhatsAppMessages(reply({ text: 'hidden', silent: true, choices: [choice('YES', 'Yes')] }), {}), []);
      assert.deepEqual(renderWhatsAppMessages(reply({ text: '  ' }), {}), []);
      assert.deepEqual(renderWhatsAppMessages(reply({ text: 'Your order is on its way.' }), {}), [{ type: 'text', text: { body: 'Your order is on its way.' } }]);
    });
  });

  describe('customer service window', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const ago = (ms: number): Date => new Date(now.getTime() - ms);
    const MINUTE = 60_000;
    it('is open at 23h59 and closed at 24h01, and without an inbound message', () => {
      assert.equal(isInsideServiceWindow(ago((23 * 60 + 59) * MINUTE), now), true);
      assert.equal(isInsideServiceWindow(ago((24 * 60 + 1) * MINUTE), now), false);
      assert.equal(isInsideServiceWindow(ago(24 * 60 * MINUTE), now), false);
      assert.equal(isInsideServiceWindow(null, now), false);
      assert.equal(isInsideServiceWindow(undefined, now), false);
    });
  });

  describe('utility template', () => {
    it('builds a template message with text body parameters', () => {
      assert.deepEqual(utilityTemplateMessage('order_shipped', 'en_US', ['Alice', 'A-1001\nline two']), {
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { policy: 'deterministic', code: 'en_US' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Alice' },
                { type: 'text', text: 'A-1001 line two' },
              ],
            },
          ],
        },
      });
      assert.deepEqual(utilityTemplateMessage('hello', 'en', []), { type: 'template', template: { name: 'hello', language: { policy: 'deterministic', code: 'en' } } });
    });
  });
});
