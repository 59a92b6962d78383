/**
 * Measuring, splitting and trimming text for channels with length limits, by grapheme so an emoji
 * (a surrogate pair, or a ZWJ sequence) is never cut. One place for every channel's renderer.
 */

export interface TextBudget {
  /** UTF-16 code units (String#length). */
  units: number;
  /** UTF-8 bytes, where the platform counts bytes too. */
  bytes?: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function fits(text: string, budget: TextBudget): boolean {
  return text.length <= budget.units && (budget.bytes === undefined || Buffer.byteLength(text, 'utf8') <= budget.bytes);
}

/** The length of the longest prefix of whole graphemes (or, for one oversized grapheme, whole code points) within budget. */
function fittingPrefixLength(text: string, budget: TextBudget): number {
  let units = 0;
  let bytes = 0;
  const within = (piece: string): boolean => {
    const pieceBytes = Buffer.byteLength(piece, 'utf8');
    if (units + piece.length > budget.units || (budget.bytes !== undefined && bytes + pieceBytes > budget.bytes)) return false;
    units += piece.length;
    bytes += pieceBytes;
    return true;
  };
  for (const { segment } of graphemes.segment(text)) {
    if (within(segment)) continue;
    if (units === 0) for (const codePoint of segment) if (!within(codePoint)) break;
    break;
  }
  return units;
}

/** Where a sentence ends: terminal punctuation, maybe closing quotes or brackets. */
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/;

/**
 * Text in pieces that each fit the budget, cut at a paragraph or sentence end when one falls in the
 * second half of a piece, else at the last space, and only inside a word (still between graphemes)
 * when a single word is longer than a whole piece.
 */
export function splitText(text: string, budget: TextBudget): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    if (fits(rest, budget)) {
      chunks.push(rest);
      break;
    }
    const hard = fittingPrefixLength(rest, budget);
    const cut = breakPoint(rest, hard);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

function breakPoint(text: string, hard: number): number {
  const half = Math.floor(hard / 2);
  let word = -1;
  for (let i = hard; i > 0; i--) {
    const next = text[i];
    if (next === undefined || !/\s/.test(next)) continue;
    if (i >= half && (next === '\n' || SENTENCE_END.test(text.slice(Math.max(0, i - 4), i)))) return i;
    if (word < 0) word = i;
    if (i < half) break;
  }
  return word > 0 ? word : Math.max(hard, 1);
}

/** Whitespace runs (newlines included) folded to single spaces: for titles and labels. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * One line of at most `max` code units, ending in '…' when shortened: on a whole word unless that
 * would drop more than half of what fits, and never splitting a grapheme.
 */
export function truncate(text: string, max: number): string {
  const clean = oneLine(text);
  if (clean.length <= max) return clean;
  const cut = fittingPrefixLength(clean, { units: max - 1 });
  const space = clean.lastIndexOf(' ', cut);
  const end = space > cut / 2 ? space : cut;
  return `${clean.slice(0, end).trimEnd()}…`;
}

/** The smallest index at or after `min` where `text` may be cut without splitting a grapheme. */
export function graphemeBoundaryFrom(text: string, min: number): number {
  for (const { index } of graphemes.segment(text)) if (index >= min) return index;
  return text.length;
}

/**
 * `text` plus `suffix` within `maxBytes` UTF-8 bytes (platforms such as WeChat count bytes, where one
 * Chinese character is 3): unchanged when it fits, else the text cut between graphemes, followed by
 * '…' and the suffix kept whole. The suffix alone (or '') when none of the text fits.
 */
export function fitToBytes(text: string, maxBytes: number, suffix = ''): string {
  const whole = text + suffix;
  if (Buffer.byteLength(whole, 'utf8') <= maxBytes) return whole;
  const tail = `…${suffix}`;
  const room = maxBytes - Buffer.byteLength(tail, 'utf8');
  const kept = room > 0 ? text.slice(0, fittingPrefixLength(text, { units: Infinity, bytes: room })).trimEnd() : '';
  if (kept !== '') return kept + tail;
  return Buffer.byteLength(suffix, 'utf8') <= maxBytes ? suffix : '';
}
