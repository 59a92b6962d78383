import { foldDiacritics } from './matching/normalize';
/** Calendar dates in the customer's own time zone: "yesterday" and the daily spending limit mean their day, not UTC's. */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/**
 * Weekdays in the other languages the shop speaks (Sunday first, diacritics folded), as word beginnings so
 * that inflected forms count: Polish "we wtorek" / "z wtorku", Portuguese "terça" / "terça-feira";
 * Romanian "marți" ends there, or it would be "martie" (March).
 */
const OTHER_WEEKDAYS: string[][] = [
  ['domingo', 'domenica', 'niedziel', 'duminic', '星期日', '星期天', '周日'],
  ['segunda', 'lunedi', 'poniedzial', 'luni\\b', 'lunea', '星期一', '周一'],
  ['terca', 'martedi', 'wtor', 'marti\\b', 'martea', '星期二', '周二'],
  ['quarta', 'mercoledi', 'srod', 'miercuri', '星期三', '周三'],
  ['quinta', 'giovedi', 'czwart', 'joi\\b', 'joia', '星期四', '周四'],
  ['sexta', 'venerdi', 'piat', 'vineri', '星期五', '周五'],
  ['sabado', 'sabato', 'sobot', 'sambat', '星期六', '周六'],
];
const OTHER_TODAY = /\b(?:hoje|oggi|dzis|dzisiaj|azi|astazi)\b|今天/;
const OTHER_YESTERDAY = /\b(?:ontem|ieri|wczoraj)\b|昨天/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant local midnight begins on `date` in `timeZone` (DST-safe: the offset is re-read at the result). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - offsetMs(new Date(guess), timeZone);
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The past date a customer means: "today", "yesterday", "3 days ago", "last tuesday" / "on tuesday"
 * (the most recent one before today), "november 3rd", "3 nov", "11/3", or an ISO date from a voice platform.
 * Null when no date is named.
 */
export function parsePastDate(text: string, now: Date, timeZone: string): LocalDate | null {
  const said = text.toLowerCase();
  const today = localDateOf(now, timeZone);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(said);
  if (iso) return pastFromIso(validDate({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }), today);
  const folded = foldDiacritics(said);
  if (/\btoday\b|\bthis morning\b|\bearlier today\b/.test(said) || OTHER_TODAY.test(folded)) return today;
  if (/\byesterday\b/.test(said) || OTHER_YESTERDAY.test(folded)) return addDays(today, -1);
  const ago = /\b(\d{1,2}|a|one|two|three|four|five|six|seven)\s+days?\s+ago\b/.exec(said);
  if (ago) return addDays(today, -wordToNumber(ago[1]!));

  const english = WEEKDAYS.findIndex((name) => new RegExp(`\\b${name}\\b`).test(said));
  const weekday = english >= 0 ? english : OTHER_WEEKDAYS.findIndex((names) => names.some((name) => (/^\p{Script=Han}/u.test(name) ? folded.includes(name) : new RegExp(`\\b${name}`).test(folded))));
  if (weekday >= 0) {
    const back = (weekdayOf(today) - weekday + 7) % 7 || 7;
    return addDays(today, -back);
  }

  const monthFirst = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/.exec(said);
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b/.exec(said);
  const spelled: [string, string][] = [];
  if (monthFirst) spelled.push([monthFirst[1]!, monthFirst[2]!]);
  if (dayFirst) spelled.push([dayFirst[2]!, dayFirst[1]!]);
  for (const [monthWord, dayText] of spelled) {
    const month = MONTHS.findIndex((name) => name.startsWith(monthWord));
    if (month >= 0) return mostRecent(month + 1, Number(dayText), today);
  }
  const numeric = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(said);
  if (numeric) {
    const month = Number(numeric[1]);
    const day = Number(numeric[2]);
    if (numeric[3]) return validDate({ year: Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]), month, day });
    return mostRecent(month, day, today);
  }
  return null;
}

/**
 * Voice platforms resolve a bare weekday ("tuesday") to the coming one; asked about a past order,
 * the customer meant the one before, so a date in the next week moves back a week.
 */
function pastFromIso(date: LocalDate | null, today: LocalDate): LocalDate | null {
  if (!date) return null;
  const daysAhead = (Date.UTC(date.year, date.month - 1, date.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000;
  return daysAhead > 0 && daysAhead <= 7 ? addDays(date, -7) : date;
}

function mostRecent(month: number, day: number, today: LocalDate): LocalDate | null {
  const thisYear = validDate({ year: today.year, month, day });
  if (!thisYear) return null;
  const isFuture = month > today.month || (month === today.month && day > today.day);
  return isFuture ? validDate({ year: today.year - 1, month, day }) : thisYear;
}

function validDate(date: LocalDate): LocalDate | null {
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

function wordToNumber(word: string): number {
  const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };
  return words[word] ?? Number(word);
}

export function formatLocalDate(date: LocalDate, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}
