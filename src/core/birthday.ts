import { addDays, localDateOf, startOfLocalDay, type LocalDate } from './dates';

/**
 * Birthdays, pure: the `MM-DD` key a customer's birthday is found by (equality, never a scan of
 * birth dates), which keys fall on a calendar day (a 29 February birthday is kept on 28 February in
 * other years), and when a birthday's message is due in the customer's own time zone.
 */

const pad = (value: number) => String(value).padStart(2, '0');

/** `MM-DD` of a birth date (stored as a UTC calendar date, like every date of birth). */
export function birthdayKeyOf(birthDate: Date): string {
  return `${pad(birthDate.getUTCMonth() + 1)}-${pad(birthDate.getUTCDate())}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The birthday keys celebrated on `date`: its own, and on 28 February of a year without a 29th, `02-29` too. */
export function birthdayKeysOn(date: LocalDate): string[] {
  const own = `${pad(date.month)}-${pad(date.day)}`;
  return date.month === 2 && date.day === 28 && !isLeapYear(date.year) ? [own, '02-29'] : [own];
}

/**
 * The instant a birthday message for `key` is due in `timeZone`: `localHour` on the customer's birthday
 * if it is today or tomorrow where they live (once that hour has passed today, the caller sends at
 * once), with the local year (one message per customer per year). Null when neither day is it.
 */
export function birthdayDue(key: string, timeZone: string, localHour: number, now: Date): { at: Date; year: number } | null {
  const today = localDateOf(now, timeZone);
  for (const offset of [0, 1]) {
    const date = addDays(today, offset);
    if (!birthdayKeysOn(date).includes(key)) continue;
    return { at: new Date(startOfLocalDay(date, timeZone).getTime() + localHour * 60 * 60_000), year: date.year };
  }
  return null;
}

/** Whether it is still the customer's birthday (for `key`) at `now` in their time zone: a late message is not sent. */
export function isBirthdayAt(key: string, timeZone: string, now: Date): boolean {
  return birthdayKeysOn(localDateOf(now, timeZone)).includes(key);
}
