import { NUMBER_WORDS } from '../number-words';
import { foldDiacritics } from './normalize';

/**
 * What product matching knows of each language beyond English: light stemmers, the words that count and
 * package things, and the little words that say nothing about which product is meant. All of it works on
 * text with diacritics folded (`foldDiacritics`), as the catalogue's names are keyed the same way.
 *
 * Stemming is light suffix stripping, on purpose: the catalogue is a few hundred names, and what has to
 * meet is a name and its inflections (Polish "kawa" / "kawy" / "kawę", Italian "caffè" / "caffè", Portuguese
 * "colombiano" / "colombianos", Romanian "cafea" / "cafele"). A full Snowball stemmer conflates more than
 * that needs, and none of the maintained JavaScript ones covers Polish; anything stripped is stripped on
 * both sides, so a stem that is not a word does no harm. Chinese is not stemmed: it is cut into
 * character pairs (bigrams), since it is written without spaces and a segmenter's dictionary would not
 * know product names anyway.
 */

export interface MatchingLanguage {
  /** Folded word to its index key. */
  stem(word: string): string;
  /** Folded number words and phrases ("uma duzia"), from `core/number-words.ts`. */
  numbers: ReadonlyMap<string, number>;
  /** Folded words a quantity is counted in ("paczki", "sacchetti"), and the words joining them to the product ("de", "di"). */
  units: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  /** Folded words that do not tell products apart (articles, prepositions). */
  stopwords: ReadonlySet<string>;
}

const folded = (words: string): Set<string> => new Set(foldDiacritics(words).split(/\s+/));
const numberMap = (entries: Readonly<Record<string, number>>): Map<string, number> => new Map(Object.entries(entries).map(([word, value]) => [foldDiacritics(word), value]));

/** Strips the longest ending of `endings` that leaves at least `keep` letters. */
function stripper(endings: string[], keep = 3): (word: string) => string {
  const sorted = [...endings].sort((a, b) => b.length - a.length);
  return (word) => {
    if (/\d/.test(word)) return word;
    const ending = sorted.find((candidate) => word.endsWith(candidate) && word.length - candidate.length >= keep);
    return ending ? word.slice(0, -ending.length) : word;
  };
}

// Portuguese: plural -s/-es and the final gender vowel; "-ões"/"-ães" plurals of "-ão".
const portugueseEnding = stripper(['s', 'es', 'a', 'o', 'e', 'as', 'os']);
function portugueseStem(word: string): string {
  return portugueseEnding(word.replace(/(?:oes|aes)$/, 'ao'));
}

// Italian: the final vowel carries gender and number; "-chi"/"-ghi" plurals keep their hard sound.
const italianEnding = stripper(['a', 'e', 'i', 'o']);
function italianStem(word: string): string {
  return italianEnding(word.replace(/(?<=[cg])h(?=[ie]$)/, ''));
}

// Polish: the case and number endings of nouns and adjectives (kawa, kawy, kawę, kawie, kawą; kolumbijska, kolumbijskiej).
const polishStem = stripper(['a', 'e', 'i', 'o', 'u', 'y', 'ie', 'ej', 'em', 'om', 'ow', 'ach', 'ami', 'ego', 'emu', 'ich', 'ych', 'ymi', 'imi', 'owie', 'owi']);

// Romanian: definite articles and plural endings (cafea, cafeaua, cafele; ceai, ceaiuri, ceaiul).
const romanianStem = stripper(['a', 'e', 'i', 'u', 'ua', 'ul', 'le', 'uri', 'ele', 'lor', 'ului', 'urile', 'urilor', 'ii', 'iilor']);

export const MATCHING_LANGUAGES: Record<'pt' | 'it' | 'pl' | 'ro', MatchingLanguage> = {
  pt: {
    stem: portugueseStem,
    numbers: numberMap(NUMBER_WORDS.pt),
    units: folded('pacote pacotes saco sacos saquinho saquinhos caixa caixas garrafa garrafas lata latas pote potes vidro vidros unidade unidades rolo rolos barra barras fardo pack'),
    connectors: folded('de do da dos das'),
    stopwords: folded('o a os as um uma uns umas de do da dos das com para em no na e'),
  },
  it: {
    stem: italianStem,
    numbers: numberMap(NUMBER_WORDS.it),
    units: folded('confezione confezioni sacchetto sacchetti busta buste pacco pacchi pacchetto pacchetti scatola scatole bottiglia bottiglie lattina lattine barattolo barattoli vasetto vasetti pezzo pezzi rotolo rotoli tavoletta tavolette'),
    connectors: folded('di del della dei delle degli d'),
    stopwords: folded('il lo la i gli le un uno una di del della dei delle degli al alla per con da in e d l'),
  },
  pl: {
    stem: polishStem,
    numbers: numberMap(NUMBER_WORDS.pl),
    units: folded('paczka paczki paczek opakowanie opakowania opakowan butelka butelki butelek puszka puszki puszek sloik sloiki slojkow torebka torebki torebek pudelko pudelka pudelek sztuka sztuki sztuk rolka rolki rolek tabliczka tabliczki tabliczek zgrzewka zgrzewki'),
    connectors: folded(''),
    stopwords: folded('z ze do dla na i w we o'),
  },
  ro: {
    stem: romanianStem,
    numbers: numberMap(NUMBER_WORDS.ro),
    units: folded('punga pungi pachet pachete cutie cutii sticla sticle doza doze borcan borcane bucata bucati bax baxuri rola role tableta tablete'),
    connectors: folded('de'),
    stopwords: folded('de din cu pentru la si un o al a ale'),
  },
};
