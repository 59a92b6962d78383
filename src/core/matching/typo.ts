// Typo lookup through a deletion neighbourhood (SymSpell): two words within edit distance k share a string
// reachable from both by at most k deletions. Deletions are stored as 32-bit hashes in one sorted typed
// array, so 100k products cost a few MB instead of millions of Map entries, and a lookup is a handful of
// binary searches; hash collisions are harmless because every candidate is verified by real distance.

const TOKEN_BITS = 2 ** 21; // token ids below 2^21, hashes below 2^32: the pair fits a double exactly

const MAX_WORD_LENGTH = 32;

/** Typos allowed for a word of this length: none below 4 letters, 1 from 4, 2 from 8. */
export function maxTypos(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

export class DeletionIndex {
  private readonly keys: Float64Array;

  /** words[i] is token i; only words with length >= 3 and no digits take part. */
  constructor(words: readonly string[]) {
    const entries: number[] = [];
    const seen = new Set<string>();
    const limit = Math.min(words.length, TOKEN_BITS);
    for (let id = 0; id < limit; id++) {
      const word = words[id]!;
      if (word.length < 3 || word.length > MAX_WORD_LENGTH || /\d/.test(word)) continue;
      seen.clear();
      collectDeletes(word, maxTypos(word.length), seen);
      for (const key of seen) entries.push(hash(key) * TOKEN_BITS + id);
    }
    this.keys = Float64Array.from(entries).sort();
  }

  get entryCount(): number {
    return this.keys.length;
  }

  /** Token ids within the allowed distance of `word`, with their distance (at most `limit` of them, closest first). */
  lookup(word: string, words: readonly string[], limit: number): Array<{ id: number; distance: number }> {
    const max = maxTypos(word.length);
    // Nobody mistypes a 40-letter word into a product name, and its deletion set would be huge.
    if (max === 0 || word.length > MAX_WORD_LENGTH || /\d/.test(word)) return [];
    const deletes = new Set<string>();
    collectDeletes(word, max, deletes);
    const found = new Map<number, number>();
    for (const key of deletes) {
      const h = hash(key) * TOKEN_BITS;
      for (let at = lowerBound(this.keys, h); at < this.keys.length && this.keys[at]! < h + TOKEN_BITS; at++) {
        const id = this.keys[at]! - h;
        if (found.has(id)) continue;
        const candidate = words[id]!;
        // A short catalog word only tolerates what its own length allows ("tea" takes no typos).
        const allowed = Math.min(max, Math.max(maxTypos(candidate.length), candidate.length >= 3 ? 1 : 0));
        const distance = osaDistance(word, candidate, allowed);
        if (distance > 0 && distance <= allowed) found.set(id, distance);
      }
    }
    return [...found].map(([id, distance]) => ({ id, distance })).sort((a, b) => a.distance - b.distance).slice(0, limit);
  }
}

function collectDeletes(word: string, depth: number, into: Set<string>): void {
  into.add(word);
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) collectDeletes(shorter, depth - 1, into);
  }
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function lowerBound(keys: Float64Array, value: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up once it must exceed `max`. */
export function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[n]!;
}
