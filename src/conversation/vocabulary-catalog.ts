/**
 * The catalogue's part of the vocabulary: the product and category values shoppers say, which every
 * generated model listens for (the Alexa models' PRODUCT and CATEGORY slot types, the Dialogflow
 * agent's @product and @category entities). Worked out once here, so the platforms cannot drift apart;
 * each generator only puts them into its own format.
 */

import { languageOf } from '../core/matching';

export interface CatalogEntry {
  sku: string;
  name: string;
  synonyms: string[];
  category: string;
  /** The name and synonyms in other languages, for those languages' models. */
  translations?: { locale: string; name: string; synonyms: string[] }[] | null;
}

/** One value of a catalogue slot: `id` is what the platform hands back (a sku, an exact category), `value` and `synonyms` what is said. */
export interface CatalogSlotValue {
  id: string;
  value: string;
  synonyms: string[];
}

/** Words not worth a category synonym on their own. */
const STOP_WORDS = new Set(['and', 'the', 'of', 'for', 'a', 'an']);

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function spellNumber(n: number): string | null {
  if (n < 20) return ONES[n]!;
  if (n < 100) return n % 10 === 0 ? TENS[Math.floor(n / 10)]! : `${TENS[Math.floor(n / 10)]!} ${ONES[n % 10]!}`;
  return null;
}

/** How a value is said: lowercase, "&" as "and", numbers in words, only letters, apostrophes and initialism periods. */
function spoken(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\d+/g, (digits) => spellNumber(Number(digits)) ?? digits.split('').map((d) => ONES[Number(d)]).join(' '))
    .replace(/[^a-z'.\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How a value is said in another language: lowercase letters (with their diacritics) and apostrophes; numbers are left to the name itself. */
function spokenIn(text: string): string {
  return /\d/.test(text)
    ? ''
    : text
        .toLowerCase()
        .replace(/[^\p{L}'.\s]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Product values: id = sku, value = product name, synonyms = catalogue synonyms (plus the spoken form of
 * a name with digits or "&"), in the locale's language where the product has a translation. Synonyms are unique across the products (Alexa requires it), so a synonym
 * already taken (a product's name, or an earlier sku's synonym) is dropped: products are taken in sku
 * order, so the result is the same for the same catalogue whatever order it came in.
 */
export function productSlotValues(catalog: readonly CatalogEntry[], locale = 'en-US'): CatalogSlotValue[] {
  const language = languageOf(locale);
  const say = language === 'en' ? spoken : spokenIn;
  const entries = [...catalog]
    .sort((a, b) => byString(a.sku, b.sku))
    .map((entry) => (language === 'en' ? entry : { ...entry, ...entry.translations?.find((names) => languageOf(names.locale) === language) }));
  const taken = new Set(entries.map((entry) => key(entry.name)));
  return entries.map((entry) => {
    const synonyms: string[] = [];
    for (const candidate of [say(entry.name), ...entry.synonyms.map(say)]) {
      const k = key(candidate);
      if (!k || taken.has(k)) continue;
      taken.add(k);
      synonyms.push(candidate);
    }
    return { id: entry.sku, value: entry.name, synonyms };
  });
}

/** Category values: id = the exact category ("toys & games"), value said aloud ("toys and games"), synonyms its words ("toys", "games"). */
export function categorySlotValues(catalog: readonly CatalogEntry[]): CatalogSlotValue[] {
  const categories = [...new Set(catalog.map((entry) => entry.category))].sort(byString);
  const taken = new Set(categories.map((category) => key(spoken(category))));
  return categories.map((category) => {
    const value = spoken(category);
    const words = value.split(' ').filter((word) => word && !STOP_WORDS.has(word));
    const synonyms: string[] = [];
    for (const word of words.length > 1 ? words : []) {
      if (taken.has(word)) continue;
      taken.add(word);
      synonyms.push(word);
    }
    return { id: category, value, synonyms };
  });
}
