import type { ResponseBuilder } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { formatMoney } from '../../core/money';
import type { Reply } from '../../conversation/turn';
import { ALEXA_LIMITS } from './capabilities';
import { PAYLOADS } from '../adapter';

/** ask-sdk wraps speech in <speak>…</speak>: 15 characters of the budget. */
const SPEECH_BUDGET = ALEXA_LIMITS.speechCharacters - '<speak></speak>'.length;

/** Trims at a sentence (or word) boundary and never inside an SSML entity such as &amp;. */
export function fitSpeech(speech: string, limit = SPEECH_BUDGET): string {
  if (speech.length <= limit) return speech;
  const cut = speech.slice(0, limit - 1);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '));
  const trimmed = sentenceEnd > limit / 2 ? cut.slice(0, sentenceEnd + 1) : cut.slice(0, cut.lastIndexOf(' '));
  return trimmed.replace(/&[a-z]*$/, '');
}

function receiptCard(order: NonNullable<Reply['placedOrder']>): { title: string; content: string } {
  const title = `Order ${order.orderNumber}`;
  const lines = order.lines.map((line) => `${line.quantity} × ${line.name}`).join('\n');
  const content = `${lines}\nTotal: ${formatMoney(order.totalMinor, order.currency)}${order.receiptEmailed ? '\nA receipt has been sent to your email.' : ''}`;
  return { title, content: content.slice(0, ALEXA_LIMITS.cardCharacters - title.length) };
}

const PICK_PREFIX = PAYLOADS.pick('');

/** A list of products offered to pick from (browse results, gift ideas, "did you mean"). */
function asksWhichProduct(reply: Reply): boolean {
  return !!reply.choices?.length && reply.choices.every((choice) => choice.id.startsWith(PICK_PREFIX));
}

/**
 * The neutral Reply as an Alexa response: speech and reprompt within limits, a LinkAccount card when
 * linking is needed, a receipt card after an order, and the Dialog directive the guard's state
 * calls for (ConfirmIntent for the read-back, ElicitSlot for the voice code).
 */
export function renderAlexaResponse(builder: ResponseBuilder, reply: Reply, requestType: string): Response {
  // Nothing may be said in answer to SessionEndedRequest.
  if (reply.silent || requestType === 'SessionEndedRequest') return builder.getResponse();

  builder.speak(fitSpeech(reply.speech));
  if (!reply.endSession) builder.reprompt(fitSpeech(reply.reprompt ?? reply.speech));

  if (reply.needsAccountLink) builder.withLinkAccountCard();
  else if (reply.placedOrder) {
    const card = receiptCard(reply.placedOrder);
    builder.withSimpleCard(card.title, card.content);
  }

  // Dialog directives only answer an IntentRequest, and never with the session ending.
  const dialogAllowed = requestType === 'IntentRequest' && !reply.endSession;
  if (dialogAllowed && reply.confirmation?.kind === 'purchase') {
    builder.addConfirmIntentDirective({ name: 'CheckoutIntent', confirmationStatus: 'NONE', slots: {} });
  } else if (dialogAllowed && reply.expectsVoiceCode) {
    builder.addElicitSlotDirective('code', { name: 'VoiceCodeIntent', confirmationStatus: 'NONE', slots: { code: { name: 'code', confirmationStatus: 'NONE' } } });
  } else if (dialogAllowed && asksWhichProduct(reply)) {
    // "Which one would you like?" is answered with a bare name, which only a slot elicitation lets Alexa hear.
    builder.addElicitSlotDirective('product', { name: 'AddToCartIntent', confirmationStatus: 'NONE', slots: { product: { name: 'product', confirmationStatus: 'NONE' } } });
  }
  builder.withShouldEndSession(reply.endSession);
  return builder.getResponse();
}
