/** Why a conversation went to a person: the shopper asked, the assistant failed twice running, a configured word, or a voice request written back on text. */
export const HANDOFF_REASONS = ['asked', 'fallbacks', 'keyword', 'voice-write-back'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export const HANDOFF_STATUSES = ['queued', 'claimed', 'resolved'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Text channels a person can write back on after a voice request, in the order tried. */
export const WRITE_BACK_CHANNELS = ['whatsapp', 'messenger', 'sms', 'instagram', 'wechat'] as const;

/**
 * The words the handoff messages tell a waiting shopper to type to come back to the assistant, in every
 * locale's wording ("menu", Romanian "meniu", Chinese "菜单"), and "bot": a greeting ("hello?") while
 * waiting keeps the shopper in the queue, though the vocabulary reads it as the same Launch intent.
 */
const BACK_TO_THE_ASSISTANT = /(^|[^\p{L}])(menu|meniu|bot)($|[^\p{L}])|菜单/iu;

export function asksForTheAssistant(text: string): boolean {
  return BACK_TO_THE_ASSISTANT.test(text);
}

/** Fallbacks in a row after which the assistant hands the conversation to a person. */
export const FALLBACKS_BEFORE_HANDOFF = 2;

/** Opening hours as minutes of the day in the shop's time zone; `from > to` wraps midnight. */
export interface OpeningHours {
  fromMinute: number;
  toMinute: number;
  timeZone: string;
}

export function parseOpeningHours(spec: string, timeZone: string): OpeningHours | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(spec);
  if (!match) return null;
  const [, fromH, fromM, toH, toM] = match.map(Number) as [number, number, number, number, number];
  return { fromMinute: fromH * 60 + fromM, toMinute: toH * 60 + toM, timeZone };
}

function minuteOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Whether people answer now: always when no hours are set. */
export function isOpen(hours: OpeningHours | null, now: Date): boolean {
  if (!hours) return true;
  const minute = minuteOfDay(now, hours.timeZone);
  return hours.fromMinute <= hours.toMinute ? minute >= hours.fromMinute && minute < hours.toMinute : minute >= hours.fromMinute || minute < hours.toMinute;
}

/** "09:00", the time people start answering again, for the shopper. */
export function opensAt(hours: OpeningHours): string {
  return `${String(Math.floor(hours.fromMinute / 60)).padStart(2, '0')}:${String(hours.fromMinute % 60).padStart(2, '0')}`;
}

/** A configured handoff word in what the shopper wrote (whole words, case-insensitive); the text is already bounded. */
export function handoffWordIn(text: string, words: readonly string[]): string | null {
  const lower = text.toLowerCase();
  return words.find((word) => new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(lower)) ?? null;
}
