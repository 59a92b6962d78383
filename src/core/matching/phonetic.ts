// Sound-alike keys for mishearings and homophones ("columbian"/"colombian", "grey"/"gray", "flower"/"flour",
// "serial"/"cereal"). A compact Metaphone-like encoder: consonant skeleton, vowels dropped after the first
// letter, and the pairs speech-to-text confuses most (c/k/q, s/z, d/t, ph/f, v/f) folded together.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

export function phoneticKey(word: string): string {
  let w = word.replace(/[^a-z]/g, '');
  if (w === '') return '';
  // Silent first letters.
  w = w.replace(/^(?:kn|gn|pn|wr|ps)/, (m) => m[1]!).replace(/^x/, 's').replace(/^wh/, 'w');
  let out = '';
  const emit = (code: string): void => {
    out += code;
  };
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const prev = i > 0 ? w[i - 1] : undefined;
    const next = w[i + 1];
    // Doubled letters are one sound ("coffee", "prosecco").
    if (c === prev) continue;
    if (isVowel(c)) {
      if (i === 0) emit(c === 'y' && isVowel(next) ? 'Y' : 'A');
      continue;
    }
    switch (c) {
      case 'b':
        if (!(prev === 'm' && next === undefined)) emit('B');
        break;
      case 'c':
        if (next === 'h') {
          emit('X');
          i++;
        } else if (next === 'k') {
          emit('K');
          i++;
        } else if (next === 'e' || next === 'i' || next === 'y') emit('S');
        else emit('K');
        break;
      case 'd':
        if (next === 'g' && (w[i + 2] === 'e' || w[i + 2] === 'i' || w[i + 2] === 'y')) {
          emit('J');
          i++;
        } else emit('T');
        break;
      case 'g':
        // Silent "gh" ("night", "though") and final "gn" ("sign").
        if (next === 'h' && !isVowel(w[i + 2])) i++;
        else if (next === 'n' && w[i + 2] === undefined) break;
        else emit('K');
        break;
      case 'h':
        if (i === 0 && isVowel(next)) emit('H');
        break;
      case 'p':
        if (next === 'h') {
          emit('F');
          i++;
        } else emit('P');
        break;
      case 'q':
        emit('K');
        break;
      case 's':
        if (next === 'h') {
          emit('X');
          i++;
        } else if (next === 'c' && w[i + 2] === 'h') {
          emit('SK');
          i += 2;
        } else if (next === 'i' && (w[i + 2] === 'o' || w[i + 2] === 'a')) emit('X');
        else emit('S');
        break;
      case 't':
        if (next === 'h') {
          emit('0');
          i++;
        } else if (next === 'c' && w[i + 2] === 'h') {
          // "tch" sounds like "ch"
        } else if (next === 'i' && (w[i + 2] === 'o' || w[i + 2] === 'a')) emit('X');
        else emit('T');
        break;
      case 'v':
        emit('F');
        break;
      case 'w':
        // "ow", "aw", "ew" are vowels ("flower" ~ "flour"); a consonant w needs a vowel after it.
        if (!isVowel(prev) && isVowel(next)) emit('W');
        break;
      case 'x':
        emit('KS');
        break;
      case 'z':
        emit('S');
        break;
      default:
        emit(c.toUpperCase());
    }
  }
  return out;
}

/** How letters are spelled out by speech-to-text: "vitamin see" is "vitamin c", "green t" is "green tea". */
const LETTER_NAMES: Record<string, readonly string[]> = {
  b: ['bee'], c: ['see', 'sea', 'cee'], d: ['dee'], e: ['ee'], g: ['gee'], i: ['eye'], j: ['jay'], k: ['kay'], o: ['oh', 'owe'],
  p: ['pee', 'pea'], q: ['queue', 'cue'], r: ['are'], t: ['tea', 'tee'], u: ['you'], v: ['vee'], x: ['ex'], y: ['why'], z: ['zee', 'zed'],
};

const LETTER_OF_NAME: ReadonlyMap<string, string> = new Map(Object.entries(LETTER_NAMES).flatMap(([letter, names]) => names.map((name) => [name, letter] as const)));

/** The other spellings of a letter-or-letter-name token: "see" -> ["c"], "t" -> ["tea", "tee"]. */
export function letterAlternatives(token: string): readonly string[] {
  if (token.length === 1) return LETTER_NAMES[token] ?? [];
  const letter = LETTER_OF_NAME.get(token);
  return letter === undefined ? [] : [letter];
}
