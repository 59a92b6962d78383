import type { Choice, ProductCard, Reply } from '../../conversation/turn';
import type { ErrorCode } from '../../core/errors';
import { oneLine, truncate } from '../text-fit';
import { WEBCHAT_LIMITS as L } from './capabilities';

/** What POST /webchat answers with: the neutral Reply fitted to the web chat limits, minus internals (confirmation tokens, speech). */
export interface WebchatChoice {
  id: string;
  label: string;
}

export interface WebchatCard {
  sku: string;
  title: string;
  subtitle: string;
  imageUrl?: string;
  choices: WebchatChoice[];
}

export interface WebchatReplyBody {
  text: string;
  choices: WebchatChoice[];
  cards: WebchatCard[];
  /** A purchase, cancellation or reorder is waiting for a yes. */
  awaitingConfirmation?: 'purchase' | 'cancel-order' | 'reorder';
  placedOrder?: { orderNumber: string; totalMinor: number; currency: string; lines: { name: string; quantity: number }[]; receiptEmailed: boolean };
  errorCode?: ErrorCode;
  /** A person has taken over (or is about to). */
  handoff?: boolean;
  /** Nothing to show: a person is answering instead. */
  silent?: boolean;
  endSession: boolean;
}

function choice(c: Choice): WebchatChoice {
  return { id: c.id, label: truncate(c.label, L.choiceLabelCharacters) };
}

function card(c: ProductCard): WebchatCard {
  const rendered: WebchatCard = {
    sku: c.sku,
    title: truncate(c.title, L.cardTitleCharacters),
    subtitle: truncate(c.subtitle, L.cardSubtitleCharacters),
    choices: c.choices.filter((x) => x.id.length <= L.choiceIdCharacters).slice(0, L.cardChoices).map(choice),
  };
  if (c.imageUrl) rendered.imageUrl = c.imageUrl;
  return rendered;
}

/**
 * Choices beyond the button limit are listed by their position in `reply.choices` (the engine maps a
 * typed "12" to the twelfth), so none is lost; cards beyond the limit are counted in the text.
 * The text is cut last, keeping those lines whole.
 */
export function renderWebchat(reply: Reply): WebchatReplyBody {
  if (reply.silent) return { text: '', choices: [], cards: [], silent: true, endSession: reply.endSession };
  const all = (reply.choices ?? []).filter((c) => c.id.length > 0 && c.id.length <= L.choiceIdCharacters && oneLine(c.label).length > 0);
  const shown = all.slice(0, L.choices);
  const cards = reply.cards ?? [];
  const extraLines = all.slice(L.choices).map((c, index) => `${L.choices + index + 1}. ${oneLine(c.label)}`);
  if (cards.length > L.cards) extraLines.push(`and ${cards.length - L.cards} more…`);
  const tail = extraLines.length > 0 ? `\n${extraLines.join('\n')}` : '';
  const text = tail.length >= L.textCharacters ? truncate(tail, L.textCharacters) : fitText(reply.text ?? '', L.textCharacters - tail.length) + tail;

  const body: WebchatReplyBody = { text, choices: shown.map(choice), cards: cards.slice(0, L.cards).map(card), endSession: reply.endSession };
  if (reply.confirmation) body.awaitingConfirmation = reply.confirmation.kind;
  if (reply.placedOrder) body.placedOrder = reply.placedOrder;
  if (reply.errorCode) body.errorCode = reply.errorCode;
  if (reply.handoff) body.handoff = true;
  return body;
}

/** Keeps line breaks (truncate folds them), cutting only when over the limit. */
function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  return truncate(text, max);
}
