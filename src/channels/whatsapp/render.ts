import type { Choice, ProductCard, Reply } from '../../conversation/turn';
import { graphemeBoundaryFrom, splitText, truncate } from '../text-fit';
import { WHATSAPP_LIMITS as L } from './capabilities';

/**
 * The neutral Reply to WhatsApp Cloud API message objects, in sending order. Each object is the body of
 * POST /{phone-number-id}/messages without `messaging_product` and `to`, which the client adds.
 */

export interface WhatsAppTextMessage {
  type: 'text';
  text: { body: string };
}

export interface WhatsAppReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface WhatsAppListRow {
  id: string;
  title: string;
  description?: string;
}

export interface WhatsAppButtonInteractive {
  type: 'button';
  body: { text: string };
  action: { buttons: WhatsAppReplyButton[] };
}

export interface WhatsAppListInteractive {
  type: 'list';
  body: { text: string };
  action: { button: string; sections: { title?: string; rows: WhatsAppListRow[] }[] };
}

export interface WhatsAppProductInteractive {
  type: 'product';
  body?: { text: string };
  action: { catalog_id: string; product_retailer_id: string };
}

export interface WhatsAppProductListInteractive {
  type: 'product_list';
  header: { type: 'text'; text: string };
  body: { text: string };
  action: { catalog_id: string; sections: { title?: string; product_items: { product_retailer_id: string }[] }[] };
}

/** A button that opens a URL (a payment link) instead of a raw link in the text. */
export interface WhatsAppCtaUrlInteractive {
  type: 'cta_url';
  body: { text: string };
  action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
}

export type WhatsAppInteractive = WhatsAppButtonInteractive | WhatsAppListInteractive | WhatsAppProductInteractive | WhatsAppProductListInteractive | WhatsAppCtaUrlInteractive;

export interface WhatsAppInteractiveMessage {
  type: 'interactive';
  interactive: WhatsAppInteractive;
}

export interface WhatsAppTemplateMessage {
  type: 'template';
  template: {
    name: string;
    language: { policy: 'deterministic'; code: string };
    components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
  };
}

export type WhatsAppMessage = WhatsAppTextMessage | WhatsAppInteractiveMessage | WhatsAppTemplateMessage;

export interface WhatsAppRenderOptions {
  /** The Meta catalog connected to the WhatsApp Business Account; product cards become product messages. */
  catalogId?: string;
  /** Label of the button that opens a list message (default 'Options'). */
  listButtonLabel?: string;
  /** Header of a product_list message, which WhatsApp requires (default 'Products'). */
  productListHeader?: string;
  /** Body for a choices message when there is no text left to carry them (default 'Please choose:'). */
  choicePrompt?: string;
}

const DEFAULTS = { listButtonLabel: 'Options', productListHeader: 'Products', choicePrompt: 'Please choose:' } as const;

/**
 * Text for an interactive body: the last part (≤ 1024) stays as the body; whatever comes before it goes
 * first as plain text messages (≤ 4096 each).
 */
export function splitForBody(text: string, bodyMax: number = L.interactiveBody): { overflow: string[]; body: string } {
  const clean = text.trim();
  if (clean.length <= bodyMax) return { overflow: [], body: clean };
  // The earliest sentence or word boundary that leaves a tail short enough for the body.
  const earliest = clean.length - bodyMax;
  const region = clean.slice(earliest);
  const sentence = /[.!?]\s+|\n+/.exec(region);
  const space = /\s+/.exec(region);
  let start: number;
  if (sentence && sentence.index + sentence[0].length < bodyMax / 2) start = earliest + sentence.index + sentence[0].length;
  else if (space) start = earliest + space.index + space[0].length;
  else start = graphemeBoundaryFrom(clean, earliest);
  const body = clean.slice(start).trim();
  return { overflow: splitText(clean.slice(0, start), { units: L.textBody }), body };
}

const text = (body: string): WhatsAppTextMessage => ({ type: 'text', text: { body } });
const textMessages = (body: string): WhatsAppTextMessage[] => splitText(body, { units: L.textBody }).map(text);
const interactive = (value: WhatsAppInteractive): WhatsAppInteractiveMessage => ({ type: 'interactive', interactive: value });

/** Truncated titles, made unique within the message (WhatsApp rejects duplicate button titles). */
function uniqueTitles(labels: string[], max: number): string[] {
  const seen = new Set<string>();
  return labels.map((label) => {
    let title = truncate(label, max) || '…';
    for (let n = 2; seen.has(title); n += 1) {
      const suffix = ` ${n}`;
      title = truncate(label, max - suffix.length) + suffix;
    }
    seen.add(title);
    return title;
  });
}

function uniqueChoices(choices: Choice[]): Choice[] {
  const ids = new Set<string>();
  return choices.filter((choice) => choice.id && !ids.has(choice.id) && ids.add(choice.id));
}

function listRow(choice: Choice, title: string): WhatsAppListRow {
  const label = choice.label.replace(/\s+/g, ' ').trim();
  if (label.length <= L.listRowTitle) return { id: choice.id, title };
  // The title shows the start of the label; the description carries on from where it stopped.
  const shown = title.endsWith('…') ? title.slice(0, -'…'.length) : title;
  const remainder = label.startsWith(shown) ? label.slice(shown.length).trimStart() : label;
  return remainder ? { id: choice.id, title, description: truncate(remainder, L.listRowDescription) } : { id: choice.id, title };
}

/** The body text followed by the choices: reply buttons (≤3), a list (≤10), or a numbered text list. */
function withChoices(body: string, choices: Choice[], options: WhatsAppRenderOptions): WhatsAppMessage[] {
  const picked = uniqueChoices(choices);
  if (picked.length === 0) return textMessages(body);
  const fitsButtons = picked.length <= L.replyButtons && picked.every((choice) => choice.id.length <= L.buttonId);
  const fitsList = picked.length <= L.listRows && picked.every((choice) => choice.id.length <= L.listRowId);
  if (!fitsButtons && !fitsList) {
    // A list holds at most 10 rows: number the choices instead; understand() maps "2" back to the second.
    const lines = picked.map((choice, i) => `${i + 1}. ${choice.label.replace(/\s+/g, ' ').trim()}`);
    return textMessages([body.trim(), lines.join('\n')].filter(Boolean).join('\n\n'));
  }
  const { overflow, body: last } = splitForBody(body.trim() || options.choicePrompt || DEFAULTS.choicePrompt);
  const before = overflow.map(text);
  if (fitsButtons) {
    const titles = uniqueTitles(
      picked.map((choice) => choice.label),
      L.buttonTitle,
    );
    const buttons = picked.map((choice, i): WhatsAppReplyButton => ({ type: 'reply', reply: { id: choice.id, title: titles[i]! } }));
    return [...before, interactive({ type: 'button', body: { text: last }, action: { buttons } })];
  }
  const titles = uniqueTitles(
    picked.map((choice) => choice.label),
    L.listRowTitle,
  );
  const rows = picked.map((choice, i) => listRow(choice, titles[i]!));
  const button = truncate(options.listButtonLabel ?? DEFAULTS.listButtonLabel, L.listButtonLabel);
  return [...before, interactive({ type: 'list', body: { text: last }, action: { button, sections: [{ rows }] } })];
}

function cardLine(card: ProductCard): string {
  const title = card.title.replace(/\s+/g, ' ').trim();
  const subtitle = card.subtitle.replace(/\s+/g, ' ').trim();
  return subtitle ? `${title} — ${subtitle}` : title;
}

/** Product cards as catalog messages: one `product` message, or a `product_list` of the first 30. */
function catalogMessages(reply: Reply, cards: ProductCard[], catalogId: string, options: WhatsAppRenderOptions): WhatsAppMessage[] {
  const skus = [...new Set(cards.map((card) => card.sku).filter(Boolean))].slice(0, L.productListItems);
  const { overflow, body } = splitForBody(reply.text);
  const messages: WhatsAppMessage[] = overflow.map(text);
  if (skus.length === 1) {
    const product: WhatsAppProductInteractive = { type: 'product', action: { catalog_id: catalogId, product_retailer_id: skus[0]! } };
    messages.push(interactive(body ? { ...product, body: { text: body } } : product));
  } else {
    messages.push(
      interactive({
        type: 'product_list',
        header: { type: 'text', text: truncate(options.productListHeader ?? DEFAULTS.productListHeader, L.headerText) },
        body: { text: body || truncate(options.productListHeader ?? DEFAULTS.productListHeader, L.interactiveBody) },
        action: { catalog_id: catalogId, sections: [{ product_items: skus.map((sku) => ({ product_retailer_id: sku })) }] },
      }),
    );
  }
  // The catalog messages have their own add-to-cart; only the reply's own choices follow.
  if (reply.choices?.length) messages.push(...withChoices('', reply.choices, options));
  return messages;
}

export function renderWhatsAppMessages(reply: Reply, options: WhatsAppRenderOptions = {}): WhatsAppMessage[] {
  if (reply.silent) return [];
  const cards = reply.cards ?? [];
  if (cards.length > 0 && options.catalogId && cards.some((card) => card.sku)) return catalogMessages(reply, cards, options.catalogId, options);
  const choices = [...(reply.choices ?? []), ...cards.flatMap((card) => card.choices)];
  const body = [reply.text.trim(), cards.map(cardLine).join('\n')].filter(Boolean).join('\n\n');
  if (reply.link && choices.length === 0 && body) {
    const { overflow, body: last } = splitForBody(body);
    // UNCONFIRMED: display_text's 20-character limit is from third-party guides; Meta's page shows the message shape only.
    return [...overflow.map(text), interactive({ type: 'cta_url', body: { text: last }, action: { name: 'cta_url', parameters: { display_text: truncate(reply.link.label, L.buttonTitle), url: reply.link.url } } })];
  }
  return withChoices(body, choices, options);
}

/**
 * A pre-approved (utility) template message, the only kind delivered outside the service window. Body
 * parameters may not contain new lines or tabs, nor more than four consecutive spaces.
 */
export function utilityTemplateMessage(templateName: string, languageCode: string, bodyParams: string[]): WhatsAppTemplateMessage {
  const parameters = bodyParams.map((param) => ({ type: 'text' as const, text: param.replace(/[\n\r\t]+/g, ' ').replace(/ {4,}/g, '   ').trim() }));
  return {
    type: 'template',
    template: {
      name: templateName,
      language: { policy: 'deterministic', code: languageCode },
      ...(parameters.length > 0 ? { components: [{ type: 'body' as const, parameters }] } : {}),
    },
  };
}
