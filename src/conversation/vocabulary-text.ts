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

/** The first number written in words in a text, in the turn's locale ("ela faz quinze anos", "she's turning seventeen"). */
export function numberWordIn(text: string, locale: string | undefined): number | undefined {
  const vocabulary = vocabularyLocale(locale);
  const match = NUMBER_WORD_ANYWHERE.get(vocabulary)!.exec(comparable(clipFreeText(text).toLowerCase()));
  return match ? numberFrom(match[1]!, vocabulary) : undefined;
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
