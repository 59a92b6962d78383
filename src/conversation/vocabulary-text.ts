import { clipFreeText } from '../core/free-text';
import { foldDiacritics } from '../core/matching';
import { parseOrderNumber } from '../core/order-rules';
import type { Intent, Slots } from './turn';
import { INTENT_DEFINITIONS, LOCALE_WORDS, VOCABULARY_LOCALES, vocabularyLocale, type IntentDefinition, type SlotDefinition, type VocabularyLocale } from './vocabulary';

/**
 * The vocabulary's samples compiled into matchers for typed text, so whatever a voice platform
 * understands is understood when typed. A sample is matched whole; a slot becomes a bounded capture:
 * free words (a product, a category, a date) at most 80 characters, lazily, and numbers digits or the
 * locale's number words. No capture nests a quantifier, and a sample has at most one free slot, so a
 * match costs at most a pass per candidate split of an already capped text.
 */

/** Samples with a product slot name a product in free words; see `matchSamples`. */
export type SampleKind = 'product' | 'other';

interface CompiledSample {
  definition: IntentDefinition;
  sample: string;
  pattern: RegExp;
  /** The slots in capture-group order. */
  slots: SlotDefinition[];
  /** How specific a match is: characters the sample fixes, then (on a tie) slots it fills: "add {quantity} {product}" beats "add {product}". */
  specificity: number;
  kind: SampleKind;
}

const FREE = '(\\S.{0,79}?)';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Languages written without spaces between words: a sample's words and slots meet with or without
 * spaces between them ("我要两袋咖啡" and "我要 两袋 咖啡"); what a slot captures keeps its own spaces.
 */
const UNSPACED: ReadonlySet<VocabularyLocale> = new Set(['zh-CN']);

/** What a sample and a typed text are compared as: diacritics folded (a shopper typing "nao" or "cafe" means "não" and "café"), curly apostrophes straight. */
function comparable(text: string): string {
  return foldDiacritics(text).replace(/[\u2018\u2019]/g, "'");
}

const NUMBER_WORDS = new Map<VocabularyLocale, Map<string, number>>(
  VOCABULARY_LOCALES.map((locale) => [locale, new Map(Object.entries(LOCALE_WORDS[locale].numbers).map(([word, value]) => [comparable(word), value]))]),
);

/** The locale's number words as alternatives, longest first, so "vinte e um" is tried before "vinte". */
const numberWords = (locale: VocabularyLocale): string =>
  [...NUMBER_WORDS.get(locale)!.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

function numberCapture(locale: VocabularyLocale): string {
  const counters = LOCALE_WORDS[locale].counters;
  return `(\\d{1,7}|${numberWords(locale)})${counters ? `(?:${counters.map(escape).join('|')})?` : ''}`;
}

/**
 * A number at the start of a text, as a whole word: digits, or the locale's number words. In Chinese
 * only with its measure word ("两袋"), since a Chinese count always has one and "一些" (some) is no count.
 */
const LEADING_QUANTITY = new Map<VocabularyLocale, RegExp>(
  VOCABULARY_LOCALES.map((locale) => {
    const counters = LOCALE_WORDS[locale].counters;
    const source = UNSPACED.has(locale) && counters ? `^(\\d{1,7}|${numberWords(locale)})\\s*(?:${counters.map(escape).join('|')})` : `^${numberCapture(locale)}(?=\\s|$)`;
    return [locale, new RegExp(source)];
  }),
);

/** The first number written in words anywhere in a text: the whole word in spaced languages, any run in Chinese ("十五岁"). */
const NUMBER_WORD_ANYWHERE = new Map<VocabularyLocale, RegExp>(
  VOCABULARY_LOCALES.map((locale) => [locale, new RegExp(UNSPACED.has(locale) ? `(${numberWords(locale)})` : `(?:^|\\s)(${numberWords(locale)})(?=\\s|$)`)]),
);

/** The quantity a text starts with in the turn's locale ("quinze cafés", "两袋咖啡", "2 coffees"), if it starts with one. */
export function leadingQuantity(text: string, locale: string | undefined): number | undefined {
  const vocabulary = vocabularyLocale(locale);
  const match = LEADING_QUANTITY.get(vocabulary)!.exec(comparable(clipFreeText(text).toLowerCase()));
  return match ? numberFrom(match[1]!, vocabulary) : undefined;
}

/**
 * "Any", as each language's question invites it ("Or say any", "Ou diga qualquer um", "也可以说“都行”")
 * and the usual ways of saying no preference, as `comparable` writes them.
 */
const ANY_CHOICE: Record<string, readonly string[]> = {
  en: ['any', 'anything', 'whatever', "don't mind", 'dont mind', 'no preference', 'no'],
  pt: ['qualquer', 'qualquer um', 'qualquer uma', 'tanto faz', 'nao', 'nenhum'],
  it: ['qualsiasi', 'uno qualsiasi', 'non importa', 'fa lo stesso', 'no'],
  pl: ['dowolny', 'dowolna', 'obojetnie', 'wszystko jedno', 'jakikolwiek', 'nie'],
  ro: ['oricare', 'orice', 'nu conteaza', 'indiferent', 'nu'],
  zh: ['都行', '都可以', '随便', '无所谓', '不限'],
};

/** Unicode-aware word edges: a word is whole before punctuation or a hyphen, and "o" or "un" inside another word is none. */
const WORD_START = '(?<![\\p{L}\\p{N}])';
const NOT_WORD = '(?![\\p{L}\\p{N}])';

const ANY_CHOICE_PATTERN = new Map<VocabularyLocale, RegExp>(
  VOCABULARY_LOCALES.map((locale) => {
    // A language with no words listed yet understands no "any": its pattern never matches.
    const words = (ANY_CHOICE[locale.split('-')[0]!] ?? []).map(escape).join('|');
    return [locale, new RegExp(!words ? '(?!)' : UNSPACED.has(locale) ? `(?:${words})` : `${WORD_START}(?:${words})${NOT_WORD}`, 'u')];
  }),
);

/** Whether an answer to "any particular kind?" says any will do, in the turn's language. */
export function saysAnyChoice(text: string, locale: string | undefined): boolean {
  return ANY_CHOICE_PATTERN.get(vocabularyLocale(locale))!.test(comparable(clipFreeText(text).toLowerCase()));
}

/** What a gift-finder number answers: how old the person is, or how much to spend. */
export type GiftNumber = 'age' | 'budget';

/**
 * The words said right after an age or an amount, by language, as `comparable` writes them (diacritics
 * folded, "złotych" as "zlotych"): "quinze anos", "cincisprezece ani", "fifteen-year-old", "cem reais".
 * The number before one is the answer, whatever other number words the sentence has ("uma menina").
 */
const GIFT_UNITS: Record<string, Record<GiftNumber, readonly string[]>> = {
  en: { age: ['years', 'year', 'yrs', 'yr'], budget: ['dollars', 'dollar', 'bucks', 'pounds', 'pound', 'quid', 'euros', 'euro'] },
  pt: { age: ['anos', 'ano', 'aninhos'], budget: ['reais', 'real', 'euros', 'dolares'] },
  it: { age: ['anni', 'anno'], budget: ['euro'] },
  pl: { age: ['lat', 'lata', 'rok'], budget: ['zlotych', 'zlote', 'zloty', 'zl', 'euro'] },
  ro: { age: ['ani', 'an'], budget: ['lei', 'leu', 'euro'] },
  zh: { age: ['周岁', '岁'], budget: ['块', '元'] },
};

interface NumberReader {
  /** Every number word of the text, as a whole word (or, in Chinese, every run of number characters). */
  numbers: RegExp;
  /** A unit right after a number, sticky from where the number ends; a group per kind. */
  unit: Record<GiftNumber, RegExp>;
  value(said: string): number | undefined;
}

const NUMBER_READERS = new Map<VocabularyLocale, NumberReader>(
  VOCABULARY_LOCALES.map((locale) => {
    // A language with no units listed yet reads the last number word: its unit pattern never matches.
    const units = GIFT_UNITS[locale.split('-')[0]!] ?? { age: [], budget: [] };
    const unspaced = UNSPACED.has(locale);
    // Romanian counts twenty and up with "de" before the unit ("douăzeci de ani").
    const before = unspaced ? '\\s{0,2}' : '[\\s-]{1,3}(?:de\\s{1,3})?';
    const unit = (kind: GiftNumber) => new RegExp(units[kind].length === 0 ? '(?!)' : `${before}(?:${units[kind].map(escape).join('|')})${unspaced ? '' : NOT_WORD}`, 'uy');
    return [
      locale,
      {
        // Unicode-aware boundaries: a number word is whole before punctuation ("fifteen.") or a hyphen ("fifteen-year-old"),
        // and "o" or "un" inside another word is none. Chinese has no spaces, so it reads runs of number characters.
        numbers: unspaced ? /[零〇一二两三四五六七八九十百千]{1,9}/gu : new RegExp(`${WORD_START}(?:${numberWords(locale)})${NOT_WORD}`, 'gu'),
        unit: { age: unit('age'), budget: unit('budget') },
        value: unspaced ? chineseNumber : (said: string) => numberFrom(said, locale),
      },
    ];
  }),
);

/** The digits of the Chinese table (一 to 九, and 两), and zero, which is no quantity and so not in it. */
const CHINESE_DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  ...Object.fromEntries(Object.entries(LOCALE_WORDS['zh-CN'].numbers).filter(([word, value]) => [...word].length === 1 && value < 10)),
};
const CHINESE_PLACES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A Chinese number up to 9999, written as it is said: "十五" 15, "两百" 200, "一百五十" 150, "一百零五" 105,
 * and the spoken short form "两百五" 250 (a last digit after 百 or 千 counts the next place down). The table
 * stops at ninety-nine, and read by it "两百块" was two. A run that is no number ("一二") is undefined.
 */
function chineseNumber(run: string): number | undefined {
  let total = 0;
  let digit: number | null = null;
  let place = Infinity;
  let zero = false;
  for (const char of run) {
    const value = CHINESE_DIGIT_VALUES[char];
    if (value === 0) {
      zero = true;
      continue;
    }
    if (value !== undefined) {
      if (digit !== null) return undefined;
      digit = value;
      continue;
    }
    const size = CHINESE_PLACES[char]!;
    // "十五" says no digit before its ten; no other place may go without one, and places only go down.
    if (size >= place || (digit === null && size !== 10)) return undefined;
    total += (digit ?? 1) * size;
    place = size;
    digit = null;
    zero = false;
  }
  if (digit !== null) total += place >= 100 && place !== Infinity && !zero ? (digit * place) / 10 : digit;
  return total > 0 ? total : undefined;
}

/**
 * A gift finder's age or budget written in words, in the turn's locale: the number right before the unit
 * ("para uma menina de quinze anos", "一个十五岁的女孩", "两百块"), else the last number in the text
 * ("she's turning fifteen."), so an article said before it ("uma", "una", "o", "一个") is not read as one.
 */
export function numberWordIn(text: string, locale: string | undefined, kind: GiftNumber): number | undefined {
  const vocabulary = vocabularyLocale(locale);
  const reader = NUMBER_READERS.get(vocabulary)!;
  const said = comparable(clipFreeText(text).toLowerCase());
  const unit = reader.unit[kind];
  let last: number | undefined;
  for (const match of said.matchAll(reader.numbers)) {
    const value = reader.value(match[0]);
    if (value === undefined) continue;
    unit.lastIndex = match.index + match[0].length;
    if (unit.test(said)) return value;
    last = value;
  }
  return last;
}

function captureFor(slot: SlotDefinition, locale: VocabularyLocale): string {
  if (slot.maps === 'orderNumber') return '(\\d{3}[ -]?\\d{3})';
  if (slot.type === 'AMAZON.FOUR_DIGIT_NUMBER') return '(\\d(?:[ -]?\\d){3})';
  if (slot.type === 'AMAZON.NUMBER') return numberCapture(locale);
  return FREE;
}

function compile(definition: IntentDefinition, sample: string, locale: VocabularyLocale): CompiledSample {
  const slots: SlotDefinition[] = [];
  let literal = 0;
  const source = sample
    .split(/(\{[A-Za-z][A-Za-z0-9_]*\})/)
    .map((piece) => {
      const slot = /^\{(.+)\}$/.exec(piece) ? definition.slots.find((candidate) => `{${candidate.name}}` === piece) : undefined;
      if (!slot) {
        const text = UNSPACED.has(locale) ? comparable(piece).replace(/\s+/g, '') : comparable(piece);
        literal += text.replace(/\s/g, '').length;
        return escape(text);
      }
      slots.push(slot);
      return captureFor(slot, locale);
    })
    .join(UNSPACED.has(locale) ? '\\s*' : '');
  return { definition, sample, pattern: new RegExp(`^${source}$`), slots, specificity: literal * 16 + slots.length, kind: definition.slots.some((slot) => slot.maps === 'product') ? 'product' : 'other' };
}

const COMPILED = new Map<VocabularyLocale, CompiledSample[]>(
  VOCABULARY_LOCALES.map((locale) => [locale, INTENT_DEFINITIONS.flatMap((definition) => definition.samples[locale].map((sample) => compile(definition, sample, locale)))]),
);

function numberFrom(said: string, locale: VocabularyLocale): number | undefined {
  const value = /^\d+$/.test(said) ? Number(said) : NUMBER_WORDS.get(locale)!.get(said);
  return value !== undefined && value > 0 ? value : undefined;
}

function fill(slots: Slots, slot: SlotDefinition, said: string, locale: VocabularyLocale): void {
  switch (slot.maps) {
    case 'orderNumber':
      slots.orderNumber = parseOrderNumber(said) ?? undefined;
      break;
    case 'code':
      slots.code = said.replace(/\D/g, '');
      break;
    case 'quantity':
    case 'age':
      slots[slot.maps] = numberFrom(said, locale);
      break;
    case 'budgetMinor': {
      // Said in whole dollars or pounds, as on voice.
      const whole = numberFrom(said, locale);
      slots.budgetMinor = whole === undefined ? undefined : whole * 100;
      break;
    }
    case 'product':
    case 'category':
    case 'date':
    case 'discountCode':
      slots[slot.maps] = said;
      break;
  }
}

/**
 * The intent of the most specific sample of `kind` that matches the whole normalised text (lowercase,
 * single spaces), in the turn's locale, or null. Product samples ("i want {product}") are kept apart
 * because their free slot takes any words, so the caller lets its keyword rules speak first.
 */
export function matchSamples(text: string, locale: string | undefined, kind: SampleKind): Intent | null {
  const vocabulary = vocabularyLocale(locale);
  const said = comparable(text);
  let best: { compiled: CompiledSample; match: RegExpExecArray } | null = null;
  for (const compiled of COMPILED.get(vocabulary)!) {
    if (compiled.kind !== kind || (best && compiled.specificity <= best.compiled.specificity)) continue;
    const match = compiled.pattern.exec(said);
    if (match) best = { compiled, match };
  }
  if (!best) return null;
  const { compiled, match } = best;
  const slots: Slots = { ...compiled.definition.fixed };
  compiled.slots.forEach((slot, index) => fill(slots, slot, match[index + 1]!, vocabulary));
  const quantityAt = compiled.slots.findIndex((slot) => slot.maps === 'quantity');
  if (slots.quantity !== undefined && slots.product !== undefined && !UNSPACED.has(vocabulary) && NUMBER_WORD_ANYWHERE.get(vocabulary)!.exec(slots.product)?.index === 0) {
    // A number word straight after the quantity ("venti tre caffè") is a number this table cannot read:
    // both go to the catalogue matcher, which asks back, rather than the first word alone being the quantity.
    // Not in Chinese, whose product names may start with a digit word ("一次性杯子", disposable cups).
    slots.product = `${match[quantityAt + 1]!} ${slots.product}`;
    delete slots.quantity;
  }
  return { name: compiled.definition.neutral, slots };
}
