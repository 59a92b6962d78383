import { CatalogIndex, type Candidate, type MatchableProduct, type MatchResult } from './catalog-index';
import { CHINESE_COUNTERS, NUMBER_WORDS } from '../number-words';
import { MATCHING_LANGUAGES, type MatchingLanguage } from './languages';
import { normalizeText, words } from './normalize';

/** A product's name and synonyms in one locale (the catalogue's own `name` and `synonyms` are its first language's). */
export interface ProductNames {
  locale: string;
  name: string;
  synonyms: string[];
}

export interface LocalizableProduct extends MatchableProduct {
  translations?: ProductNames[] | null;
}

/** What a flow asks of the catalogue: the English matcher or a localized one answer alike. */
export interface ProductMatcher {
  readonly size: number;
  match(utterance: string): MatchResult;
  search(text: string, limit?: number): Candidate[];
}

/** The product's name for a shopper of `locale`: its translation when it has one, else the catalogue's name. */
export function productNameIn(product: LocalizableProduct, locale: string): string {
  return namesIn(product, locale)?.name ?? product.name;
}

function namesIn(product: LocalizableProduct, locale: string): ProductNames | undefined {
  const language = languageOf(locale);
  return product.translations?.find((names) => languageOf(names.locale) === language);
}

/** A locale's language, lowercase (`pt-BR` → `pt`): what translations are matched by. */
export const languageOf = (locale: string): string => locale.split('-')[0]!.toLowerCase();

/**
 * The matcher for a locale's shoppers. English uses the catalogue's own names through `CatalogIndex`
 * as it always did. Another language uses the products' names in that language, keyed (diacritics folded,
 * little words dropped, each word stemmed; Chinese as character pairs) and matched by the same
 * `CatalogIndex`, after its quantities ("dwie paczki", "due sacchetti di", "两袋") are read off. A product
 * with no name in the language is matched by its catalogue name.
 */
export function productMatcher(products: readonly LocalizableProduct[], locale: string): ProductMatcher {
  const language = languageOf(locale);
  if (language === 'zh') return new LocalizedIndex(products, locale, chineseKeys);
  const rules = MATCHING_LANGUAGES[language as keyof typeof MATCHING_LANGUAGES];
  return rules ? new LocalizedIndex(products, locale, wordKeys(rules)) : new CatalogIndex(products);
}

/** An utterance as a keying reads it. */
interface KeyedUtterance {
  /** The number it starts with, when that is a quantity (positive and read). */
  quantity: number | null;
  /** The rest of it, after the number and its unit, keyed. */
  key: string;
  /** It starts with a number the table cannot read ("venti tre"). */
  unread?: boolean;
  /** When it starts with a number: all of it keyed, the number too, and its start (the number, its unit, the first word after them) keyed. */
  whole?: { key: string; head: string };
}

interface Keying {
  utterance(text: string): KeyedUtterance;
  /** A catalogue name or synonym, keyed. */
  name(text: string): string;
}

class LocalizedIndex implements ProductMatcher {
  private readonly index: CatalogIndex;
  private readonly display = new Map<string, string>();
  /** Each product's keyed name and synonyms, each padded with spaces, to find a keyed phrase in as whole words. */
  private readonly keyed = new Map<string, string[]>();

  constructor(
    products: readonly LocalizableProduct[],
    locale: string,
    private readonly keying: Keying,
  ) {
    this.index = new CatalogIndex(
      products.map((product) => {
        const names = namesIn(product, locale);
        this.display.set(product.sku, names?.name ?? product.name);
        const said = names ? [names.name, ...names.synonyms] : [product.name, ...product.synonyms];
        const [name = '', ...synonyms] = said.map((text) => keying.name(text));
        this.keyed.set(product.sku, [name, ...synonyms].map((key) => ` ${key} `));
        return { sku: product.sku, name, synonyms };
      }),
    );
  }

  get size(): number {
    return this.index.size;
  }

  match(utterance: string): MatchResult {
    const keyed = this.keying.utterance(utterance);
    const named = this.numberInName(keyed);
    if (named) return this.shownResult(named);
    const { quantity, key, unread } = keyed;
    if (key === '') return { kind: 'not-found', quantity };
    const result = this.index.match(key);
    const merged = { ...result, quantity: quantity ?? result.quantity };
    // A product is never added at a quantity nobody said: it is offered, and what is added after a yes is shown.
    if (unread && merged.kind === 'match') return { kind: 'suggestion', candidate: { sku: merged.sku, name: this.nameOf(merged.sku), confidence: merged.confidence }, quantity: null };
    return this.shownResult(merged);
  }

  /**
   * The utterance read whole, when the number it starts with is the start of the product's name: "três
   * corações" is Café Três Corações, "三只松鼠坚果" the Three Squirrels nuts, not three of something. As the
   * English matcher does, the number belongs to the name when the name says it, followed by what was said
   * after it (so "dois cafés três corações" still counts two); then no quantity was said.
   */
  private numberInName(keyed: KeyedUtterance): MatchResult | null {
    if (!keyed.whole || keyed.whole.head === '') return null;
    const head = ` ${keyed.whole.head} `;
    // Only a name that says it can take the number: no such name, no second match of the catalogue.
    if (![...this.keyed.values()].some((names) => names.some((name) => name.includes(head)))) return null;
    const result = this.index.match(keyed.whole.key);
    const sku = result.kind === 'match' ? result.sku : result.kind === 'suggestion' ? result.candidate.sku : null;
    if (sku === null || !(this.keyed.get(sku) ?? []).some((name) => name.includes(head))) return null;
    return { ...result, quantity: null };
  }

  private shownResult(result: MatchResult): MatchResult {
    switch (result.kind) {
      case 'match':
        return { ...result, name: this.nameOf(result.sku) };
      case 'ambiguous':
        return { ...result, candidates: result.candidates.map((candidate) => this.shown(candidate)) };
      case 'suggestion':
        return { ...result, candidate: this.shown(result.candidate) };
      case 'not-found':
        return result;
    }
  }

  search(text: string, limit?: number): Candidate[] {
    const { key } = this.keying.utterance(text);
    return key === '' ? [] : this.index.search(key, limit).map((candidate) => this.shown(candidate));
  }

  private nameOf(sku: string): string {
    return this.display.get(sku) ?? sku;
  }

  private shown(candidate: Candidate): Candidate {
    return { ...candidate, name: this.nameOf(candidate.sku) };
  }
}

/** The number the words start with, and how many words it takes: digits, or the longest number phrase ("uma duzia" before "uma"). */
function leadingNumber(all: readonly string[], numbers: ReadonlyMap<string, number>, longest: number): { value: number; length: number } | null {
  if (all[0] !== undefined && /^\d{1,4}$/.test(all[0])) return { value: Number(all[0]), length: 1 };
  for (let length = Math.min(longest, all.length); length > 0; length--) {
    const value = numbers.get(all.slice(0, length).join(' '));
    if (value !== undefined) return { value, length };
  }
  return null;
}

function wordKeys(rules: MatchingLanguage): Keying {
  const keyWords = (words: readonly string[]): string =>
    words
      .filter((word) => !rules.stopwords.has(word))
      .map((word) => rules.stem(word))
      .join(' ');
  const longest = Math.max(...[...rules.numbers.keys()].map((phrase) => phrase.split(' ').length));
  return {
    name: (text) => keyWords(words(text)),
    utterance(text) {
      const all = words(text);
      const number = leadingNumber(all, rules.numbers, longest);
      const quantity = number?.value ?? null;
      let at = number?.length ?? 0;
      // Two numbers in a row that no phrase of the table joins ("venti tre"): neither is the quantity.
      const unread = number !== null && rules.numbers.has(all[at] ?? '');
      while (unread && rules.numbers.has(all[at] ?? '')) at++;
      // Romanian counts twenty and up with "de" ("douăzeci și unu de pungi de cafea"); the vocabulary may have split the number off already.
      if (all[at] !== undefined && rules.connectors.has(all[at]!) && rules.units.has(all[at + 1] ?? '')) at++;
      // "dwie paczki kawy", "due sacchetti di caffè" (or the unit alone, its number said before it): the unit and its connector say how, not what.
      if (all[at] !== undefined && rules.units.has(all[at]!) && all.length > at + 1) {
        at++;
        if (all[at] !== undefined && rules.connectors.has(all[at]!) && all.length > at + 1) at++;
      }
      // Only a number with a word after it can start a name: "três" alone is an answer to "how many?".
      const head = number !== null && at < all.length ? keyWords(all.slice(0, at + 1)) : '';
      const whole = head !== '' && head !== keyWords(all.slice(0, number!.length)) ? { key: keyWords(all), head } : undefined;
      return { quantity: quantity !== null && quantity > 0 && !unread ? quantity : null, key: keyWords(all.slice(at)), unread, whole };
    },
  };
}

const HAN_RUN = /\p{Script=Han}+/gu;
const CHINESE_NUMBERS: Readonly<Record<string, number>> = NUMBER_WORDS.zh;
// Longest first, so "十三" is not read as "十" and "一打" not as "一".
const CHINESE_NUMBER_WORDS = Object.keys(CHINESE_NUMBERS).sort((a, b) => b.length - a.length);
const CHINESE_QUANTITY = new RegExp(`^(\\d{1,4}|${CHINESE_NUMBER_WORDS.join('|')})(?!号)(${CHINESE_COUNTERS.join('|')})?`, 'u');

/** Chinese text as its character pairs ("哥伦比亚咖啡": 哥伦 伦比 比亚 亚咖 咖啡), with Latin words and digits as they are. */
function chineseKey(text: string): string {
  const spaced = text.replace(HAN_RUN, (run) => {
    const chars = [...run];
    if (chars.length === 1) return ` ${run} `;
    return ` ${chars
      .slice(0, -1)
      .map((char, index) => char + chars[index + 1]!)
      .join(' ')} `;
  });
  return normalizeText(spaced);
}

const chineseKeys: Keying = {
  name: chineseKey,
  utterance(text) {
    const compact = text.replace(/\s+/g, '');
    const quantity = CHINESE_QUANTITY.exec(compact);
    if (!quantity) return { quantity: null, key: chineseKey(compact) };
    const value = /^\d+$/.test(quantity[1]!) ? Number(quantity[1]) : CHINESE_NUMBERS[quantity[1]!]!;
    // The number, its measure word and the character after them: "三只松" starts the name "三只松鼠坚果".
    const chars = [...compact];
    const read = [...quantity[0]].length;
    const whole = chars.length > read ? { key: chineseKey(compact), head: chineseKey(chars.slice(0, read + 1).join('')) } : undefined;
    return { quantity: value && value > 0 ? value : null, key: chineseKey(compact.slice(quantity[0].length)), whole };
  },
};
