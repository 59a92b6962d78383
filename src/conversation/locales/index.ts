import { enUS, type Messages } from './en-US';
import { itIT } from './it-IT';
import { plPL } from './pl-PL';
import { ptBR } from './pt-BR';
import { roRO } from './ro-RO';
import { zhCN } from './zh-CN';

/** Every bundle by locale. en-GB shares the American wording; the vocabulary keeps its British words. */
export const MESSAGE_LOCALES = { 'en-US': enUS, 'en-GB': enUS, 'pt-BR': ptBR, 'it-IT': itIT, 'zh-CN': zhCN, 'pl-PL': plPL, 'ro-RO': roRO } as const satisfies Record<string, Messages>;

export type MessageLocale = keyof typeof MESSAGE_LOCALES;

/** The supported locale for any locale tag: itself, else the first of the same language ("pt-PT" -> pt-BR), else en-US. */
export function supportedLocale(locale: string | undefined): MessageLocale {
  const tag = (locale ?? '').replace('_', '-').toLowerCase();
  const locales = Object.keys(MESSAGE_LOCALES) as MessageLocale[];
  const exact = locales.find((candidate) => candidate.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split('-')[0];
  return locales.find((candidate) => candidate.split('-')[0]!.toLowerCase() === language) ?? 'en-US';
}

/** The bundle for a locale; a language without a bundle gets en-US. */
export function messagesFor(locale: string): Messages {
  return MESSAGE_LOCALES[supportedLocale(locale)];
}

export type { Messages };
