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
  /** Folded number words. */
  numbers: ReadonlyMap<string, number>;
  /** Folded words a quantity is counted in ("paczki", "sacchetti"), and the words joining them to the product ("de", "di"). */
  units: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  /** Folded words that do not tell products apart (articles, prepositions). */
  stopwords: ReadonlySet<string>;
}

const folded = (words: string): Set<string> => new Set(foldDiacritics(words).split(/\s+/));
const numberMap = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries).map(([word, value]) => [foldDiacritics(word), value]));

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
    numbers: numberMap({ um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12, duzia: 12, vinte: 20 }),
    units: folded('pacote pacotes saco sacos saquinho saquinhos caixa caixas garrafa garrafas lata latas pote potes vidro vidros unidade unidades rolo rolos barra barras fardo pack'),
    connectors: folded('de do da dos das'),
    stopwords: folded('o a os as um uma uns umas de do da dos das com para em no na e'),
  },
  it: {
    stem: italianStem,
    numbers: numberMap({ un: 1, uno: 1, una: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10, dodici: 12, dozzina: 12, venti: 20 }),
    units: folded('confezione confezioni sacchetto sacchetti busta buste pacco pacchi pacchetto pacchetti scatola scatole bottiglia bottiglie lattina lattine barattolo barattoli vasetto vasetti pezzo pezzi rotolo rotoli tavoletta tavolette'),
    connectors: folded('di del della dei delle degli d'),
    stopwords: folded('il lo la i gli le un uno una di del della dei delle degli al alla per con da in e d l'),
  },
  pl: {
    stem: polishStem,
    numbers: numberMap({ jeden: 1, jedna: 1, jedno: 1, dwa: 2, dwie: 2, trzy: 3, cztery: 4, piec: 5, szesc: 6, siedem: 7, osiem: 8, dziewiec: 9, dziesiec: 10, dwanascie: 12, tuzin: 12, dwadziescia: 20 }),
    units: folded('paczka paczki paczek opakowanie opakowania opakowan butelka butelki butelek puszka puszki puszek sloik sloiki slojkow torebka torebki torebek pudelko pudelka pudelek sztuka sztuki sztuk rolka rolki rolek tabliczka tabliczki tabliczek zgrzewka zgrzewki'),
    connectors: folded(''),
    stopwords: folded('z ze do dla na i w we o'),
  },
  ro: {
    stem: romanianStem,
    numbers: numberMap({ un: 1, o: 1, unu: 1, doi: 2, doua: 2, trei: 3, patru: 4, cinci: 5, sase: 6, sapte: 7, opt: 8, noua: 9, zece: 10, douasprezece: 12, duzina: 12, douazeci: 20 }),
    units: folded('punga pungi pachet pachete cutie cutii sticla sticle doza doze borcan borcane bucata bucati bax baxuri rola role tableta tablete'),
    connectors: folded('de'),
    stopwords: folded('de din cu pentru la si un o al a ale'),
  },
};

/** Chinese numerals and measure words, for "两袋咖啡" (two bags of coffee). */
export const CHINESE_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['一', 1], ['两', 2], ['二', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9], ['十', 10], ['十二', 12], ['一打', 12], ['二十', 20],
]);
export const CHINESE_COUNTERS = '个件袋包瓶盒罐杯份只本条支双套块箱斤台副听卷';
