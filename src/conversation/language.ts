import { foldDiacritics } from '../core/matching';
import { clipFreeText } from '../core/free-text';
import type { TurnUnitOfWork } from '../store/unit-of-work';
import { supportedLocale, type MessageLocale } from './locales';
import type { Turn } from './turn';
import { matchSamples } from './vocabulary-text';
import { INTENT_DEFINITIONS, VOCABULARY_LOCALES } from './vocabulary';

/**
 * Which language a turn is answered in (issue 21). In order:
 * 1. the voice platform's, where its model fixes the language (Alexa's request locale, Dialogflow's languageCode);
 * 2. what the shopper asked for ("speak English", "fale português"), kept on the customer;
 * 3. what this conversation already speaks (the session), else what the customer chose or was found to
 *    speak before (the customer), else what their first message is written in;
 * 4. the channel's default (WeChat zh-CN, the web chat's requested locale, en-US elsewhere).
 */

/** Asking for a language by name, in that language or in English ("speak English", "fale português", "说中文"). */
const LANGUAGE_REQUESTS: [RegExp, MessageLocale][] = [
  [/^(?:(?:can you |please )?(?:speak|talk|reply|answer|write)(?: to me)?(?: in)? english(?: please)?|(?:in )?english(?: please)?)$/, 'en-US'],
  [/^(?:(?:fale|fala|falar|responda|escreva)(?: comigo)?(?: em)? portugues(?: por favor)?|(?:em )?portugues(?: por favor)?|speak portuguese)$/, 'pt-BR'],
  [/^(?:(?:parla|parli|parlami|rispondi|scrivi|scrivimi)(?: in)? italiano(?: per favore)?|(?:in )?italiano(?: per favore)?|speak italian)$/, 'it-IT'],
  [/^(?:(?:请)?(?:说|讲|用|换成)(?:中文|汉语|普通话|简体中文)(?:吧|回复)?|中文|汉语|speak chinese)$/, 'zh-CN'],
  [/^(?:(?:mow|mowisz|mowic|pisz|odpowiadaj|rozmawiaj)(?: do mnie)? po polsku(?: prosze)?|po polsku(?: prosze)?|polski|speak polish)$/, 'pl-PL'],
  [/^(?:(?:vorbeste|vorbesti|vorbiti|scrie|scrieti|raspunde)(?: cu mine)?(?: in)? (?:romaneste|romana|limba romana)(?: te rog)?|romaneste|(?:in )?limba romana|speak romanian)$/, 'ro-RO'],
];

/** Lowercase, diacritics folded, no punctuation: as the vocabulary's samples are compared. */
function comparable(text: string): string {
  return foldDiacritics(clipFreeText(text))
    .replace(/[!?.,;:。！？，、]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The locale a message asks to be spoken to in, or null. */
export function languageRequestIn(text: string): MessageLocale | null {
  const said = comparable(text);
  if (said.length > 60) return null;
  return LANGUAGE_REQUESTS.find(([pattern]) => pattern.test(said))?.[1] ?? null;
}

const HAN = /\p{Script=Han}/u;
/** franc's ISO 639-3 codes for the languages we answer in. */
const FRANC_CODES: Record<string, MessageLocale> = { eng: 'en-US', por: 'pt-BR', ita: 'it-IT', cmn: 'zh-CN', pol: 'pl-PL', ron: 'ro-RO' };
/**
 * Trigram statistics say little about a few words: "text my link code to" reads as Portuguese and a
 * short Italian sentence as Romanian. franc is asked only about this many letters or more, and only
 * when the shop's own words (below) cannot tell.
 */
const FRANC_MIN_LETTERS = 24;
/** A shopper's words the vocabulary of one language knows: at least this share of them to call the message that language. */
const LEXICON_MIN_SHARE = 0.5;

const languageOf = (locale: string): string => locale.split('-')[0]!;

const wordsOf = (text: string): string[] => comparable(text.replace(/\{[^}]*\}/g, ' ')).split(/[^\p{L}']+/u).filter((word) => word.length > 1);

/** Per language, every word of the vocabulary's samples in it: what a shop's shoppers are expected to write. */
let lexicons: Map<string, Set<string>> | undefined;
function lexiconsByLanguage(): Map<string, Set<string>> {
  if (lexicons) return lexicons;
  lexicons = new Map();
  for (const definition of INTENT_DEFINITIONS) {
    for (const [locale, samples] of Object.entries(definition.samples as Record<string, string[]>)) {
      const words = lexicons.get(languageOf(locale)) ?? new Set<string>();
      for (const sample of samples) for (const word of wordsOf(sample)) words.add(word);
      lexicons.set(languageOf(locale), words);
    }
  }
  return lexicons;
}

/** The language whose vocabulary knows most of the message's words (the channel's own language on a tie), or null when none knows enough. */
function languageByLexicon(said: string, fallback: string): string | null {
  const words = wordsOf(said);
  if (words.length === 0) return null;
  const share = (language: string) => words.filter((word) => lexiconsByLanguage().get(language)?.has(word)).length / words.length;
  let best = languageOf(fallback);
  let bestShare = share(best);
  for (const language of lexiconsByLanguage().keys()) {
    const languageShare = share(language);
    if (languageShare > bestShare) [best, bestShare] = [language, languageShare];
  }
  return bestShare >= LEXICON_MIN_SHARE ? best : null;
}

/**
 * The language a message is written in, or null when it cannot tell. Chinese script decides at once;
 * then the vocabulary: a message the samples of one language understand (and the default's do not) is
 * that language; then the share of its words each language's samples use; then, for a sentence long
 * enough, franc's trigram statistics among our languages.
 */
export async function detectLanguage(text: string, fallback: string): Promise<MessageLocale | null> {
  const said = comparable(text);
  if (said === '') return null;
  if (HAN.test(said)) return 'zh-CN';
  const understoodIn = (locale: string) => matchSamples(said, locale, 'other') ?? matchSamples(said, locale, 'product');
  if (understoodIn(fallback)) return supportedLocale(fallback);
  const languages = new Set(VOCABULARY_LOCALES.filter((locale) => understoodIn(locale)).map(languageOf));
  if (languages.size === 1) return supportedLocale([...languages][0]);
  const byLexicon = languageByLexicon(said, fallback);
  if (byLexicon) return supportedLocale(byLexicon === languageOf(fallback) ? fallback : byLexicon);
  const letters = said.replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (letters.replace(/\s/g, '').length < FRANC_MIN_LETTERS) return null;
  const { franc } = await import('franc-min');
  return FRANC_CODES[franc(letters, { only: Object.keys(FRANC_CODES), minLength: FRANC_MIN_LETTERS })] ?? null;
}

export interface TurnLanguage {
  /** A supported locale, or the voice platform's own (en-AU keeps its dates and money; its words are en-US's). */
  locale: string;
  /** The shopper asked for this language just now: the turn is answered with that, and nothing else. */
  switched: boolean;
}

/** The turn's language (see above); keeps what it learned on the session, and on the customer when chosen or detected. */
export async function resolveLanguage(turn: Turn, work: TurnUnitOfWork, languageFromChannel: boolean): Promise<TurnLanguage> {
  const channelLocale = supportedLocale(turn.locale);
  const keep = (locale: MessageLocale, how: 'asked' | 'detected' | null, switched = false): TurnLanguage => {
    work.session.language = locale;
    if (how) work.keepLanguage(locale, how);
    return { locale, switched };
  };
  if (languageFromChannel) {
    // Once per conversation the customer learns it too, so notifications on other channels speak it; a language they asked for stays.
    if (work.session.language !== turn.locale) work.keepLanguage(turn.locale, 'detected');
    work.session.language = turn.locale;
    return { locale: turn.locale, switched: false };
  }
  const asked = turn.text ? languageRequestIn(turn.text) : null;
  if (asked) return keep(asked, 'asked', true);
  if (work.session.language) return { locale: supportedLocale(work.session.language), switched: false };
  const customer = await work.customer();
  if (customer.localeSource) return keep(supportedLocale(customer.locale ?? channelLocale), null);
  const detected = turn.text ? await detectLanguage(turn.text, channelLocale) : null;
  // Undetected (a tap, an emoji, "ok"), the conversation settles on the channel's language; the customer keeps no choice.
  return detected ? keep(detected, detected === customer.locale ? null : 'detected') : keep(channelLocale, null);
}
