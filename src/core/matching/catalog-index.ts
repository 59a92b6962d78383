// The catalog matcher. Everything expensive happens once in the constructor; a query only visits the
// postings of its own words, rarest first, and stops as soon as the words left cannot produce a contender,
// so its cost does not grow with the catalog.

import { CONTAINERS, STOPWORDS, joinSpokenLetters, numberToken, stem, words } from './normalize';
import { letterAlternatives, phoneticKey } from './phonetic';
import { parseUtterance, type ParsedUtterance } from './quantity';
import { DeletionIndex, osaDistance } from './typo';

export interface MatchableProduct {
  sku: string;
  name: string;
  synonyms: string[];
  category?: string;
}

export interface Candidate {
  sku: string;
  name: string;
  /** 0..1 */
  confidence: number;
}

export type MatchResult =
  | { kind: 'match'; sku: string; name: string; confidence: number; quantity: number | null }
  | { kind: 'ambiguous'; candidates: Candidate[]; quantity: number | null }
  | { kind: 'suggestion'; candidate: Candidate; quantity: number | null }
  | { kind: 'not-found'; quantity: number | null };

// How much a query word counts toward a catalog word, by how it was matched (exact > stem > sound > typo).
const SIM_EXACT = 1;
const SIM_STEM = 0.97;
const SIM_SUFFIX = 0.9; // "trail mixed" -> "mix"
/** Sounds alike, by how far the spelling is: "colombian"/"columbian" 1, "flower"/"flour" 2, "cafe"/"coffee" 3. */
const SIM_PHONETIC_BY_DISTANCE = [0.85, 0.85, 0.82, 0.65];
const SIM_TYPO1 = 0.8;
const SIM_TYPO1_SHORT = 0.68; // a four-letter typo alone ("dice" -> "rice") is only worth a question
const SIM_LETTER = 0.7; // "vitamin see" -> "c", "green t" -> "tea"
const SIM_TYPO2 = 0.7;
const SIM_PHONETIC_SHORT = 0.6; // three letters or fewer sound alike far too easily ("tee"/"tea" but also "top"/"tp")

// Decision thresholds, tuned on test/core/matching-cases.ts. MARGIN is what keeps us from guessing between
// look-alikes: a winner must beat the runner-up clearly, or we ask.
const MATCH_MIN = 0.72;
const MARGIN = 0.12;
const SUGGEST_MIN = 0.4;
/** A product that has every query word, but spread over its name and synonyms ("bluetooth headphones"). */
const COVERAGE_FACTOR = 0.78;
/** Category words are scored like a phrase but scaled below MATCH_MIN, so "snacks" lists snacks and asks. */
const CATEGORY_FACTOR = 0.6;

// Bounds that keep a query's work independent of catalog size.
const MAX_QUERY_TOKENS = 12;
const MAX_PHRASE_TOKENS = 16;
const MAX_FUZZY_PER_TOKEN = 8;
const MAX_POSTINGS_PER_TOKEN = 250;
const MAX_POSTINGS_EXAMINED = 1000;
const MAX_PHRASES_VISITED = 1000;
/**
 * Per catalog word, how many of its (lightest) phrases are scored on that word alone. Past this, a phrase is
 * only scored if it also holds another query word: a heavier phrase sharing one word cannot beat the lighter
 * ones already seen, and checking for a second word costs a few array reads.
 */
const SINGLE_WORD_BUDGET = 40;
/** Products ranked per query: enough for the decision (top, runner-up, three to ask about); search may ask for more. */
const MAX_RANKED = 12;
const MAX_SEARCH_RESULTS = 100;
/** Phrases that cannot come within this of the best so far are not worth visiting. */
const PRUNE_BAND = 0.25;

/**
 * A word no product has is strong evidence that the shopper means something else ("peanut butter cookies"
 * is not peanut butter): it weighs more than a rare catalog word. Very short ones are usually fragments or
 * abbreviations ("cab sav"), so they weigh less.
 */
const UNKNOWN_WEIGHT_FACTOR = 1.5;
const UNKNOWN_SHORT_WEIGHT_FACTOR = 0.4;
/** Containers ("bag", "box", "roll") barely tell products apart: "tea bags" does not single out "green tea bags". */
const CONTAINER_WEIGHT_FACTOR = 0.25;
/** Vague words that survive filler removal ("stuff", "brand") are nearly free. */
const SOFT_WORDS = new Set(['stuff', 'thing', 'things', 'kind', 'type', 'brand', 'ones', 'item', 'items', 'product', 'products', 'good', 'nice', 'usual', 'regular', 'normal', 'favorite', 'favourite', 'them', 'it', 'cheap', 'best']);
const SOFT_WEIGHT_FACTOR = 0.2;

interface QueryToken {
  surface: string;
  /** Catalog token ids and their similarity, best first. */
  ids: number[];
  sims: number[];
  /** Weight in the denominator when this word finds no partner in a phrase. */
  weight: number;
  /** Said as a quantity or packaging word, tried as part of the name. */
  absorbed: boolean;
}

interface Ranked {
  product: number;
  score: number;
  /** score plus tie-breakers (head noun matched, product's own name) used only for ordering. */
  order: number;
  /** The best phrase has all its words matched. */
  complete: boolean;
  /** ... and every query word matched exactly (or by stem): the shopper said a name or synonym. */
  exact: boolean;
  /** The absorbed quantity/unit words were all matched in the best phrase. */
  absorbedMatched: boolean;
}

type Word = { word: string; absorbed: boolean };

/** Words of a name or query as index keys: stopwords out, number words as digits, plurals folded. */
function keyTokens(tokens: readonly string[]): Array<{ surface: string; key: string }> {
  const out: Array<{ surface: string; key: string }> = [];
  for (const token of joinSpokenLetters(tokens)) {
    if (STOPWORDS.has(token)) continue;
    const surface = numberToken(token);
    out.push({ surface, key: stem(surface) });
  }
  return out;
}

export class CatalogIndex {
  readonly size: number;
  private readonly skus: string[];
  private readonly names: string[];

  private readonly vocab = new Map<string, number>();
  /** Exact spellings seen in the catalog, so an exact spelling can outrank a stem-only match. */
  private readonly surfaces = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly weights: Float64Array;
  private readonly unknownWeight: number;

  // Phrases (a product's name and each synonym) as token ids, flattened.
  private readonly phraseStart: Int32Array;
  private readonly phraseTokens: Int32Array;
  private readonly phraseProduct: Int32Array;
  private readonly phraseKind: Uint8Array;
  /** Sum of a phrase's word weights: bounds the best score a phrase can reach, so scans can stop early. */
  private readonly phraseWeight: Float64Array;

  // Token -> phrases containing it, lightest (shortest, most generic) phrases first.
  private readonly postingStart: Int32Array;
  private readonly postings: Int32Array;

  private readonly phonetic = new Map<string, number[]>();
  private readonly typos: DeletionIndex;

  private readonly scratch: Scratch;

  constructor(products: readonly MatchableProduct[]) {
    this.size = products.length;
    this.skus = products.map((p) => p.sku);
    this.names = products.map((p) => p.name);

    const starts: number[] = [0];
    const tokens: number[] = [];
    const owners: number[] = [];
    const kinds: number[] = [];
    // Product frequency of each word in names and synonyms, and separately in categories (which should not
    // make "coffee" look common just because the category is "coffee & tea").
    const df: number[] = [];
    const categoryDf: number[] = [];
    const lastSeen: number[] = [];
    const phraseKeys = new Set<string>();

    products.forEach((product, productId) => {
      phraseKeys.clear();
      const phrases = [product.name, ...(product.synonyms ?? [])];
      if (product.category) phrases.push(product.category);
      phrases.forEach((text, phraseNo) => {
        const kind = phraseNo === 0 ? NAME : product.category && phraseNo === phrases.length - 1 ? CATEGORY : SYNONYM;
        const parts = keyTokens(words(text)).slice(0, MAX_PHRASE_TOKENS);
        if (parts.length === 0) return;
        const dedupeKey = parts.map((p) => p.key).join(' ');
        if (phraseKeys.has(dedupeKey)) return;
        phraseKeys.add(dedupeKey);
        for (const part of parts) {
          let id = this.vocab.get(part.key);
          if (id === undefined) {
            id = this.keys.length;
            this.vocab.set(part.key, id);
            this.keys.push(part.key);
            df.push(0);
            categoryDf.push(0);
            lastSeen.push(-1);
          }
          if (!this.surfaces.has(part.surface)) this.surfaces.set(part.surface, id);
          if (kind === CATEGORY) categoryDf[id]!++;
          else if (lastSeen[id] !== productId) {
            lastSeen[id] = productId;
            df[id]!++;
          }
          tokens.push(id);
        }
        starts.push(tokens.length);
        owners.push(productId);
        kinds.push(kind);
      });
    });

    this.phraseStart = Int32Array.from(starts);
    this.phraseTokens = Int32Array.from(tokens);
    this.phraseProduct = Int32Array.from(owners);
    this.phraseKind = Uint8Array.from(kinds);

    // Inverse document frequency over products: a word in every coffee says less than "colombian".
    const n = Math.max(1, products.length);
    this.weights = Float64Array.from(this.keys, (key, id) => Math.log(1 + n / (df[id]! || categoryDf[id]!)) * (CONTAINERS.has(key) ? CONTAINER_WEIGHT_FACTOR : 1));
    this.unknownWeight = Math.log(1 + n) * UNKNOWN_WEIGHT_FACTOR;

    // Postings, lightest phrases first: a capped scan still sees the best candidates for a short query, and
    // a scan can stop once phrases get too heavy to reach the best score found so far.
    const phraseCount = owners.length;
    this.phraseWeight = new Float64Array(phraseCount);
    for (let p = 0; p < phraseCount; p++) {
      for (let i = this.phraseStart[p]!; i < this.phraseStart[p + 1]!; i++) this.phraseWeight[p]! += this.weights[this.phraseTokens[i]!]!;
    }
    const counts = new Int32Array(this.keys.length + 1);
    for (let p = 0; p < phraseCount; p++) {
      for (let i = this.phraseStart[p]!; i < this.phraseStart[p + 1]!; i++) {
        if (!this.repeatsEarlier(p, i)) counts[this.phraseTokens[i]! + 1]!++;
      }
    }
    for (let t = 0; t < this.keys.length; t++) counts[t + 1]! += counts[t]!;
    this.postingStart = counts.slice();
    this.postings = new Int32Array(counts[this.keys.length]!);
    const fill = counts.slice(0, this.keys.length);
    const byWeight = Array.from({ length: phraseCount }, (_, p) => p).sort((a, b) => this.phraseWeight[a]! - this.phraseWeight[b]! || a - b);
    for (const p of byWeight) {
      for (let i = this.phraseStart[p]!; i < this.phraseStart[p + 1]!; i++) {
        if (!this.repeatsEarlier(p, i)) this.postings[fill[this.phraseTokens[i]!]!++] = p;
      }
    }

    this.keys.forEach((key, id) => {
      if (key.length < 3 || /\d/.test(key)) return;
      const code = phoneticKey(key);
      if (code === '') return;
      const list = this.phonetic.get(code);
      if (list === undefined) this.phonetic.set(code, [id]);
      else list.push(id);
    });
    this.typos = new DeletionIndex(this.keys);
    this.scratch = new Scratch(phraseCount, products.length, this.keys.length);
  }

  match(utterance: string): MatchResult {
    const { ranked, quantity } = this.interpret(parseUtterance(utterance));
    const candidate = (r: Ranked): Candidate => this.candidate(r);
    const top = ranked[0];
    if (top === undefined || top.score < SUGGEST_MIN) return { kind: 'not-found', quantity };
    const second = ranked[1];
    // The shopper said one product's exact name or synonym and no other product's: no reason to ask.
    const exactlyNamed = top.exact && !(second?.exact ?? false);
    if (exactlyNamed || (top.score >= MATCH_MIN && top.score - (second?.score ?? 0) >= MARGIN)) {
      const { sku, name, confidence } = candidate(top);
      return { kind: 'match', sku, name, confidence, quantity };
    }
    const close = ranked.filter((r) => r.score >= SUGGEST_MIN && top.score - r.score < MARGIN).slice(0, 3);
    if (close.length >= 2) return { kind: 'ambiguous', candidates: close.map(candidate), quantity };
    return { kind: 'suggestion', candidate: candidate(top), quantity };
  }

  search(text: string, limit = 10): Candidate[] {
    const keep = Math.min(Math.max(0, Math.floor(limit)), MAX_SEARCH_RESULTS);
    if (keep === 0) return [];
    const { ranked } = this.interpret(parseUtterance(text), Math.max(keep, MAX_RANKED));
    return ranked
      .filter((r) => r.score >= SUGGEST_MIN * 0.75)
      .slice(0, keep)
      .map((r) => this.candidate(r));
  }

  private candidate(r: Ranked): Candidate {
    return { sku: this.skus[r.product]!, name: this.names[r.product]!, confidence: Math.round(Math.min(1, r.score) * 1000) / 1000 };
  }

  /**
   * Ranks products for the product words, and again with the quantity/packaging words put back when the
   * catalog has a name that uses them: "a six pack of beer" is one "six pack", "box of chocolates" a synonym.
   */
  private interpret(parsed: ParsedUtterance, keep = MAX_RANKED): { ranked: Ranked[]; quantity: number | null } {
    const cache = new Map<string, QueryToken>();
    const product: Word[] = parsed.productTokens.map((word) => ({ word, absorbed: false }));
    let best = { ranked: this.rank(product, cache, keep), quantity: parsed.quantity };
    const tries: Array<{ words: Word[]; quantity: number | null }> = [];
    const inCatalog = (word: string): boolean => this.vocab.has(stem(numberToken(word)));
    if (parsed.unitWord !== null && inCatalog(parsed.unitWord)) {
      const unit = { word: parsed.unitWord, absorbed: true };
      tries.push({ words: parsed.trailing ? [...product, unit] : [unit, ...product], quantity: parsed.quantity });
    }
    if (parsed.numberWord !== null && inCatalog(parsed.numberWord)) {
      const said = [{ word: parsed.numberWord, absorbed: true }, ...(parsed.unitWord === null ? [] : [{ word: parsed.unitWord, absorbed: true }])];
      tries.push({ words: parsed.trailing ? [...product, ...said] : [...said, ...product], quantity: parsed.numberQuantity });
    }
    let bestAbsorbed = -1;
    const plainTop = best.ranked[0]?.product;
    for (const attempt of tries) {
      // Cheap check first: only phrases that contain the absorbed word can qualify. They belong to the name
      // when the phrase is then fully said ("box of chocolates"), or the product is the one meant anyway
      // ("six pack of beer": one six-pack, not six).
      const top = this.rank(attempt.words, cache, 1, true)[0];
      if (top !== undefined && (top.complete || top.product === plainTop) && top.absorbedMatched && top.score >= SUGGEST_MIN && top.score > bestAbsorbed) {
        bestAbsorbed = top.score;
        best = { ranked: this.rank(attempt.words, cache, keep), quantity: attempt.quantity };
      }
    }
    return best;
  }

  /** Ranks products for one reading of the query, also trying speech-to-text joins and splits of its words. */
  private rank(said: readonly Word[], cache: Map<string, QueryToken>, keep: number, absorbedOnly = false): Ranked[] {
    const base: QueryToken[] = [];
    for (const { word, absorbed } of said) {
      for (const part of keyTokens([word])) {
        if (base.length < MAX_QUERY_TOKENS) base.push(this.queryToken(part.surface, part.key, absorbed, cache));
      }
    }
    if (base.length === 0) return [];
    const plain = this.rankTokens(base, keep, absorbedOnly);
    // Re-spelling is a fallback: not tried when the words as said already single out a product.
    const top = plain[0];
    if (absorbedOnly || (top !== undefined && top.score >= MATCH_MIN && top.score - (plain[1]?.score ?? 0) >= MARGIN)) return plain;
    const variants = this.respelled(base, cache);
    if (variants.length === 0) return plain;
    const merged = new Map<number, Ranked>(plain.map((r) => [r.product, r]));
    for (const variant of variants) {
      for (const r of this.rankTokens(variant, keep, false)) {
        const seen = merged.get(r.product);
        if (seen === undefined || r.order > seen.order) merged.set(r.product, r);
      }
    }
    return [...merged.values()].sort((a, b) => b.order - a.order).slice(0, keep);
  }

  /** "pea nut" -> "peanut", "ear buds" -> "earbuds", "teabags" -> "tea bags": what speech-to-text splits or joins. */
  private respelled(tokens: readonly QueryToken[], cache: Map<string, QueryToken>): QueryToken[][] {
    const out: QueryToken[][] = [];
    // Only words that found nothing good on their own are worth re-spelling.
    const weak = (t: QueryToken): boolean => !t.absorbed && !/\d/.test(t.surface) && (t.sims[0] ?? 0) < SIM_TYPO1;
    for (let i = 0; i + 1 < tokens.length && out.length < 3; i++) {
      const a = tokens[i]!;
      const b = tokens[i + 1]!;
      if (!(weak(a) || weak(b)) || a.absorbed || b.absorbed || /\d/.test(a.surface + b.surface)) continue;
      const surface = a.surface + b.surface;
      const joined = this.queryToken(surface, stem(surface), false, cache);
      if (joined.ids.length > 0) out.push([...tokens.slice(0, i), joined, ...tokens.slice(i + 2)]);
    }
    let didSplit = false;
    const split: QueryToken[] = [];
    for (const token of tokens) {
      const parts = weak(token) && token.surface.length >= 5 ? this.splitWord(token.surface) : null;
      if (parts === null) split.push(token);
      else {
        split.push(...parts.map((p) => this.queryToken(p, stem(p), false, cache)));
        didSplit = true;
      }
    }
    if (didSplit) out.push(split);
    return out;
  }

  private splitWord(word: string): string[] | null {
    if (word.length > 32) return null;
    for (let k = 2; k <= word.length - 2; k++) {
      const left = word.slice(0, k);
      const right = word.slice(k);
      if (this.vocab.has(stem(left)) && this.vocab.has(stem(right))) return [left, right];
    }
    return null;
  }

  private queryToken(surface: string, key: string, absorbed: boolean, cache: Map<string, QueryToken>): QueryToken {
    const cacheKey = `${absorbed ? '+' : '-'}${surface}`;
    let token = cache.get(cacheKey);
    if (token === undefined) {
      token = this.lookupToken(surface, key, absorbed);
      cache.set(cacheKey, token);
    }
    return token;
  }

  private lookupToken(surface: string, key: string, absorbed: boolean): QueryToken {
    const exact = this.vocab.get(key);
    if (exact !== undefined) {
      // A word the catalog knows is taken as meant: "bear" is not a typo of "beer".
      return { surface, ids: [exact], sims: [this.surfaces.get(surface) === exact ? SIM_EXACT : SIM_STEM], weight: this.weights[exact]!, absorbed };
    }
    const found = new Map<number, number>();
    const offer = (id: number | undefined, sim: number): void => {
      if (id !== undefined && (found.get(id) ?? 0) < sim) found.set(id, sim);
    };
    if (!/\d/.test(key)) {
      // "mixed" -> "mix", "baked" -> "bake": endings the singulariser leaves alone.
      for (const ending of ['ed', 'd', 'ing']) {
        if (surface.length > ending.length + 2 && surface.endsWith(ending)) offer(this.vocab.get(stem(surface.slice(0, -ending.length))), SIM_SUFFIX);
      }
      for (const alternative of letterAlternatives(surface)) offer(this.vocab.get(alternative), SIM_LETTER);
      if (key.length >= 3) {
        const sounds = this.phonetic.get(phoneticKey(key)) ?? [];
        for (let i = 0; i < sounds.length && i < 64; i++) {
          const id = sounds[i]!;
          const other = this.keys[id]!;
          // Same consonants is not enough on its own ("bread"/"board"): the further the spelling, the weaker.
          const distance = osaDistance(key, other, 3);
          if (Math.min(other.length, key.length) <= 3) {
            if (distance <= 1) offer(id, SIM_PHONETIC_SHORT);
          } else if (distance <= 3) offer(id, SIM_PHONETIC_BY_DISTANCE[distance]!);
        }
      }
      for (const { id, distance } of this.typos.lookup(key, this.keys, MAX_FUZZY_PER_TOKEN)) {
        offer(id, distance === 1 ? (key.length >= 5 ? SIM_TYPO1 : SIM_TYPO1_SHORT) : SIM_TYPO2);
      }
    }
    const best = [...found].sort((a, b) => b[1] - a[1] || this.weights[b[0]]! - this.weights[a[0]]!).slice(0, MAX_FUZZY_PER_TOKEN);
    const factor = SOFT_WORDS.has(surface) ? SOFT_WEIGHT_FACTOR : CONTAINERS.has(key) || /^\d+$/.test(key) ? CONTAINER_WEIGHT_FACTOR : key.length <= 3 ? UNKNOWN_SHORT_WEIGHT_FACTOR : 1;
    // Unmatched, a word that is only near a catalog word may well be a different word altogether: it counts
    // at least as much as an unknown one.
    const weight = Math.max(this.unknownWeight * factor, best.length > 0 ? this.weights[best[0]![0]]! : 0);
    return { surface, ids: best.map(([id]) => id), sims: best.map(([, sim]) => sim), weight, absorbed };
  }

  /**
   * Scores every phrase that shares a word with the query (Dice over IDF weights, one-to-one word alignment)
   * and keeps each product's best phrase.
   */
  private rankTokens(query: readonly QueryToken[], keep: number, absorbedOnly: boolean): Ranked[] {
    const s = this.scratch;
    const stamp = s.next();
    const q = query.length;

    // Which query words each catalog token answers (a linked list per token, usually of one).
    let answers = 0;
    query.forEach((token, qi) => {
      token.ids.forEach((id, k) => {
        if (s.tokenStamp[id] !== stamp) {
          s.tokenStamp[id] = stamp;
          s.tokenAnswer[id] = -1;
        }
        s.answerQuery[answers] = qi;
        s.answerSim[answers] = token.sims[k]!;
        s.answerNext[answers] = s.tokenAnswer[id]!;
        s.tokenAnswer[id] = answers++;
      });
    });

    // Visit query words rarest (heaviest) first; stop when the words left cannot lift an unseen phrase
    // to within PRUNE_BAND of the best score found so far.
    const order = query.map((_, qi) => qi).filter((qi) => query[qi]!.ids.length > 0 && (!absorbedOnly || query[qi]!.absorbed));
    order.sort((a, b) => query[b]!.weight - query[a]!.weight);
    const totalWeight = query.reduce((sum, t) => sum + t.weight, 0);
    let unmatchedWeight = totalWeight - order.reduce((sum, qi) => sum + query[qi]!.weight, 0);
    let remainingWeight = totalWeight - unmatchedWeight;
    const heaviest = query.map((t) => t.ids.reduce((max, id) => Math.max(max, this.weights[id]!), 0));
    let remainingBest = order.reduce((sum, qi) => sum + heaviest[qi]!, 0);
    // No phrase can match more query weight than this; a phrase heavier than that is diluted by its own words.
    const matchable = remainingBest;
    let bestScore = 0;
    let visited = 0;
    let examined = 0;
    s.slots = 0;

    for (const qi of order) {
      if (bestScore > 0) {
        const bound = Math.max((2 * remainingBest) / (2 * remainingBest + unmatchedWeight), (COVERAGE_FACTOR * remainingWeight) / totalWeight);
        if (bound < bestScore - PRUNE_BAND) break;
      }
      // A phrase holding only this query word scores at most this; if that is out of the running, only
      // phrases with a second query word are worth scoring.
      const alone = (2 * heaviest[qi]!) / (2 * heaviest[qi]! + totalWeight - query[qi]!.weight);
      const singleBudget = bestScore > 0 && alone < bestScore - PRUNE_BAND ? 0 : SINGLE_WORD_BUDGET;
      for (const id of query[qi]!.ids) {
        const from = this.postingStart[id]!;
        const to = Math.min(this.postingStart[id + 1]!, from + MAX_POSTINGS_PER_TOKEN, from + MAX_POSTINGS_EXAMINED - examined);
        let scored = 0;
        for (let i = from; i < to && visited < MAX_PHRASES_VISITED; i++) {
          examined++;
          const p = this.postings[i]!;
          if ((2 * matchable) / (this.phraseWeight[p]! + matchable) < bestScore - PRUNE_BAND) break;
          if (s.phraseStamp[p] === stamp) continue;
          if (scored >= singleBudget) {
            if (q === 1) break;
            if (!this.holdsAnotherQueryWord(p, id, stamp)) continue;
          }
          s.phraseStamp[p] = stamp;
          visited++;
          scored++;
          const score = this.scorePhrase(p, query, stamp);
          if (score > bestScore) bestScore = score;
        }
      }
      unmatchedWeight += query[qi]!.weight;
      remainingWeight -= query[qi]!.weight;
      remainingBest -= heaviest[qi]!;
    }

    // Per product: its best phrase, or how much of the query its phrases cover together if that says more.
    const top: Ranked[] = [];
    for (let slot = 0; slot < s.slots; slot++) {
      let score = s.slotScore[slot]!;
      let order = s.slotOrder[slot]!;
      if (q > 1 && totalWeight > 0 && (s.slotUnionMask[slot]! & ~s.slotBestMask[slot]!) !== 0) {
        let covered = 0;
        for (let qi = 0; qi < q; qi++) covered += s.slotCoverage[slot * MAX_QUERY_TOKENS + qi]! * query[qi]!.weight;
        const coverage = (COVERAGE_FACTOR * covered) / totalWeight;
        if (coverage > score) {
          order += coverage - score;
          score = coverage;
        }
      }
      if (top.length === keep && order <= top[keep - 1]!.order) continue;
      const flags = s.slotFlags[slot]!;
      const entry: Ranked = { product: s.slotProduct[slot]!, score, order, complete: (flags & COMPLETE) !== 0, exact: (flags & EXACT) !== 0, absorbedMatched: (flags & ABSORBED) !== 0 };
      let at = top.length === keep ? keep - 1 : top.length;
      while (at > 0 && top[at - 1]!.order < order) {
        if (at < keep) top[at] = top[at - 1]!;
        at--;
      }
      top[at] = entry;
    }
    return top;
  }

  /** Dice score of one phrase against the query; updates the phrase's product slot. */
  private scorePhrase(p: number, query: readonly QueryToken[], stamp: number): number {
    const s = this.scratch;
    const start = this.phraseStart[p]!;
    const length = this.phraseStart[p + 1]! - start;
    let pairs = 0;
    for (let j = 0; j < length; j++) {
      const id = this.phraseTokens[start + j]!;
      if (s.tokenStamp[id] !== stamp) continue;
      for (let a = s.tokenAnswer[id]!; a >= 0; a = s.answerNext[a]!) {
        // Insertion by similarity, best first: greedy one-to-one alignment below takes them in this order.
        const sim = s.answerSim[a]!;
        let at = pairs++;
        while (at > 0 && s.pairSim[at - 1]! < sim) {
          s.pairSim[at] = s.pairSim[at - 1]!;
          s.pairQuery[at] = s.pairQuery[at - 1]!;
          s.pairWord[at] = s.pairWord[at - 1]!;
          at--;
        }
        s.pairSim[at] = sim;
        s.pairQuery[at] = s.answerQuery[a]!;
        s.pairWord[at] = j;
      }
    }
    if (pairs === 0) return 0;

    const product = this.phraseProduct[p]!;
    let slot: number;
    if (s.productStamp[product] === stamp) slot = s.productSlot[product]!;
    else {
      slot = s.slots++;
      s.productStamp[product] = stamp;
      s.productSlot[product] = slot;
      s.slotProduct[slot] = product;
      s.slotScore[slot] = -1;
      s.slotOrder[slot] = -1;
      s.slotFlags[slot] = 0;
      s.slotBestMask[slot] = 0;
      s.slotUnionMask[slot] = 0;
      s.slotCoverage.fill(0, slot * MAX_QUERY_TOKENS, (slot + 1) * MAX_QUERY_TOKENS);
    }

    const category = this.phraseKind[p] === CATEGORY;
    let usedQuery = 0;
    let usedWord = 0;
    let numerator = 0;
    let denominator = 0;
    let exact = true;
    for (let k = 0; k < pairs; k++) {
      const qi = s.pairQuery[k]!;
      const j = s.pairWord[k]!;
      if (usedQuery & (1 << qi) || usedWord & (1 << j)) continue;
      usedQuery |= 1 << qi;
      usedWord |= 1 << j;
      const sim = s.pairSim[k]!;
      const w = this.weights[this.phraseTokens[start + j]!]!;
      numerator += 2 * sim * w;
      denominator += 2 * w;
      if (sim < SIM_STEM) exact = false;
      const c = slot * MAX_QUERY_TOKENS + qi;
      if (!category && s.slotCoverage[c]! < sim) s.slotCoverage[c] = sim;
    }
    let absorbed = false;
    let absorbedMissed = false;
    for (let qi = 0; qi < query.length; qi++) {
      if (!(usedQuery & (1 << qi))) {
        denominator += query[qi]!.weight;
        exact = false;
        if (query[qi]!.absorbed) absorbedMissed = true;
      } else if (query[qi]!.absorbed) absorbed = true;
    }
    absorbed &&= !absorbedMissed;
    let complete = true;
    for (let j = 0; j < length; j++) {
      if (!(usedWord & (1 << j))) {
        denominator += this.weights[this.phraseTokens[start + j]!]!;
        complete = false;
      }
    }
    if (category) {
      // A category is browsing material ("snacks"): it can rank and suggest, never match on its own.
      const score = (CATEGORY_FACTOR * numerator) / denominator;
      if (score > s.slotOrder[slot]!) {
        s.slotScore[slot] = score;
        s.slotOrder[slot] = score;
        s.slotBestMask[slot] = 0;
        s.slotFlags[slot] = 0;
      }
      return score;
    }
    const score = numerator / denominator;
    // Tie-breakers for ordering only: the head noun (last word) matched, and the product's own name.
    const order = score + (usedWord & (1 << (length - 1)) ? 0.02 : 0) + (this.phraseKind[p] === NAME ? 0.005 : 0);
    s.slotUnionMask[slot]! |= usedQuery;
    if (order > s.slotOrder[slot]!) {
      s.slotScore[slot] = score;
      s.slotOrder[slot] = order;
      s.slotBestMask[slot] = usedQuery;
      s.slotFlags[slot] = (complete ? COMPLETE : 0) | (exact && complete ? EXACT : 0) | (absorbed ? ABSORBED : 0);
    }
    return score;
  }

  private holdsAnotherQueryWord(p: number, id: number, stamp: number): boolean {
    for (let i = this.phraseStart[p]!, end = this.phraseStart[p + 1]!; i < end; i++) {
      const token = this.phraseTokens[i]!;
      if (token !== id && this.scratch.tokenStamp[token] === stamp) return true;
    }
    return false;
  }

  private repeatsEarlier(p: number, i: number): boolean {
    for (let k = this.phraseStart[p]!; k < i; k++) if (this.phraseTokens[k] === this.phraseTokens[i]) return true;
    return false;
  }
}

// Phrase kinds.
const NAME = 0;
const SYNONYM = 1;
const CATEGORY = 2;

// Ranked flags.
const COMPLETE = 1;
const EXACT = 2;
const ABSORBED = 4;

/** Per-query working memory, allocated once per index and reset by bumping a stamp instead of clearing. */
class Scratch {
  private stamp = 0;
  readonly phraseStamp: Int32Array;
  readonly productStamp: Int32Array;
  readonly productSlot: Int32Array;
  readonly tokenStamp: Int32Array;
  readonly tokenAnswer: Int32Array;
  readonly answerQuery = new Int32Array(MAX_QUERY_TOKENS * MAX_FUZZY_PER_TOKEN);
  readonly answerSim = new Float64Array(MAX_QUERY_TOKENS * MAX_FUZZY_PER_TOKEN);
  readonly answerNext = new Int32Array(MAX_QUERY_TOKENS * MAX_FUZZY_PER_TOKEN);
  readonly pairSim = new Float64Array(MAX_PHRASE_TOKENS * MAX_QUERY_TOKENS);
  readonly pairQuery = new Int32Array(MAX_PHRASE_TOKENS * MAX_QUERY_TOKENS);
  readonly pairWord = new Int32Array(MAX_PHRASE_TOKENS * MAX_QUERY_TOKENS);
  slots = 0;
  readonly slotProduct = new Int32Array(MAX_PHRASES_VISITED);
  readonly slotScore = new Float64Array(MAX_PHRASES_VISITED);
  readonly slotOrder = new Float64Array(MAX_PHRASES_VISITED);
  readonly slotFlags = new Uint8Array(MAX_PHRASES_VISITED);
  readonly slotBestMask = new Int32Array(MAX_PHRASES_VISITED);
  readonly slotUnionMask = new Int32Array(MAX_PHRASES_VISITED);
  readonly slotCoverage = new Float64Array(MAX_PHRASES_VISITED * MAX_QUERY_TOKENS);

  constructor(phrases: number, products: number, tokens: number) {
    this.phraseStamp = new Int32Array(phrases);
    this.productStamp = new Int32Array(products);
    this.productSlot = new Int32Array(products);
    this.tokenStamp = new Int32Array(tokens);
    this.tokenAnswer = new Int32Array(tokens);
  }

  next(): number {
    if (this.stamp === 0x7fffffff) {
      this.stamp = 0;
      this.phraseStamp.fill(0);
      this.productStamp.fill(0);
      this.tokenStamp.fill(0);
    }
    return ++this.stamp;
  }
}
