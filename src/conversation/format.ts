import { formatLocalDate, type LocalDate } from '../core/dates';
import { formatMoney, speakMoney } from '../core/money';
import { speakOrderNumber } from '../core/order-rules';
import { messagesFor } from './locales';

/** How a message says numbers and lists: once for the ear, once for the eye. */
export interface Formatter {
  voice: boolean;
  money(minor: number): string;
  orderNumber(orderNumber: string): string;
  date(date: LocalDate | Date): string;
  time(date: Date): string;
  /** A wall-clock time (HH:MM) as it is written somewhere, not an instant: an event's start at its venue. */
  wallTime(time: string): string;
  list(items: string[], joiner?: 'and' | 'or'): string;
  count(quantity: number, name: string): string;
}

/** Dates and times are said in the customer's own time zone. */
export function formatterFor(options: { voice: boolean; currency: string; locale: string; timeZone: string }): Formatter {
  const { voice, currency, locale, timeZone } = options;
  return {
    voice,
    money: (minor) => (voice ? speakMoney(minor, currency, locale) : formatMoney(minor, currency, locale)),
    orderNumber: (orderNumber) => (voice ? speakOrderNumber(orderNumber) : orderNumber),
    date: (date) =>
      date instanceof Date
        ? new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(date)
        : formatLocalDate(date, locale),
    time: (date) => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(date),
    wallTime: (time) => {
      const [hour, minute] = time.split(':').map(Number);
      return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2000, 0, 1, hour, minute));
    },
    list: (items, joiner = 'and') => new Intl.ListFormat(locale, { type: joiner === 'and' ? 'conjunction' : 'disjunction' }).format(items),
    count: (quantity, name) => messagesFor(locale).count(quantity, name),
  };
}

/** Speech goes into SSML text: product names like "Salt & Pepper" must not break it (quotes only matter in attributes). */
export function escapeSsml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type Message = (say: Formatter) => string;
