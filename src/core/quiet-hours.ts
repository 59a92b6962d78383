/**
 * Quiet hours in the customer's own time zone: a notification that falls inside them waits until they
 * end rather than buzzing a phone at night. Windows may wrap midnight ("21:00-08:00").
 */

export interface QuietHours {
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOfDay(clock: string): number | null {
  const match = CLOCK.exec(clock.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "21:00-08:00" to a window; null for anything else (including a zero-length window). */
export function parseQuietHours(text: string): QuietHours | null {
  const [start, end, ...rest] = text.split('-');
  if (start === undefined || end === undefined || rest.length > 0) return null;
  const startMinute = minuteOfDay(start);
  const endMinute = minuteOfDay(end);
  if (startMinute === null || endMinute === null || startMinute === endMinute) return null;
  return { startMinute, endMinute };
}

function localClock(instant: Date, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { minute: get('hour') * 60 + get('minute'), second: get('second') };
}

/**
 * When the quiet hours around `now` end, or null when `now` is outside them. Counted in minutes on the
 * local clock, so a DST change inside the night shifts the result by that hour (sent an hour early or late).
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours): Date | null {
  const { minute, second } = localClock(now, timeZone);
  const inside = quiet.startMinute < quiet.endMinute ? minute >= quiet.startMinute && minute < quiet.endMinute : minute >= quiet.startMinute || minute < quiet.endMinute;
  if (!inside) return null;
  const minutesLeft = (quiet.endMinute - minute + 1440) % 1440;
  return new Date(now.getTime() - second * 1000 - (now.getTime() % 1000) + minutesLeft * 60_000);
}
