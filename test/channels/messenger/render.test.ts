import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifyMetaSignature } from '../../../src/channels/meta/signature';
import { MESSENGER_LIMITS, PLATFORM_CAPABILITIES, type MessengerPlatform } from '../../../src/channels/messenger/capabilities';
import { renderMessengerMessages, renderWithCapabilities, type MessengerMessage } from '../../../src/channels/messenger/render';
import type { Choice, ProductCard, Reply } from '../../../src/conversation/turn';
import { PAYLOADS } from '../../../src/conversation/understand';

const L = MESSENGER_LIMITS;
const PLATFORMS: MessengerPlatform[] = ['messenger', 'instagram'];

function reply(overrides: Partial<Reply>): Reply {
  return { speech: '', text: '', endSession: false, ...overrides };
}

function card(i: number, overrides: Partial<ProductCard> = {}): ProductCard {
  return {
    sku: `COF-${String(i).padStart(3, '0')}`,
    title: `Coffee ${i}`,
    subtitle: `£${i}.00 · in stock`,
    imageUrl: `https://cdn.example.com/${i}.jpg`,
    choices: [
      { id: PAYLOADS.add(`COF-${i}`), label: 'Add to cart' },
      { id: PAYLOADS.pick(`COF-${i}`), label: 'Details' },
    ],
    ...overrides,
  };
}

/** A lone surrogate means a pair was cut in half. */
function assertWellFormed(text: string, what: string): void {
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), `${what} has a broken surrogate pair`);
  assert.ok(text.length > 0, `${what} is empty`);
}

/** Every documented limit, checked on every field of every message. */
function assertWithinLimits(messages: MessengerMessage[], platform: MessengerPlatform): void {
  const maxBytes = PLATFORM_CAPABILITIES[platform].textUtf8Bytes;
  messages.forEach((message, index) => {
    const at = `${platform} message ${index}`;
    if (message.quick_replies) {
      assert.equal(index, messages.length - 1, `${at}: quick replies only on the last message`);
      assert.ok(message.quick_replies.length >= 1 && message.quick_replies.length <= L.quickReplies, `${at}: quick reply count`);
      if (platform === 'instagram') assert.ok('text' in message, `${at}: Instagram quick replies ride on text`);
      for (const qr of message.quick_replies) {
        assertWellFormed(qr.title, `${at} quick reply title`);
        assert.ok(qr.title.length <= L.quickReplyTitleCharacters, `${at}: quick reply title "${qr.title}"`);
        assert.ok(qr.payload.length > 0 && qr.payload.length <= L.quickReplyPayloadCharacters, `${at}: quick reply payload`);
      }
    }
    if ('text' in message) {
      assertWellFormed(message.text, at);
      assert.ok(message.text.length <= L.textCharacters, `${at}: text of ${message.text.length}`);
      if (maxBytes) assert.ok(Buffer.byteLength(message.text) <= maxBytes, `${at}: ${Buffer.byteLength(message.text)} bytes`);
      return;
    }
    const payload = message.attachment.payload;
    if (payload.template_type === 'button') {
      assert.ok(PLATFORM_CAPABILITIES[platform].buttonTemplate);
      assertWellFormed(payload.text, `${at} button template text`);
      assert.ok(payload.text.length <= L.buttonTemplateTextCharacters, `${at}: button template text`);
      assert.ok(payload.buttons.length >= 1 && payload.buttons.length <= L.buttonTemplateButtons, `${at}: button count`);
      for (const button of payload.buttons) {
        assert.ok(button.title.length <= L.buttonTitleCharacters && ('payload' in button ? button.payload.length : 0) <= L.postbackPayloadCharacters, `${at}: button`);
      }
      return;
    }
    assert.ok(payload.elements.length >= 1 && payload.elements.length <= L.genericElements, `${at}: element count`);
    for (const element of payload.elements) {
      assertWellFormed(element.title, `${at} element title`);
      assert.ok(element.title.length <= L.genericTitleCharacters, `${at}: element title`);
      if (element.subtitle !== undefined) assert.ok(element.subtitle.length <= L.genericSubtitleCharacters, `${at}: subtitle`);
      if (element.image_url !== undefined) assert.match(element.image_url, /^https:\/\//);
      assert.ok((element.buttons ?? []).length <= L.genericButtonsPerElement, `${at}: buttons per element`);
      for (const button of element.buttons ?? []) {
        assertWellFormed(button.title, `${at} button title`);
        assert.ok(button.title.length <= L.buttonTitleCharacters, `${at}: button title`);
        assert.ok(button.payload.length <= L.postbackPayloadCharacters, `${at}: button payload`);
      }
    }
  });
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const textsOf = (messages: MessengerMessage[]): string[] => messages.flatMap((m) => ('text' in m ? [m.text] : []));

describe('Messenger rendering', () => {
  describe('oversized replies stay within every limit', () => {
    const long = 'x'.repeat(200);
    const manyChoices: Choice[] = Array.from({ length: 40 }, (_, i) => ({ id: PAYLOADS.pick(`SKU-${i}`), label: `Option ${i} ${long}` }));
    const sentences = Array.from({ length: 120 }, (_, i) => `Sentence number ${i} talks about freshly roasted coffee beans.`).join(' ');
    const emojiText = Array.from({ length: 900 }, (_, i) => (i % 7 === 0 ? '👨‍👩‍👧‍👦' : i % 3 === 0 ? '☕️ ' : '🇬🇧')).join('');

    const cases: [string, Reply][] = [
      ['30 product cards', reply({ text: 'Here is everything we roast.', cards: Array.from({ length: 30 }, (_, i) => card(i)) })],
      ['40 choices', reply({ text: 'Which one?', choices: manyChoices })],
      ['5000-character text', reply({ text: sentences.slice(0, 5000), choices: [{ id: 'HELP', label: 'Help' }] })],
      ['emoji-heavy text', reply({ text: emojiText, choices: [{ id: 'YES', label: '👍👍👍👍👍👍👍👍👍👍👍👍' }] })],
      [
        '200-character titles',
        reply({
          text: long,
          cards: [card(1, { title: long, subtitle: long, choices: [{ id: 'ADD:1', label: long }, { id: 'A', label: long }, { id: 'B', label: 'b' }, { id: 'C', label: 'c' }] })],
          choices: [{ id: 'HELP', label: long }],
        }),
      ],
      ['one word longer than a message', reply({ text: 'y'.repeat(4500) })],
      ['everything at once', reply({ text: sentences, cards: Array.from({ length: 30 }, (_, i) => card(i, { title: long })), choices: manyChoices.slice(0, 13) })],
      ['a confirmation with a long question', reply({ text: sentences.slice(0, 1500), confirmation: { kind: 'purchase', token: 't' }, choices: [{ id: 'YES', label: 'Yes' }, { id: 'NO', label: 'No' }] })],
    ];
    for (const platform of PLATFORMS) {
      for (const [name, r] of cases) {
        it(`${platform}: ${name}`, () => {
          const messages = renderMessengerMessages(r, { platform });
          assert.ok(messages.length > 0);
          assertWithinLimits(messages, platform);
        });
      }
    }

    it('shows the first 10 of 30 cards and says how many more', () => {
      const messages = renderMessengerMessages(reply({ text: 'All of them.', cards: Array.from({ length: 30 }, (_, i) => card(i)) }), { platform: 'messenger' });
      assert.equal(messages.length, 3);
      const carousel = messages[1];
      assert.ok(carousel && 'attachment' in carousel && carousel.attachment.payload.template_type === 'generic');
      assert.deepEqual(carousel.attachment.payload.elements.map((e) => e.title), Array.from({ length: 10 }, (_, i) => `Coffee ${i}`));
      assert.deepEqual(messages[2], { text: 'and 20 more…' });
    });

    it('degrades 40 choices to a numbered list with no quick replies', () => {
      const messages = renderMessengerMessages(reply({ text: 'Which one?', choices: manyChoices }), { platform: 'messenger' });
      assert.ok(messages.every((m) => !m.quick_replies));
      const list = textsOf(messages).slice(1).join('\n');
      assert.match(list, /^1\. Option 0 x+$/m);
      assert.match(list, /^40\. Option 39 x+$/m);
    });

    it('splits 5000 characters at sentence ends, never inside a word', () => {
      const text = sentences.slice(0, 5000).replace(/\s\S*$/, '');
      const messages = renderMessengerMessages(reply({ text }), { platform: 'messenger' });
      const texts = textsOf(messages);
      assert.equal(texts.length, 3);
      assert.deepEqual(words(texts.join(' ')), words(text));
      for (const chunk of texts.slice(0, -1)) assert.match(chunk, /\.$/);
    });

    it('splits emoji-heavy text between graphemes, within Instagram bytes', () => {
      for (const platform of PLATFORMS) {
        const texts = textsOf(renderMessengerMessages(reply({ text: emojiText }), { platform }));
        assert.ok(texts.length > 1);
        assert.equal(texts.join('').replace(/\s/g, ''), emojiText.replace(/\s/g, ''));
      }
    });

    it('trims 200-character titles with an ellipsis and drops non-https images', () => {
      const [element] = (() => {
        const [message] = renderMessengerMessages(reply({ cards: [card(1, { title: long, subtitle: long, imageUrl: 'http://cdn.example.com/1.jpg' })] }), { platform: 'messenger' });
        assert.ok(message && 'attachment' in message && message.attachment.payload.template_type === 'generic');
        return message.attachment.payload.elements;
      })();
      assert.equal(element?.title, `${'x'.repeat(79)}…`);
      assert.equal(element?.subtitle, `${'x'.repeat(79)}…`);
      assert.equal(element?.image_url, undefined);
    });

    it('trims a quick reply title of emoji without splitting one', () => {
      const [message] = renderMessengerMessages(reply({ text: 'Rate it', choices: [{ id: 'R', label: '😀'.repeat(15) }] }), { platform: 'messenger' });
      assert.equal(message?.quick_replies?.[0]?.title, `${'😀'.repeat(9)}…`);
    });
  });

  describe('exact shapes', () => {
    it('text with two quick replies', () => {
      const r = reply({ text: 'Anything else?', choices: [{ id: PAYLOADS.checkout, label: 'Checkout' }, { id: PAYLOADS.viewCart, label: 'View my shopping cart' }] });
      const expected = [
        {
          text: 'Anything else?',
          quick_replies: [
            { content_type: 'text', title: 'Checkout', payload: 'CHECKOUT' },
            { content_type: 'text', title: 'View my shopping…', payload: 'VIEW_CART' },
          ],
        },
      ];
      assert.deepEqual(renderMessengerMessages(r, { platform: 'messenger' }), expected);
      assert.deepEqual(renderMessengerMessages(r, { platform: 'instagram' }), expected);
    });

    it('a carousel of 3 cards', () => {
      const cards = [1, 2, 3].map((i) => card(i));
      cards[2] = card(3, { imageUrl: undefined, choices: [{ id: 'ADD:COF-3', label: 'Add' }] });
      assert.deepEqual(renderMessengerMessages(reply({ text: 'Our top three:', cards }), { platform: 'messenger' }), [
        { text: 'Our top three:' },
        {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'generic',
              elements: [
                {
                  title: 'Coffee 1',
                  subtitle: '£1.00 · in stock',
                  image_url: 'https://cdn.example.com/1.jpg',
                  buttons: [
                    { type: 'postback', title: 'Add to cart', payload: 'ADD:COF-1' },
                    { type: 'postback', title: 'Details', payload: 'PICK:COF-1' },
                  ],
                },
                {
                  title: 'Coffee 2',
                  subtitle: '£2.00 · in stock',
                  image_url: 'https://cdn.example.com/2.jpg',
                  buttons: [
                    { type: 'postback', title: 'Add to cart', payload: 'ADD:COF-2' },
                    { type: 'postback', title: 'Details', payload: 'PICK:COF-2' },
                  ],
                },
                { title: 'Coffee 3', subtitle: '£3.00 · in stock', buttons: [{ type: 'postback', title: 'Add', payload: 'ADD:COF-3' }] },
              ],
            },
          },
        },
      ]);
    });

    it('a Yes/No confirmation as a button template', () => {
      const r = reply({
        text: 'Order 2 Colombian coffee for £12.00?',
        confirmation: { kind: 'purchase', token: 'tok' },
        choices: [{ id: PAYLOADS.yes, label: 'Yes' }, { id: PAYLOADS.no, label: 'No' }],
      });
      const expected = [
        {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'Order 2 Colombian coffee for £12.00?',
              buttons: [
                { type: 'postback', title: 'Yes', payload: 'YES' },
                { type: 'postback', title: 'No', payload: 'NO' },
              ],
            },
          },
        },
      ];
      assert.deepEqual(renderMessengerMessages(r, { platform: 'messenger' }), expected);
      assert.deepEqual(renderMessengerMessages(r, { platform: 'instagram' }), expected);
      // Where the button template is missing: the same question with quick replies.
      assert.deepEqual(renderWithCapabilities(r, { ...PLATFORM_CAPABILITIES.instagram, buttonTemplate: false }), [
        {
          text: 'Order 2 Colombian coffee for £12.00?',
          quick_replies: [
            { content_type: 'text', title: 'Yes', payload: 'YES' },
            { content_type: 'text', title: 'No', payload: 'NO' },
          ],
        },
      ]);
    });

    it('silent sends nothing', () => {
      assert.deepEqual(renderMessengerMessages(reply({ text: 'hello', silent: true }), { platform: 'messenger' }), []);
    });

    it('Instagram: quick replies move onto the question after a carousel', () => {
      const r = reply({ text: 'Pick one', cards: [card(1)], choices: [{ id: 'HELP', label: 'Help' }] });
      const ig = renderMessengerMessages(r, { platform: 'instagram' });
      assert.ok('attachment' in ig[0]!);
      assert.deepEqual(ig[1], { text: 'Pick one', quick_replies: [{ content_type: 'text', title: 'Help', payload: 'HELP' }] });
      const fb = renderMessengerMessages(r, { platform: 'messenger' });
      assert.deepEqual(fb[0], { text: 'Pick one' });
      assert.deepEqual(fb[1]?.quick_replies, [{ content_type: 'text', title: 'Help', payload: 'HELP' }]);
    });
  });
});

describe('verifyMetaSignature', () => {
  const secret = 'app-secret-123';
  // Meta sends non-ASCII as \u escapes; JSON.stringify of the parsed body writes the characters.
  const raw = Buffer.from('{"object":"page","entry":[{"messaging":[{"message":{"text":"caf\\u00e9 \\ud83d\\ude00"}}]}]}', 'utf8');
  const sign = (body: Buffer | string, key = secret): string => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

  it('accepts a valid signature (any hex case)', () => {
    assert.deepEqual(verifyMetaSignature(raw, sign(raw), secret), { ok: true });
    assert.deepEqual(verifyMetaSignature(raw, sign(raw).toUpperCase().replace('SHA256=', 'sha256='), secret), { ok: true });
  });

  it('reports a missing header', () => {
    assert.deepEqual(verifyMetaSignature(raw, undefined, secret), { ok: false, reason: 'missing' });
    assert.deepEqual(verifyMetaSignature(raw, '', secret), { ok: false, reason: 'missing' });
  });

  it('rejects a signature made with another secret', () => {
    assert.deepEqual(verifyMetaSignature(raw, sign(raw, 'other-secret'), secret), { ok: false, reason: 'mismatch' });
  });

  it('rejects a body changed by one byte', () => {
    const changed = Buffer.from(raw);
    changed[10] = changed[10]! ^ 1;
    assert.deepEqual(verifyMetaSignature(changed, sign(raw), secret), { ok: false, reason: 'mismatch' });
  });

  it('rejects sha1= and non-hex signatures as malformed', () => {
    const sha1 = `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;
    assert.deepEqual(verifyMetaSignature(raw, sha1, secret), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyMetaSignature(raw, `sha256=${'z'.repeat(64)}`, secret), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyMetaSignature(raw, 'sha256=abc', secret), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyMetaSignature(raw, sign(raw).slice('sha256='.length), secret), { ok: false, reason: 'malformed' });
  });

  it('rejects a signature over re-serialised JSON: only the raw bytes count', () => {
    const reserialised = JSON.stringify(JSON.parse(raw.toString('utf8')));
    assert.ok(reserialised.includes('café'), 'the escapes were rewritten');
    assert.notEqual(reserialised, raw.toString('utf8'));
    assert.deepEqual(verifyMetaSignature(raw, sign(reserialised), secret), { ok: false, reason: 'mismatch' });
  });

  it('never accepts an empty app secret', () => {
    assert.deepEqual(verifyMetaSignature(raw, sign(raw, ''), ''), { ok: false, reason: 'mismatch' });
  });
});
