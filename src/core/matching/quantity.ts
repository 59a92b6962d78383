// Splits what a shopper said into how many, in what packaging, and which product. Works on words, not
// regexes over the raw string, so "can I get" and "a can of cola" never get confused.

import { NUMBER_WORDS, UNITS, joinSpokenLetters, stem, words } from './normalize';

export interface QuantityParse {
  quantity: number | null;
  unit: string | null;
  productText: string;
}

/**
 * What the matcher needs beyond QuantityParse: the words taken as quantity/unit, so it can try them as part
 * of the product name when the catalog says so ("a six pack of beer", "Cola 12-pack", "box of chocolates").
 */
export interface ParsedUtterance extends QuantityParse {
  productTokens: string[];
  /** The packaging word as said ("boxes"). */
  unitWord: string | null;
  /** A single number that may belong to the product name, as digits, and the quantity if it does. */
  numberWord: string | null;
  numberQuantity: number | null;
  /** Whether the quantity was said after the product ("orange juice x4", "cola 12 pack"). */
  trailing: boolean;
}

export function parseQuantity(text: string): QuantityParse {
  const { quantity, unit, productText } = parseUtterance(text);
  return { quantity, unit, productText };
}

/** Nobody names a product in more than this; a longer message is cut so it cannot cost more than a long one. */
const MAX_UTTERANCE_LENGTH = 500;

export function parseUtterance(text: string): ParsedUtterance {
  const tokens = stripFillers(joinSpokenLetters(words(text.slice(0, MAX_UTTERANCE_LENGTH))));
  const result: ParsedUtterance = { quantity: null, unit: null, productText: '', productTokens: [], unitWord: null, numberWord: null, numberQuantity: null, trailing: false };
  let start = 0;
  let end = tokens.length;

  const lead = readLeadingQuantity(tokens, 0);
  if (lead !== null) {
    result.quantity = lead.quantity;
    result.numberWord = lead.numberWord;
    result.numberQuantity = lead.numberQuantity;
    start = lead.end;
    const unit = readUnit(tokens, start, lead.numeric);
    if (unit !== null) {
      result.unit = unit.unit;
      result.unitWord = tokens[start]!;
      start = unit.end;
    }
  } else {
    const unit = readUnit(tokens, 0, false);
    if (unit !== null) {
      result.unit = unit.unit;
      result.unitWord = tokens[0]!;
      start = unit.end;
    } else {
      const trail = readTrailingQuantity(tokens);
      if (trail !== null) {
        result.quantity = trail.quantity;
        result.numberWord = trail.numberWord;
        result.unit = trail.unit;
        result.unitWord = trail.unit === null ? null : tokens[tokens.length - 1]!;
        result.trailing = true;
        end = trail.start;
      }
    }
  }

  const product = tokens.slice(start, end);
  while (product.length > 0 && EDGE_WORDS.has(product[0]!)) product.shift();
  while (product.length > 0 && EDGE_WORDS.has(product[product.length - 1]!)) product.pop();
  result.productTokens = product;
  result.productText = product.join(' ');
  return result;
}

/** Words after which a number is a size, model or edition ("size 10", "model 3", "gen 2"), never how many. */
const NAMES_A_NUMBER = new Set(['size', 'sizes', 'number', 'no', 'num', 'model', 'version', 'gen', 'generation', 'series', 'type', 'mark', 'mk', 'level', 'grade', 'stage', 'step', 'part', 'vol', 'volume', 'edition', 'episode', 'season', 'chapter', 'book']);

const EDGE_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'for', 'some', 'x', 'times', 'more', 'extra']);

// ---------------------------------------------------------------------------------------------------------
// Fillers: how people wrap a product name when they talk or text. Removed as whole words only.

const FILLER_PHRASES: readonly string[] = [
  'can i get', 'can i have', 'can i order', 'can i buy', 'could i get', 'could i have', 'could i order', 'may i have', 'may i get',
  'can we get', 'can we have', 'could we get', 'can you', 'could you', 'would you', 'will you', 'can i', 'could i', 'can we', 'could we',
  'i would like', 'i would love', 'id like', 'id love', 'i want', 'i wanna', 'i need', 'we need', 'we want', 'i will take', 'ill take',
  'ill have', 'i will have', 'ill get', 'let me get', 'lemme get', 'let me have', 'gimme', 'give me', 'get me', 'send me', 'bring me',
  'order me', 'buy me', 'to order', 'to buy', 'to get', 'to add', 'to have', 'to purchase', 'do you have', 'do you sell', 'do you carry',
  'do you stock', 'have you got', 'you got', 'got any', 'is there', 'are there', 'im looking for', 'i am looking for', 'looking for',
  'search for', 'searching for', 'find me', 'show me', 'i guess', 'i think', 'thank you', 'if possible', 'if you can', 'right now',
  'please', 'pls', 'plz', 'thanks', 'thx', 'um', 'umm', 'uh', 'uhh', 'er', 'erm', 'hmm', 'ah', 'oh', 'ok', 'okay', 'so', 'hey', 'hi',
  'hello', 'yeah', 'yes', 'yep', 'sure', 'also', 'just', 'like', 'maybe', 'actually', 'really', 'add', 'put', 'order', 'buy', 'purchase',
  'get', 'grab', 'need', 'want', 'find', 'the', 'some', 'something', 'anything', 'me', 'us', 'i', 'we', 'now', 'too', 'then', 'well',
  'alexa',
];

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

const FILLER_TRIE: Trie = buildTrie(FILLER_PHRASES);

function buildTrie(phrases: readonly string[]): Trie {
  const root: Trie = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const word of phrase.split(' ')) {
      let child = node.next.get(word);
      if (child === undefined) {
        child = { end: false, next: new Map() };
        node.next.set(word, child);
      }
      node = child;
    }
    node.end = true;
  }
  return root;
}

/** Length of the longest filler phrase starting at i (0 if none). */
function fillerAt(tokens: readonly string[], i: number): number {
  let node: Trie | undefined = FILLER_TRIE;
  let best = 0;
  for (let j = i; j < tokens.length && node !== undefined; j++) {
    node = node.next.get(tokens[j]!);
    if (node?.end) best = j - i + 1;
  }
  return best;
}

const CART_PREPOSITIONS = new Set(['to', 'in', 'into', 'on', 'onto']);
const POSSESSIVES = new Set(['my', 'the', 'our', 'your', 'his', 'her', 'their']);
const CART_WORDS = new Set(['cart', 'basket', 'list', 'order', 'trolley', 'bag', 'shopping']);
const RECIPIENT_DETERMINERS = new Set(['my', 'the', 'our', 'your', 'his', 'her', 'their', 'a', 'an', 'me', 'us', 'him', 'them']);

function stripFillers(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    // "... to my cart", "... in the basket", "... to cart"
    if (CART_PREPOSITIONS.has(token)) {
      const skip = POSSESSIVES.has(tokens[i + 1] ?? '') ? 1 : 0;
      if (CART_WORDS.has(tokens[i + 1 + skip] ?? '')) {
        i += 2 + skip;
        while (CART_WORDS.has(tokens[i] ?? '')) i++;
        continue;
      }
    }
    // Who or what it is for comes after the product and says nothing about it: "a teddy bear for my niece", "as a gift".
    if (out.length > 0 && ((token === 'for' && RECIPIENT_DETERMINERS.has(tokens[i + 1] ?? '')) || (token === 'as' && /^(?:a |an )?(?:gift|present)/.test(tokens.slice(i + 1, i + 3).join(' '))))) {
      break;
    }
    const filler = fillerAt(tokens, i);
    if (filler > 0) {
      i += filler;
      continue;
    }
    out.push(token);
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Numbers.

function isDigits(token: string | undefined): token is string {
  return token !== undefined && /^\d+$/.test(token);
}

function isNumberToken(token: string | undefined): boolean {
  return token !== undefined && (isDigits(token) || NUMBER_WORDS.has(token));
}

/** "twenty one" -> 21, "one hundred and five" -> 105, "2" -> 2; returns the value and how many tokens it used. */
function readNumber(tokens: readonly string[], i: number): { value: number; end: number } | null {
  const first = tokens[i];
  if (isDigits(first)) {
    const value = Number(first);
    return Number.isSafeInteger(value) ? { value, end: i + 1 } : null;
  }
  let value = 0;
  let j = i;
  for (; j < tokens.length; j++) {
    let token = tokens[j]!;
    if (token === 'and' && j > i && value % 100 === 0 && NUMBER_WORDS.has(tokens[j + 1] ?? '')) token = tokens[++j]!;
    const v = NUMBER_WORDS.get(token);
    if (v === undefined) break;
    if (v === 100 || v === 1000) {
      if (value % v !== 0 && value > v) break;
      value = (value === 0 ? 1 : value) * v;
    } else if (v >= 20) {
      if (value % 100 !== 0) break;
      value += v;
    } else if (value % 100 === 0 || (value % 10 === 0 && value % 100 >= 20 && v < 10)) {
      if (v === 0 && j > i) break;
      value += v;
    } else break;
  }
  return j === i ? null : { value, end: j };
}

interface Leading {
  quantity: number | null;
  end: number;
  /** A number (not an article or "dozen") was said, so a packaging word may follow without "of". */
  numeric: boolean;
  numberWord: string | null;
  numberQuantity: number | null;
}

const VAGUE = new Set(['few', 'several', 'lots', 'lot', 'many', 'bit', 'little', 'bunch']);

function readLeadingQuantity(tokens: readonly string[], i: number): Leading | null {
  const t0 = tokens[i];
  const t1 = tokens[i + 1];
  const t2 = tokens[i + 2];
  const done = (quantity: number | null, end: number, numeric = false, numberWord: string | null = null, numberQuantity: number | null = null): Leading => {
    // "two of the ...", "a couple of ..."
    while (tokens[end] === 'x' || tokens[end] === 'times' || tokens[end] === 'more' || tokens[end] === 'extra') end++;
    if (tokens[end] === 'of' && !UNITS.has(stem(tokens[end + 1] ?? ''))) end++;
    return { quantity, end, numeric, numberWord, numberQuantity };
  };
  if (t0 === undefined) return null;
  if (t0 === 'a' || t0 === 'an') {
    if (t1 === 'dozen') return done(12, i + 2);
    if (t1 === 'half' && t2 === 'dozen') return done(6, i + 3);
    if (t1 === 'couple') return done(2, i + 2);
    if (t1 !== undefined && VAGUE.has(t1)) return done(null, i + 2);
    if (t1 === 'hundred' || t1 === 'thousand') {
      const n = readNumber(tokens, i + 1)!;
      return done(n.value, n.end, true, n.end === i + 2 ? String(n.value) : null, 1);
    }
    // "a 12 pack of cola": the article is the quantity and the number belongs to the name.
    return done(1, i + 1);
  }
  if (t0 === 'another') return done(1, i + 1);
  if (t0 === 'half' && (t1 === 'dozen' || (t1 === 'a' && t2 === 'dozen'))) return done(6, t1 === 'dozen' ? i + 2 : i + 3);
  if (t0 === 'couple') return done(2, i + 1);
  if (VAGUE.has(t0)) return done(null, i + 1);
  const n = readNumber(tokens, i);
  if (n === null) return null;
  if (tokens[n.end] === 'dozen') return done(n.value * 12, n.end + 1);
  // A single number word may be part of the name ("six pack", "thousand piece puzzle"): remember it.
  const numberWord = n.end === i + 1 ? String(n.value) : null;
  return done(n.value, n.end, true, numberWord, null);
}

function readUnit(tokens: readonly string[], i: number, afterNumber: boolean): { unit: string; end: number } | null {
  const token = tokens[i];
  if (token === undefined) return null;
  const unit = stem(token);
  if (!UNITS.has(unit)) return null;
  if (tokens[i + 1] === 'of') return { unit, end: i + 2 };
  // "2 bottles olive oil" (typed shorthand). A singular after a number is part of a name ("12 pack", "thousand
  // piece puzzle"), and "granola bars" keeps its "bars" because no number comes before it.
  if (afterNumber && unit !== token && i + 1 < tokens.length && !isNumberToken(tokens[i + 1])) return { unit, end: i + 1 };
  return null;
}

interface Trailing {
  quantity: number;
  start: number;
  unit: string | null;
  numberWord: string | null;
}

/** "orange juice x4", "peanut butter x 2", "coffee times two", "colombian coffee 2 bags", "dish soap 3". */
function readTrailingQuantity(tokens: readonly string[]): Trailing | null {
  const n = tokens.length;
  if (n < 2) return null;
  const last = tokens[n - 1]!;
  const beforeLast = tokens[n - 2]!;
  const single = (token: string): number | null => {
    if (isDigits(token)) return Number(token);
    return NUMBER_WORDS.get(token) ?? null;
  };
  const lastValue = single(last);
  if (lastValue !== null && (beforeLast === 'x' || beforeLast === 'times' || beforeLast === 'qty' || beforeLast === 'quantity') && n >= 3) {
    return { quantity: lastValue, start: n - 2, unit: null, numberWord: null };
  }
  const beforeValue = single(beforeLast);
  if (last === 'x' && beforeValue !== null && n >= 3) return { quantity: beforeValue, start: n - 2, unit: null, numberWord: null };
  // "... 2 bags", "... 1 bag"; but "cola 12 pack" is a name, like a singular after a number up front.
  if (beforeValue !== null && UNITS.has(stem(last)) && (stem(last) !== last || beforeValue === 1) && n >= 3) {
    return { quantity: beforeValue, start: n - 2, unit: stem(last), numberWord: String(beforeValue) };
  }
  // A bare number at the end only counts when it is a plain count, not a size like "vitamin c 1000" or "shoes size 10".
  if (lastValue !== null && lastValue > 0 && lastValue <= 99 && !isNumberToken(beforeLast) && beforeLast.length > 1 && !NAMES_A_NUMBER.has(beforeLast)) {
    return { quantity: lastValue, start: n - 1, unit: null, numberWord: String(lastValue) };
  }
  return null;
}
