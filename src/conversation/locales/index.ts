import { enUS, type Messages } from './en-US';

const LOCALES: Record<string, Messages> = { 'en-US': enUS };

/** The bundle for a locale; unknown locales get en-US until their bundle exists. */
export function messagesFor(locale: string): Messages {
  return LOCALES[locale] ?? enUS;
}

export type { Messages };
