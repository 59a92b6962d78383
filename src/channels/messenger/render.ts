import type { Choice, ProductCard, Reply } from '../../conversation/turn';
import { oneLine, splitText, truncate, type TextBudget } from '../text-fit';
import { PLATFORM_CAPABILITIES, type MessengerCapabilities, type MessengerPlatform } from './capabilities';
import { PAYLOADS } from '../adapter';

/**
 * A neutral Reply to the `message` objects of Messenger (or Instagram) Send API requests, in the
 * order they are to be sent. The client adds `recipient` and `messaging_type`.
 */

export interface MessengerQuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export interface MessengerPostbackButton {
  type: 'postback';
  title: string;
  payload: string;
}

export interface MessengerUrlButton {
  type: 'web_url';
  title: string;
  url: string;
}

export interface MessengerGenericElement {
  title: string;
  subtitle?: string;
  image_url?: string;
  buttons?: MessengerPostbackButton[];
}

export type MessengerTemplatePayload =
  | { template_type: 'generic'; elements: MessengerGenericElement[] }
  | { template_type: 'button'; text: string; buttons: (MessengerPostbackButton | MessengerUrlButton)[] };

export interface MessengerTextMessage {
  text: string;
  quick_replies?: MessengerQuickReply[];
}

export interface MessengerAttachmentMessage {
  attachment: { type: 'template'; payload: MessengerTemplatePayload };
  quick_replies?: MessengerQuickReply[];
}

export type MessengerMessage = MessengerTextMessage | MessengerAttachmentMessage;

export interface RenderOptions {
  platform: MessengerPlatform;
}

export function renderMessengerMessages(reply: Reply, options: RenderOptions): MessengerMessage[] {
  return renderWithCapabilities(reply, PLATFORM_CAPABILITIES[options.platform]);
}

/** The renderer against an explicit capability set (tests use it to exercise degradations). */
export function renderWithCapabilities(reply: Reply, caps: MessengerCapabilities): MessengerMessage[] {
  if (reply.silent) return [];
  const limits = caps.limits;
  const textBudget: TextBudget = { units: limits.textCharacters, bytes: caps.textUtf8Bytes };
  const textChunks = splitText(reply.text ?? '', textBudget);
  const choices = (reply.choices ?? []).filter((choice) => usableChoice(choice, limits.quickReplyPayloadCharacters));

  // A yes/no confirmation as a button template: its text is the question (the last text chunk).
  if (reply.confirmation && caps.buttonTemplate && isYesNo(choices) && textChunks.length > 0) {
    const lastChunk = textChunks.pop() as string;
    const templateTexts = splitText(lastChunk, { units: limits.buttonTemplateTextCharacters, bytes: caps.textUtf8Bytes });
    const question = templateTexts.pop() as string;
    const messages: MessengerMessage[] = [...textChunks, ...templateTexts].map((text) => ({ text }));
    messages.push(...renderCards(reply.cards ?? [], caps));
    messages.push({
      attachment: {
        type: 'template',
        payload: { template_type: 'button', text: question, buttons: choices.map((choice) => postbackButton(choice, caps)) },
      },
    });
    return messages;
  }

  // A page to open (a payment link) as a button template whose button opens it.
  if (reply.link && caps.buttonTemplate && choices.length === 0 && textChunks.length > 0) {
    const templateTexts = splitText(textChunks.pop() as string, { units: limits.buttonTemplateTextCharacters, bytes: caps.textUtf8Bytes });
    const text = templateTexts.pop() as string;
    const button: MessengerUrlButton = { type: 'web_url', title: truncate(reply.link.label, limits.buttonTitleCharacters), url: reply.link.url };
    return [...[...textChunks, ...templateTexts].map((chunk) => ({ text: chunk })), ...renderCards(reply.cards ?? [], caps), { attachment: { type: 'template', payload: { template_type: 'button', text, buttons: [button] } } }];
  }

  const cardMessages = renderCards(reply.cards ?? [], caps);
  const messages: MessengerMessage[] = textChunks.map((text) => ({ text }));
  if (choices.length === 0) return [...messages, ...cardMessages];

  if (choices.length > limits.quickReplies) {
    // Too many for quick replies: a numbered list the customer answers by number ("2") or label.
    const list = choices.map((choice, index) => `${index + 1}. ${oneLine(choice.label)}`).join('\n');
    return [...messages, ...cardMessages, ...splitText(list, textBudget).map((text) => ({ text }))];
  }

  const quickReplies = choices.map((choice) => quickReply(choice, caps));
  const all = [...messages, ...cardMessages];
  const last = all.at(-1);
  if (last && ('text' in last || caps.quickRepliesOnAttachments)) {
    last.quick_replies = quickReplies;
    return all;
  }
  if (last && messages.length > 0) {
    // Quick replies only ride on text here: the question (last text chunk) moves after the cards.
    const question = messages.pop() as MessengerTextMessage;
    return [...messages, ...cardMessages, { ...question, quick_replies: quickReplies }];
  }
  // Nothing to carry them (no text, or only cards where attachments cannot): list them as text.
  const list = choices.map((choice, index) => `${index + 1}. ${oneLine(choice.label)}`).join('\n');
  const listMessages: MessengerTextMessage[] = splitText(list, textBudget).map((text) => ({ text }));
  const carrier = listMessages.at(-1);
  if (carrier) carrier.quick_replies = quickReplies;
  return [...all, ...listMessages];
}

function renderCards(cards: ProductCard[], caps: MessengerCapabilities): MessengerMessage[] {
  if (cards.length === 0) return [];
  const limits = caps.limits;
  const shown = cards.slice(0, limits.genericElements);
  const messages: MessengerMessage[] = [
    { attachment: { type: 'template', payload: { template_type: 'generic', elements: shown.map((card) => genericElement(card, caps)) } } },
  ];
  const hidden = cards.length - shown.length;
  if (hidden > 0) messages.push({ text: `and ${hidden} more…` });
  return messages;
}

function genericElement(card: ProductCard, caps: MessengerCapabilities): MessengerGenericElement {
  const limits = caps.limits;
  const element: MessengerGenericElement = { title: truncate(card.title, limits.genericTitleCharacters) || truncate(card.sku, limits.genericTitleCharacters) };
  const subtitle = truncate(card.subtitle, limits.genericSubtitleCharacters);
  if (subtitle) element.subtitle = subtitle;
  if (card.imageUrl && isHttps(card.imageUrl)) element.image_url = card.imageUrl;
  const buttons = card.choices
    .filter((choice) => usableChoice(choice, limits.postbackPayloadCharacters))
    .slice(0, limits.genericButtonsPerElement)
    .map((choice) => postbackButton(choice, caps));
  if (buttons.length > 0) element.buttons = buttons;
  // An element needs at least one property besides its title.
  if (!element.subtitle && !element.image_url && !element.buttons) element.subtitle = truncate(card.sku, limits.genericSubtitleCharacters);
  return element;
}

function postbackButton(choice: Choice, caps: MessengerCapabilities): MessengerPostbackButton {
  return { type: 'postback', title: truncate(choice.label, caps.limits.buttonTitleCharacters), payload: choice.id };
}

function quickReply(choice: Choice, caps: MessengerCapabilities): MessengerQuickReply {
  return { content_type: 'text', title: truncate(choice.label, caps.limits.quickReplyTitleCharacters), payload: choice.id };
}

/** A payload cannot be shortened without breaking it, and a title cannot be empty: such a choice is not offered. */
function usableChoice(choice: Choice, maxPayload: number): boolean {
  return choice.id.length > 0 && choice.id.length <= maxPayload && oneLine(choice.label).length > 0;
}

function isYesNo(choices: Choice[]): boolean {
  if (choices.length !== 2) return false;
  const ids = choices.map((choice) => choice.id).sort();
  return ids[0] === PAYLOADS.no && ids[1] === PAYLOADS.yes;
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
