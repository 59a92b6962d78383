import { startOfLocalDay, type LocalDate } from './dates';
import { escapeHtml } from './html';

/**
 * Campaign rules, pure: when a campaign's local send time falls for a customer, what a marketing SMS
 * and a marketing e-mail must carry, and which destinations a channel refuses marketing to.
 */

/**
 * The campaign channel with no channel adapter: the customer's e-mail address (the one receipts go
 * to), with marketing consent recorded on channel `email`.
 */
export const EMAIL_CHANNEL = 'email';

/**
 * The channels a campaign may use: each has its marketing rules in its notifier (template, brand and
 * opt-out, the 24-hour window; e-mail's List-Unsubscribe in notify/campaign-email.ts). Marketing on
 * each needs an opt-in given for that channel (core/consent.ts).
 */
export const CAMPAIGN_CHANNELS = ['sms', 'whatsapp', 'messenger', EMAIL_CHANNEL] as const;

export const WEEK_MS = 7 * 24 * 60 * 60_000;
/** An order within this long after a click on a campaign link is the campaign's. */
export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 60 * 60_000;

export interface LocalSendTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
}

export const LOCAL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant it is `time` on `date` in `timeZone`: every customer gets the campaign at the same local hour. */
export function sendInstantFor(at: LocalSendTime, timeZone: string): Date {
  const [year, month, day] = at.date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = at.time.split(':').map(Number) as [number, number];
  const date: LocalDate = { year, month, day };
  return new Date(startOfLocalDay(date, timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

/** A marketing SMS names the brand first and ends with how to opt out (CTIA's rules for recurring marketing), in the recipient's language. */
export function marketingSmsParts(brand: string, text: string, optOut: string): { body: string; suffix: string } {
  return { body: `${brand}: ${text}`, suffix: ` ${optOut}` };
}

export interface MarketingEmailParts {
  text: string;
  html: string;
}

/**
 * A campaign e-mail's body, as text and as simple HTML (every piece escaped): the campaign's words,
 * its short link, the brand, and a visible unsubscribe link (besides the List-Unsubscribe header).
 */
export function marketingEmailParts(brand: string, text: string, link: string | null, unsubscribeLink: string, footer: { why: string; unsubscribe: string }): MarketingEmailParts {
  const { why, unsubscribe } = footer;
  const plain = [text, ...(link ? ['', link] : []), '', `— ${brand}`, '', `${why} ${unsubscribe}: ${unsubscribeLink}`].join('\n');
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  const html = [
    ...paragraphs,
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
    `<p>— ${escapeHtml(brand)}</p>`,
    `<p style="font-size:small;color:#555">${escapeHtml(why)} <a href="${escapeHtml(unsubscribeLink)}">${escapeHtml(unsubscribe)}</a></p>`,
  ].join('\n');
  return { text: plain, html };
}

/**
 * Meta stopped delivering WhatsApp marketing templates to US numbers (+1) from 1 April 2025; the NANP
 * shares +1 with Canada and the Caribbean, and all of it is refused here rather than guessing a country
 * from the area code. A business-scoped user id (no number) is not refused.
 */
export function whatsappRefusesMarketingTo(waId: string): boolean {
  return /^\+?1\d{10}$/.test(waId);
}

/**
 * Whether a marketing message (a campaign, a cart reminder) can reach a shopper where they write: a
 * text channel campaigns use, and on WhatsApp no +1 number. What is offered on a channel (the
 * post-order offers ask, a cart reminder) is offered only where it could arrive.
 */
export function marketingReaches(shopper: { channel: string; voice: boolean; channelUserId?: string }): boolean {
  if (shopper.voice || !(CAMPAIGN_CHANNELS as readonly string[]).includes(shopper.channel)) return false;
  return !(shopper.channel === 'whatsapp' && shopper.channelUserId !== undefined && whatsappRefusesMarketingTo(shopper.channelUserId));
}

/** The most cities one event series offers: a WhatsApp list holds 10 rows, and a numbered SMS list stays short. */
export const MAX_EVENT_CITIES = 10;
