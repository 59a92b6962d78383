// Text normalisation shared by the catalog side and the shopper side: both must go through exactly the
// same steps, or an exact match silently degrades into a fuzzy one.

import { NUMBER_WORDS as NUMBER_WORDS_BY_LANGUAGE } from '../number-words';

/**
 * Lowercase with diacritics folded: what is compared, never what is shown ("Café" stays on the label;
 * "cafe" and "café" meet). Polish "ł", Romanian "ș"/"ț" (comma or cedilla) and the like all fold.
 */
export function foldDiacritics(text: string): string {
  return (
    text
      // NFKD also splits ligatures and full-width forms that phone keyboards produce.
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[ßæœøłđı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
  );
}

/**
 * Lowercase, accents stripped, punctuation to spaces, collapsed spaces. Number words are kept as words
 * (the quantity parser needs "two" vs "2" both ways).
 */
export function normalizeText(text: string): string {
  return (
    foldDiacritics(text)
      // Apostrophes join rather than split: "kid's" -> "kids" (then stemmed), "I'd" -> "id".
      .replace(/['’‘`´ʼ]/g, '')
      // "1,000" is one number, not two.
      .replace(/(?<=\d)[,.](?=\d{3}\b)/g, '')
      .replace(/&/g, ' and ')
      // "12pack", "3x", "x4": digits glued to letters are separate words when spoken.
      .replace(/(?<=\d)(?=\p{L})|(?<=\p{L})(?=\d)/gu, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

export function words(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/**
 * Spoken spellings of short codes: "double a" -> "aa", and runs of single letters ("a a a", "o j", "i p a")
 * are how speech-to-text writes acronyms, so they are joined back into one word.
 */
export function joinSpokenLetters(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const repeat = REPEATS[token];
    if (repeat !== undefined && next !== undefined && isLetter(next)) {
      out.push(next.repeat(repeat));
      i++;
      continue;
    }
    if (isLetter(token) && next !== undefined && isLetter(next)) {
      let run = token;
      while (i + 1 < tokens.length && isLetter(tokens[i + 1]!)) run += tokens[++i]!;
      out.push(run);
      continue;
    }
    out.push(token);
  }
  return out;
}

const REPEATS: Record<string, number> = { double: 2, triple: 3, quadruple: 4 };

function isLetter(token: string): boolean {
  return token.length === 1 && token >= 'a' && token <= 'z';
}

/** Words that carry no product meaning on either side ("box of chocolates" == "chocolate box"). */
export const STOPWORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'of', 'for', 'and', 'with', 'in', 'on', 'to', 'at', 'by', 'or', 'de', 'my', 'our', 'your', 'some', 'any', 'this', 'that', 'these', 'those']);

const UNITS_SINGULAR = [
  'bag', 'box', 'pack', 'packet', 'package', 'bottle', 'can', 'jar', 'bar', 'roll', 'carton', 'tin', 'case', 'pouch', 'tub', 'tube',
  'cup', 'loaf', 'bunch', 'pair', 'bundle', 'crate', 'sachet', 'container', 'jug', 'gallon', 'liter', 'litre', 'pound', 'lb', 'kilo',
  'kg', 'gram', 'ounce', 'oz', 'piece', 'slice', 'stick', 'tray', 'punnet', 'multipack',
] as const;

/** Words a quantity can be counted in ("two bags of ..."). */
export const UNITS: ReadonlySet<string> = new Set<string>(UNITS_SINGULAR);

/**
 * Containers: they say little about which product is meant ("tea bags" does not single out "green tea bags").
 * Not "bar" or "piece": those are the product's form ("snack bars" are not just "snacks").
 */
export const CONTAINERS: ReadonlySet<string> = new Set([
  'bag', 'box', 'pack', 'packet', 'package', 'bottle', 'can', 'jar', 'roll', 'carton', 'tin', 'case', 'pouch', 'tub', 'tube', 'crate',
  'sachet', 'container', 'jug', 'multipack', 'tray', 'punnet', 'bundle',
]);

/**
 * The English words `quantity.ts` composes numbers from ("twenty one", "a thousand piece puzzle"): the
 * language's one-word number words, and zero and thousand, which name a product ("zero sugar") or
 * multiply but are never a quantity on their own. Phrases ("a dozen", "twenty one", "twenty-one") are that grammar's own.
 */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ...Object.entries(NUMBER_WORDS_BY_LANGUAGE.en).filter(([word]) => /^[a-z]+$/.test(word)),
  ['thousand', 1000],
]);

/** Number words become digits for matching, so "six pack" and "6 pack", "twelve pack" and "12-pack" meet. */
export function numberToken(token: string): string {
  const value = NUMBER_WORDS.get(token);
  return value === undefined ? token : String(value);
}

// Irregular plurals, and -ves/-oes words whose singular the suffix rules would get wrong.
const IRREGULAR: Record<string, string> = {
  leaves: 'leaf', loaves: 'loaf', halves: 'half', shelves: 'shelf', wolves: 'wolf', calves: 'calf', knives: 'knife', wives: 'wife',
  lives: 'life', thieves: 'thief', scarves: 'scarf', selves: 'self', children: 'child', childrens: 'child', men: 'man', women: 'woman',
  mens: 'man', womens: 'woman', feet: 'foot', teeth: 'tooth', mice: 'mouse', geese: 'goose', people: 'person',
  buses: 'bus', gases: 'gas', lenses: 'lens', canoes: 'canoe', oboes: 'oboe',
};

// Words ending in "s" that are not plurals.
const NOT_PLURAL: ReadonlySet<string> = new Set(['christmas', 'canvas', 'atlas', 'texas', 'alias', 'bias', 'gas', 'lens', 'news', 'series', 'species', 'always', 'perhaps', 'yes', 'plus', 'chaos', 'cosmos', 'pancreas', 'mars']);

/**
 * A light English singulariser: enough that plural and singular spellings meet, never a full Porter stemmer
 * (which would conflate unrelated product words). Output is an index key, not necessarily a real word.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  // "AAs", "AAAs": battery sizes are too short for the general rules.
  if (/^a{2,4}s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 3 || /\d/.test(word) || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  // "teddie"/"teddy", "cookie"/"cookies": one spelling for the -ie/-y family.
  if (word.endsWith('ie') && word.length >= 5) return word.slice(0, -2) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is') || word.endsWith('ous')) return word;
  if (/(?:ch|sh|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('oes')) return word.length >= 6 ? word.slice(0, -2) : word.slice(0, -1);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
