import assert from 'node:assert/strict';
import { DialogflowConversation } from 'actions-on-google/dist/service/dialogflow';
import { GOOGLE_LIMITS } from '../../../src/channels/google/capabilities';
import { renderAssistant, renderFulfillment } from '../../../src/channels/google/render';
import { localeOf, toTurn } from '../../../src/channels/google/turn-mapping';
import { webhookRequestSchema, type WebhookRequest } from '../../../src/channels/google/webhook-request';
import type { Choice, ProductCard, Reply } from '../../../src/conversation/turn';
import type { GooglePayload } from './dialogflow-requests';

const SESSION = 'projects/corner-market-test/agent/sessions/s-1';

function webhookRequest(overrides: { displayName?: string; queryText?: string; parameters?: Record<string, unknown>; contexts?: { name: string; lifespanCount?: number; parameters?: Record<string, unknown> }[]; source?: string } = {}): WebhookRequest {
  return webhookRequestSchema.parse({
    responseId: 'r-1',
    session: SESSION,
    queryResult: {
      queryText: overrides.queryText ?? 'hello',
      parameters: overrides.parameters ?? {},
      outputContexts: (overrides.contexts ?? []).map((context) => ({ ...context, name: `${SESSION}/contexts/${context.name}` })),
      intent: { displayName: overrides.displayName ?? 'HelpIntent' },
      languageCode: 'en',
    },
    originalDetectIntentRequest: overrides.source ? { source: overrides.source, payload: {} } : { payload: {} },
  });
}

const reply = (fields: Partial<Reply> = {}): Reply => ({ speech: 'Hello there.', text: 'Hello there.', endSession: false, ...fields });
const card = (i: number): ProductCard => ({ sku: `SKU-${i}`, title: `Product ${i}`, subtitle: `$${i}.00`, choices: [{ id: `ADD:SKU-${i}`, label: `Add Product ${i}` }] });
const choices = (labels: string[]): Choice[] => labels.map((label, i) => ({ id: `C${i}`, label }));

/** What the library sends for a reply rendered to the Assistant. */
function assistant(fields: Partial<Reply>): GooglePayload {
  const conv = new DialogflowConversation({ body: webhookRequest({ source: 'google' }) as never, headers: {} });
  renderAssistant(conv, reply(fields));
  // Through JSON, as it goes over the wire.
  return (JSON.parse(JSON.stringify(conv.serialize())) as { payload: { google: GooglePayload } }).payload.google;
}

const bubbles = (google: GooglePayload) => google.richResponse.items.filter((item) => item.simpleResponse).map((item) => item.simpleResponse as { textToSpeech: string; displayText: string });

describe('Google rendering within platform limits', () => {
  it('keeps every chat bubble within 640 characters, at most two, cut at sentence ends', () => {
    const sentence = 'This sentence is exactly forty-six chars long. ';
    const long = sentence.repeat(40).trim();
    const google = assistant({ speech: long, text: long });
    const shown = bubbles(google);
    assert.equal(shown.length, 2);
    for (const bubble of shown) {
      assert.ok(bubble.textToSpeech.length <= GOOGLE_LIMITS.simpleResponseCharacters, `speech ${bubble.textToSpeech.length}`);
      assert.ok(bubble.displayText.length <= GOOGLE_LIMITS.simpleResponseCharacters, `text ${bubble.displayText.length}`);
      assert.match(bubble.textToSpeech, /^<speak>.*\.<\/speak>$/);
    }
    assert.ok(shown[1]!.displayText.endsWith('…'), 'the cut is shown');
  });

  it('offers at most 8 suggestion chips, leaving out labels over 25 characters rather than cutting them', () => {
    const labels = ['One', 'Two', 'A label well over twenty-five characters', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];
    const google = assistant({ choices: choices(labels) });
    assert.deepEqual(google.richResponse.suggestions, ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'].map((title) => ({ title })));
    assert.equal(assistant({ choices: choices(['Yes']), endSession: true }).richResponse.suggestions, undefined, 'none when the conversation ends');
  });

  it('shows one product as a basic card, 2 to 10 as a carousel, more as a list of at most 30', () => {
    const one = assistant({ cards: [card(1)] });
    assert.deepEqual(one.richResponse.items[1], { basicCard: { title: 'Product 1', formattedText: '$1.00' } });
    assert.equal(one.systemIntent, undefined);

    const carousel = assistant({ cards: [card(1), card(2)] });
    const carouselItems = (carousel.systemIntent!.data as { carouselSelect: { items: { optionInfo: { key: string } }[] } }).carouselSelect.items;
    assert.deepEqual(carouselItems.map((item) => item.optionInfo.key), ['ADD:SKU-1', 'ADD:SKU-2']);
    assert.equal(bubbles(carousel).length, 1, 'a selection response has one simple response');

    const ten = assistant({ cards: Array.from({ length: 10 }, (_, i) => card(i + 1)) });
    assert.equal((ten.systemIntent!.data as { carouselSelect?: { items: unknown[] } }).carouselSelect?.items.length, 10);

    const many = assistant({ cards: Array.from({ length: 40 }, (_, i) => card(i + 1)) });
    const list = (many.systemIntent!.data as { listSelect?: { items: unknown[] } }).listSelect;
    assert.equal(list?.items.length, GOOGLE_LIMITS.listMaxItems);
  });

  it('gives every integration the text, cards with at most 3 buttons, and at most 13 quick replies of 20 characters', () => {
    const wide: ProductCard = { ...card(1), choices: choices(['A', 'B', 'C', 'D']) };
    const fulfillment = renderFulfillment(reply({ text: 'Pick one.', cards: [wide], choices: choices([...'ABCDEFGHIJKLMNOP'].map((letter) => letter.repeat(3)).concat(['twenty-one characters'])) }), webhookRequest());
    assert.equal(fulfillment.fulfillmentText, 'Pick one.');
    assert.deepEqual(fulfillment.fulfillmentMessages[0], { text: { text: ['Pick one.'] } });
    const cardMessage = fulfillment.fulfillmentMessages.find((message) => 'card' in message) as { card: { buttons: unknown[] } };
    assert.equal(cardMessage.card.buttons.length, GOOGLE_LIMITS.cardButtons);
    const quick = fulfillment.fulfillmentMessages.find((message) => 'quickReplies' in message) as { quickReplies: { quickReplies: string[] } };
    assert.equal(quick.quickReplies.quickReplies.length, GOOGLE_LIMITS.quickReplies);
    assert.ok(quick.quickReplies.quickReplies.every((label) => label.length <= GOOGLE_LIMITS.quickReplyCharacters));
  });

  it('sets and ends the answer contexts with the question', () => {
    const confirm = renderFulfillment(reply({ confirmation: { kind: 'purchase', token: 't' } }), webhookRequest());
    assert.deepEqual(confirm.outputContexts, [{ name: `${SESSION}/contexts/awaiting_yes_no`, lifespanCount: 2 }]);
    const code = renderFulfillment(reply({ expectsVoiceCode: true }), webhookRequest({ contexts: [{ name: 'awaiting_yes_no', lifespanCount: 1 }] }));
    assert.deepEqual(code.outputContexts, [
      { name: `${SESSION}/contexts/awaiting_voice_code`, lifespanCount: 2 },
      { name: `${SESSION}/contexts/awaiting_yes_no`, lifespanCount: 0 },
    ]);
    assert.equal(renderFulfillment(reply(), webhookRequest()).outputContexts, undefined, 'nothing said about contexts that were never set');
  });
});

describe('Google requests to neutral turns', () => {
  it('marks Assistant turns as voice and other integrations as text', () => {
    assert.equal(toTurn(webhookRequest({ source: 'google' })).voice, true);
    assert.equal(toTurn(webhookRequest({ source: 'facebook' })).voice, false);
    assert.equal(toTurn(webhookRequest()).voice, false);
  });

  it('maps parameters through the language model: sku and the words said, quantity, fixed slots', () => {
    const turn = toTurn(webhookRequest({ displayName: 'AddToCartIntent', parameters: { product: 'COF-001', quantity: 2 }, contexts: [{ name: '__system_counters__', parameters: { 'product.original': 'colombian coffee' } }] }));
    assert.deepEqual(turn.intent, { name: 'AddToCart', slots: { sku: 'COF-001', product: 'colombian coffee', quantity: 2 } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'ProductPriceIntent', parameters: { product: 'TEA-002' } })).intent, { name: 'ProductQuestion', slots: { question: 'price', sku: 'TEA-002', product: 'TEA-002' } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'ReorderIntent', parameters: { orderNumber: 482917, date: '' } })).intent, { name: 'Reorder', slots: { orderNumber: '482-917' } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'GiftFinderIntent', parameters: { age: 8, budget: 30, category: 'toys & games' } })).intent, { name: 'GiftFinder', slots: { age: 8, budgetMinor: 3000, category: 'toys & games' } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'StopIntent' })).intent, { name: 'Stop', slots: {} });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'Default Welcome Intent' })).intent, { name: 'Launch', slots: {} });
  });

  it('keeps a voice code leading zero and routes bare answers by the live context', () => {
    const waitingForCode = [{ name: 'awaiting_voice_code', lifespanCount: 2 }];
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'VoiceCodeIntent', queryText: '0815', parameters: { code: '0815' }, contexts: waitingForCode })).intent, { name: 'VoiceCode', slots: { code: '0815' } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'AddToCartIntent', queryText: '0815', parameters: { quantity: 815 }, contexts: waitingForCode })).intent, { name: 'VoiceCode', slots: { code: '0815' } });
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'BrowseIntent', queryText: 'yes', contexts: [{ name: 'awaiting_yes_no', lifespanCount: 1 }] })).intent, { name: 'Yes', slots: {} });
    // An ended context (lifespan 0) routes nothing.
    assert.equal(toTurn(webhookRequest({ displayName: 'AddToCartIntent', queryText: '0815', parameters: { quantity: 815 }, contexts: [{ name: 'awaiting_voice_code', lifespanCount: 0 }] })).intent?.name, 'AddToCart');
  });

  it('hands the words of the fallback intent to the engine, and reads button payloads', () => {
    const fallback = toTurn(webhookRequest({ displayName: 'Default Fallback Intent', queryText: 'two green teas please' }));
    assert.equal(fallback.intent, undefined);
    assert.equal(fallback.text, 'two green teas please');
    assert.deepEqual(toTurn(webhookRequest({ displayName: 'Default Fallback Intent', queryText: 'CHECKOUT' })).intent, { name: 'Checkout', slots: {} });
  });

  it('uses the session id as the shopper, the dedupe id from responseId, and en-US for "en"', () => {
    const turn = toTurn(webhookRequest());
    assert.equal(turn.channel, 'google');
    assert.equal(turn.channelUserId, 's-1');
    assert.equal(turn.eventId, 'r-1');
    assert.equal(turn.locale, 'en-US');
    assert.equal(localeOf('en-gb'), 'en-GB');
  });
});
