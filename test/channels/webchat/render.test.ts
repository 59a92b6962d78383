import assert from 'node:assert/strict';
import { WEBCHAT_LIMITS as L } from '../../../src/channels/webchat/capabilities';
import { renderWebchat } from '../../../src/channels/webchat/render';
import type { Reply } from '../../../src/conversation/turn';

const base: Reply = { speech: 'Hi.', text: 'Hi.', endSession: false };

describe('web chat renderer', () => {
  it('keeps at most the button limit and lists the rest by their position, which a typed number picks', () => {
    const choices = Array.from({ length: L.choices + 2 }, (_, i) => ({ id: `PICK:SKU-${i + 1}`, label: `Option ${i + 1}` }));
    const body = renderWebchat({ ...base, text: 'Which one?', choices });
    assert.equal(body.choices.length, L.choices);
    assert.equal(body.choices[0]!.id, 'PICK:SKU-1');
    assert.equal(body.text, `Which one?\n${L.choices + 1}. Option ${L.choices + 1}\n${L.choices + 2}. Option ${L.choices + 2}`);
  });

  it('trims text, labels and card fields to the limits, and counts cards beyond the limit', () => {
    const card = { sku: 'S', title: 'T'.repeat(200), subtitle: 'word '.repeat(100), choices: [1, 2, 3, 4].map((n) => ({ id: `ADD:${n}`, label: `Add ${n}` })) };
    const body = renderWebchat({ ...base, text: 'long '.repeat(1500), choices: [{ id: 'YES', label: 'Y'.repeat(100) }], cards: Array.from({ length: L.cards + 3 }, () => card) });
    assert.ok(body.text.length <= L.textCharacters);
    assert.match(body.text, /…\nand 3 more…$/);
    assert.ok(body.choices[0]!.label.length <= L.choiceLabelCharacters);
    assert.equal(body.cards.length, L.cards);
    assert.ok(body.cards[0]!.title.length <= L.cardTitleCharacters);
    assert.ok(body.cards[0]!.subtitle.length <= L.cardSubtitleCharacters);
    assert.equal(body.cards[0]!.choices.length, L.cardChoices);
  });

  it('sends nothing for a silent reply and exposes the confirmation kind but not its token', () => {
    assert.deepEqual(renderWebchat({ ...base, silent: true }), { text: '', choices: [], cards: [], silent: true, endSession: false });
    const asking = renderWebchat({ ...base, confirmation: { kind: 'purchase', token: 'secret-token' } });
    assert.equal(asking.awaitingConfirmation, 'purchase');
    assert.ok(!JSON.stringify(asking).includes('secret-token'));
  });
});
