import { startOfLocalDay, type LocalDate } from './dates';

/**
 * Campaign rules, pure: when a campaign's local send time falls for a customer, what a marketing SMS
 * must carry, and which destinations a channel refuses marketing to.
 */

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

/** A marketing SMS names the brand first and ends with how to opt out (CTIA's rules for recurring marketing). */
export function marketingSmsParts(brand: string, text: string, optOutLink: string | null): { body: string; suffix: string } {
  const optOut = optOutLink ? ` Reply STOP or tap ${optOutLink} to opt out.` : ' Reply STOP to opt out.';
  return { body: `${brand}: ${text}`, suffix: optOut };
}

/**
 * Meta stopped delivering WhatsApp marketing templates to US numbers (+1) from 1 April 2025; the NANP
 * shares +1 with Canada and the Caribbean, and all of it is refused here rather than guessing a country
 * from the area code. A business-scoped user id (no number) is not refused.
 */
export function whatsappRefusesMarketingTo(waId: string): boolean {
  return /^\+?1\d{10}$/.test(waId);
}

/** The most cities one event series offers: a WhatsApp list holds 10 rows, and a numbered SMS list stays short. */
export const MAX_EVENT_CITIES = 10;
