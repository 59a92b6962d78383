// Not the package's index, which loads all of googleapis for its smart-home service (see app.ts).
import { BasicCard, Carousel, Image, List, SimpleResponse, Suggestions } from 'actions-on-google/dist/service/actionssdk';
import type { DialogflowConversation } from 'actions-on-google/dist/service/dialogflow';
import { formatMoney } from '../../core/money';
import type { Choice, ProductCard, Reply } from '../../conversation/turn';
import { oneLine, splitText, truncate } from '../text-fit';
import { ANSWER_CONTEXTS, GOOGLE_LIMITS } from './capabilities';
import { contextName, type WebhookRequest } from './webhook-request';
import { PAYLOADS } from '../adapter';

/** Dialogflow's generic (all-integration) rich messages, as in the ES `Intent.Message` resource. */
export type FulfillmentMessage =
  | { text: { text: string[] } }
  | { quickReplies: { quickReplies: string[] } }
  | { card: { title: string; subtitle?: string; imageUri?: string; buttons?: { text: string; postback: string }[] } };

export interface OutputContext {
  name: string;
  lifespanCount: number;
}

export interface Fulfillment {
  fulfillmentText: string;
  fulfillmentMessages: FulfillmentMessage[];
  outputContexts?: OutputContext[];
}

const SPEAK_TAGS = '<speak></speak>'.length;

/**
 * A label a shopper can tap, or none: a tapped chip or quick reply sends its own text back, so a label
 * cut to fit would no longer say what it meant. Labels that do not fit are left out, not shortened.
 */
function tappableLabels(choices: Choice[] | undefined, maxCount: number, maxCharacters: number): string[] {
  return (choices ?? [])
    .map((choice) => oneLine(choice.label))
    .filter((label) => label.length > 0 && label.length <= maxCharacters)
    .slice(0, maxCount);
}

function asksYesOrNo(reply: Reply): boolean {
  return !!reply.confirmation || !!reply.choices?.some((choice) => choice.id === PAYLOADS.yes);
}

/**
 * Contexts that make the agent's answer intents match: set while we wait for the answer, and ended
 * (lifespan 0) as soon as we no longer do, so a later "yes" or "1234" means nothing stale.
 */
export function answerContexts(reply: Reply, request: WebhookRequest): OutputContext[] {
  const alive = new Set(request.queryResult.outputContexts.filter((context) => (context.lifespanCount ?? 1) > 0).map((context) => contextName(context.name)));
  const wanted: Record<string, boolean> = {
    [ANSWER_CONTEXTS.voiceCode]: !reply.endSession && !!reply.expectsVoiceCode,
    [ANSWER_CONTEXTS.yesNo]: !reply.endSession && !reply.expectsVoiceCode && asksYesOrNo(reply),
  };
  return Object.entries(wanted)
    .filter(([name, on]) => on || alive.has(name))
    .map(([name, on]) => ({ name: `${request.session}/contexts/${name}`, lifespanCount: on ? GOOGLE_LIMITS.answerContextLifespan : 0 }));
}

function genericCard(card: ProductCard): FulfillmentMessage {
  const buttons = card.choices.slice(0, GOOGLE_LIMITS.cardButtons).map((choice) => ({ text: truncate(choice.label, GOOGLE_LIMITS.quickReplyCharacters), postback: choice.id }));
  return { card: { title: oneLine(card.title), subtitle: oneLine(card.subtitle), ...(card.imageUrl ? { imageUri: card.imageUrl } : {}), ...(buttons.length ? { buttons } : {}) } };
}

/** The order just placed, as a card's title and lines (Assistant basic cards take "  \n" as a line break). */
function receiptCard(order: NonNullable<Reply['placedOrder']>, lineBreak = '\n'): { title: string; subtitle: string } {
  const lines = order.lines.map((line) => `${line.quantity} × ${line.name}`);
  return { title: `Order ${order.orderNumber}`, subtitle: [...lines, `Total: ${formatMoney(order.totalMinor, order.currency)}`].join(lineBreak) };
}

/**
 * `fulfillmentText` and `fulfillmentMessages` for every Dialogflow integration: the text, quick replies
 * that fit, and product cards whose buttons post back our payloads (the fallback intent reads them).
 */
export function renderFulfillment(reply: Reply, request: WebhookRequest): Fulfillment {
  const outputContexts = answerContexts(reply, request);
  const withContexts = outputContexts.length ? { outputContexts } : {};
  if (reply.silent) return { fulfillmentText: '', fulfillmentMessages: [], ...withContexts };
  const messages: FulfillmentMessage[] = [{ text: { text: [reply.text] } }];
  if (reply.placedOrder) messages.push({ card: receiptCard(reply.placedOrder) });
  for (const card of (reply.cards ?? []).slice(0, GOOGLE_LIMITS.carouselMaxItems)) messages.push(genericCard(card));
  const quickReplies = reply.endSession ? [] : tappableLabels(reply.choices, GOOGLE_LIMITS.quickReplies, GOOGLE_LIMITS.quickReplyCharacters);
  if (quickReplies.length) messages.push({ quickReplies: { quickReplies } });
  return { fulfillmentText: reply.text, fulfillmentMessages: messages, ...withContexts };
}

/** Up to two chat bubbles of at most 640 characters, cut at sentence ends; what does not fit is dropped. */
function bubbles(reply: Reply, count: 1 | 2): SimpleResponse[] {
  const speech = splitText(reply.speech, { units: GOOGLE_LIMITS.simpleResponseCharacters - SPEAK_TAGS });
  const text = splitText(reply.text, { units: GOOGLE_LIMITS.simpleResponseCharacters });
  const pieces = Math.max(1, Math.min(count, speech.length, text.length));
  return Array.from({ length: pieces }, (_, i) => {
    // The last bubble cut short ends with "…" on screen; its speech simply stops at a sentence.
    const shownRest = i === pieces - 1 && text.length > pieces;
    const shown = shownRest ? truncate(text.slice(i).join(' '), GOOGLE_LIMITS.simpleResponseCharacters) : (text[i] ?? '');
    return new SimpleResponse({ speech: `<speak>${speech[i] ?? ''}</speak>`, text: shown });
  });
}

function optionItem(card: ProductCard) {
  // A tap sends the key back as actions_intent_OPTION: "add" where the card offers it, else "pick".
  const key = card.choices[0]?.id ?? PAYLOADS.pick(card.sku);
  return {
    key,
    item: {
      title: oneLine(card.title),
      description: oneLine(card.subtitle),
      synonyms: [oneLine(card.title)],
      ...(card.imageUrl ? { image: new Image({ url: card.imageUrl, alt: oneLine(card.title) }) } : {}),
    },
  };
}

/** Two to ten products as a carousel, more as a list (at most thirty), one as a basic card. */
function productDisplay(cards: ProductCard[]): BasicCard | Carousel | List | null {
  if (cards.length === 0) return null;
  if (cards.length === 1) {
    const [card] = cards as [ProductCard];
    return new BasicCard({ title: oneLine(card.title), text: oneLine(card.subtitle), ...(card.imageUrl ? { image: new Image({ url: card.imageUrl, alt: oneLine(card.title) }) } : {}) });
  }
  const items = Object.fromEntries(cards.slice(0, GOOGLE_LIMITS.listMaxItems).map(optionItem).map(({ key, item }) => [key, item]));
  return cards.length <= GOOGLE_LIMITS.carouselMaxItems ? new Carousel({ items }) : new List({ items });
}


/**
 * The Assistant rich response, through the library: simple responses with SSML first, then at most one
 * visual (basic card, or a carousel or list of products), then up to eight suggestion chips of at most
 * 25 characters (none when the conversation ends, where the Assistant forbids them).
 */
export function renderAssistant(conv: Pick<DialogflowConversation<unknown, unknown>, 'ask' | 'close' | 'noInputs'>, reply: Reply): void {
  const receiptLines = reply.placedOrder ? receiptCard(reply.placedOrder, '  \n') : null;
  const receipt = receiptLines ? new BasicCard({ title: receiptLines.title, text: receiptLines.subtitle }) : null;
  const display = receipt ?? productDisplay(reply.cards ?? []);
  // A carousel or list allows a single simple response before it.
  const items: (SimpleResponse | BasicCard | Carousel | List | Suggestions)[] = [...bubbles(reply, display instanceof Carousel || display instanceof List ? 1 : 2)];
  if (display) items.push(display);
  if (reply.endSession) {
    conv.close(...items);
    return;
  }
  // The reprompt is SSML-escaped speech, said if the shopper stays silent; it is never shown.
  if (reply.reprompt) conv.noInputs = [new SimpleResponse({ speech: `<speak>${splitText(reply.reprompt, { units: GOOGLE_LIMITS.simpleResponseCharacters - SPEAK_TAGS })[0] ?? ''}</speak>` })];
  const chips = tappableLabels(reply.choices, GOOGLE_LIMITS.suggestions, GOOGLE_LIMITS.suggestionCharacters);
  if (chips.length) items.push(new Suggestions(chips));
  conv.ask(...items);
}
