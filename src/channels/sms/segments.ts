/**
 * SMS encoding and segment counting (3GPP TS 23.038 GSM 7-bit default alphabet, UCS-2 fallback).
 *
 * - GSM-7: basic-table chars are 1 septet; extension-table chars (form feed ^ { } \ [ ] ~ | €) are an
 *   escape + char, 2 septets, and the pair is never split across segments.
 * - Any other char switches the whole message to UCS-2, counted in UTF-16 code units (an emoji or any
 *   astral char is a surrogate pair = 2 units, never split across segments).
 * - One segment holds 160 GSM-7 / 70 UCS-2 units; a concatenated message carries a 6-byte UDH in each
 *   part, leaving 153 / 67 units per part. Parts are filled greedily, so a pair that would straddle a
 *   boundary moves to the next part (which can make the count exceed ceil(units / 153)).
 * - An empty body is 0 units and 0 segments.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsAnalysis {
  encoding: SmsEncoding;
  units: number;
  segments: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const satisfies Record<SmsEncoding, { single: number; multi: number }>;

/** Letters NFD does not take apart. */
const BASE_LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i' };

/**
 * Every letter outside GSM-7 spelled without its diacritic when that makes it GSM-7 (Polish "ą" -> "a",
 * Romanian "ș" -> "s", "ț" -> "t"); letters GSM-7 has (é, ñ, ü, à...) and scripts it cannot spell (Chinese) stay.
 * Off by default (SMS_TRANSLITERATE): it keeps a message at 160 characters a segment instead of 70,
 * at the price of spelling the shopper's language without its diacritics.
 */
export function transliterateToGsm(text: string): string {
  return Array.from(text, (char) => {
    if (BASIC.has(char) || EXTENSION.has(char)) return char;
    const plain = BASE_LETTERS[char] ?? char.normalize('NFD').replace(/\p{M}+/gu, '');
    return plain !== '' && Array.from(plain).every((part) => BASIC.has(part)) ? plain : char;
  }).join('');
}

/** True when every char is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (!BASIC.has(char) && !EXTENSION.has(char)) return false;
  }
  return true;
}

/** Units of each indivisible piece: a GSM char (1, or 2 for an extension char) or a UTF-16 code point (1 or 2). */
function pieceWeights(text: string, encoding: SmsEncoding): number[] {
  const weights: number[] = [];
  for (const char of text) {
    weights.push(encoding === 'GSM-7' ? (EXTENSION.has(char) ? 2 : 1) : char.length);
  }
  return weights;
}

function countSegments(weights: number[], encoding: SmsEncoding): { units: number; segments: number } {
  const units = weights.reduce((sum, weight) => sum + weight, 0);
  if (units === 0) return { units, segments: 0 };
  const { single, multi } = SEGMENT_LIMITS[encoding];
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const weight of weights) {
    if (used + weight > multi) {
      segments += 1;
      used = 0;
    }
    used += weight;
  }
  return { units, segments };
}

export function analyzeSms(text: string): SmsAnalysis {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  return { encoding, ...countSegments(pieceWeights(text, encoding), encoding) };
}

export interface FitOptions {
  /** Kept whole after the (possibly trimmed) text and its ellipsis, e.g. a list of numbered choices. */
  suffix?: string;
}

const GSM_ELLIPSIS = '...';
const UNICODE_ELLIPSIS = '…';

/** The prefix of `chars` (code points) cut back to a word boundary when there is one, trailing spaces and punctuation dropped. */
function cutAtWord(chars: string[], length: number): string {
  const prefix = chars.slice(0, length).join('');
  if (length >= chars.length) return prefix;
  const nextIsBreak = /\s/.test(chars[length] ?? '');
  let cut = prefix;
  if (!nextIsBreak) {
    const lastSpace = prefix.search(/\s\S*$/);
    if (lastSpace > 0) cut = prefix.slice(0, lastSpace);
  }
  return cut.replace(/[\s,;:.\-–—]+$/u, '');
}

function withEllipsis(prefix: string, suffix: string): string {
  if (prefix === '') return suffix;
  const ellipsis = isGsm7(prefix) ? GSM_ELLIPSIS : UNICODE_ELLIPSIS;
  return prefix + ellipsis + suffix;
}

/**
 * `text` (plus `options.suffix`) in at most `budget` segments: unchanged when it fits, else cut at a word
 * boundary with an ellipsis ('...' while the kept text is GSM-7, so the ellipsis never forces UCS-2; '…'
 * when the text is UCS-2 anyway). Returns '' (or the suffix alone, if it fits) when nothing fits.
 */
export function fitToSegments(text: string, budget: number, options: FitOptions = {}): string {
  const suffix = options.suffix ?? '';
  const fits = (candidate: string): boolean => analyzeSms(candidate).segments <= budget;
  if (fits(text + suffix)) return text + suffix;

  const chars = Array.from(text);
  const candidate = (length: number): string => withEllipsis(chars.slice(0, length).join(''), suffix);
  // Longest hard cut that fits (segment counts only grow with the prefix length).
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(candidate(mid))) low = mid;
    else high = mid - 1;
  }
  if (low === 0) return fits(suffix) ? suffix : '';

  const atWord = withEllipsis(cutAtWord(chars, low), suffix);
  if (fits(atWord)) return atWord;
  const hard = candidate(low);
  return fits(hard) ? hard : fits(suffix) ? suffix : '';
}
