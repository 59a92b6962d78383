/**
 * The words a shopper writes a quantity in, one table per language, with the diacritics the language
 * writes them with. Both readers of quantities take their words from here: the vocabulary's `{quantity}`,
 * `{age}` and `{budget}` slots (`conversation/vocabulary.ts`) and the catalogue matcher, which finds the
 * quantity left in a product name ("coloque quinze cafés no carrinho", a voice model's product slot).
 * Two copies had drifted: the matcher read "quinze" or "undici" as part of the product and added one.
 *
 * A table has whole phrases ("uma dúzia", "o sută"), never a grammar, so every reader knows the same numbers.
 * The numbers from twenty-one to ninety-nine are written out here once, the way each language joins its tens
 * and ones ("twenty one", "vinte e um", "ventitré", "dwadzieścia jeden", "douăzeci și unu", "二十一"): a
 * reader that took only the first word of them read "vinte e um" as twenty. What a reader composes beyond
 * the table (English "two dozen", "a thousand piece") is that reader's. Zero is no quantity, so it is not here.
 */

export type NumberLanguage = 'en' | 'pt' | 'it' | 'zh' | 'pl' | 'ro';

/** Consecutive values from `from`, for the runs every language has (three to twenty). */
const run = (words: readonly string[], from: number): Record<string, number> => Object.fromEntries(words.map((word, index) => [word, from + index]));

const CHINESE_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 十 .. 九十九: Chinese says the tens digit (none for ten to nineteen), 十, then the ones digit. */
function chineseTensAndOnes(): Record<string, number> {
  const entries: Record<string, number> = {};
  for (let tens = 1; tens <= 9; tens++) {
    const head = tens === 1 ? '十' : `${CHINESE_DIGITS[tens - 1]!}十`;
    entries[head] = tens * 10;
    CHINESE_DIGITS.forEach((digit, index) => (entries[head + digit] = tens * 10 + index + 1));
  }
  return entries;
}

/** Each tens word with each ones word, joined as `join` says (`join` is given the tens and the ones word). */
function tensAndOnes(tens: Readonly<Record<string, number>>, ones: Readonly<Record<string, number>>, join: (tens: string, ones: string) => string[]): Record<string, number> {
  const entries: Record<string, number> = {};
  for (const [tensWord, tensValue] of Object.entries(tens)) {
    for (const [onesWord, onesValue] of Object.entries(ones)) for (const phrase of join(tensWord, onesWord)) entries[phrase] = tensValue + onesValue;
  }
  return entries;
}

const ENGLISH_TENS = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ENGLISH_ONES = run(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'], 1);
const PORTUGUESE_TENS = { vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, sessenta: 60, setenta: 70, oitenta: 80, noventa: 90 };
const PORTUGUESE_ONES = { um: 1, uma: 1, dois: 2, duas: 2, ...run(['três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove'], 3) };
const ITALIAN_TENS = { venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, sessanta: 60, settanta: 70, ottanta: 80, novanta: 90 };
// "ventun caffè" and "ventuna bottiglie" as well as "ventuno": the one agrees as the article does.
const ITALIAN_ONES = { uno: 1, un: 1, una: 1, ...run(['due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'], 2) };
const POLISH_TENS = { dwadzieścia: 20, trzydzieści: 30, czterdzieści: 40, pięćdziesiąt: 50, sześćdziesiąt: 60, siedemdziesiąt: 70, osiemdziesiąt: 80, dziewięćdziesiąt: 90 };
// "dwadzieścia jeden", never "jedna": the one of a compound does not agree.
const POLISH_ONES = { jeden: 1, dwa: 2, dwie: 2, ...run(['trzy', 'cztery', 'pięć', 'sześć', 'siedem', 'osiem', 'dziewięć'], 3) };
const ROMANIAN_TENS = { douăzeci: 20, treizeci: 30, patruzeci: 40, cincizeci: 50, șaizeci: 60, șaptezeci: 70, optzeci: 80, nouăzeci: 90 };
const ROMANIAN_ONES = { unu: 1, una: 1, doi: 2, două: 2, ...run(['trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă'], 3) };

/** Italian writes its compounds as one word, dropping the tens' vowel before "uno" and "otto" ("ventuno", "trentotto") and accenting a final "tre" ("ventitré"). */
function italianCompound(tens: string, ones: string): string[] {
  if (/^[uo]/.test(ones)) return [tens.slice(0, -1) + ones];
  return [tens + (ones === 'tre' ? 'tré' : ones)];
}

export const NUMBER_WORDS: Record<NumberLanguage, Readonly<Record<string, number>>> = {
  en: {
    ...run(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'], 1),
    ...ENGLISH_TENS, ...tensAndOnes(ENGLISH_TENS, ENGLISH_ONES, (tens, ones) => [`${tens} ${ones}`, `${tens}-${ones}`]),
    hundred: 100, 'a hundred': 100, 'a dozen': 12,
  },
  pt: {
    um: 1, uma: 1, dois: 2, duas: 2, ...run(['três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze', 'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove', 'vinte'], 3),
    quatorze: 14, ...PORTUGUESE_TENS, ...tensAndOnes(PORTUGUESE_TENS, PORTUGUESE_ONES, (tens, ones) => [`${tens} e ${ones}`]), cem: 100, 'uma dúzia': 12,
  },
  it: {
    un: 1, uno: 1, una: 1, ...run(['due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove', 'venti'], 2),
    ...ITALIAN_TENS, ...tensAndOnes(ITALIAN_TENS, ITALIAN_ONES, italianCompound), cento: 100, 'una dozzina': 12,
  },
  zh: { ...run(CHINESE_DIGITS, 1), 两: 2, ...chineseTensAndOnes(), 一百: 100, 一打: 12 },
  pl: {
    jeden: 1, jedna: 1, jedno: 1, dwa: 2, dwie: 2, ...run(['trzy', 'cztery', 'pięć', 'sześć', 'siedem', 'osiem', 'dziewięć', 'dziesięć', 'jedenaście', 'dwanaście', 'trzynaście', 'czternaście', 'piętnaście', 'szesnaście', 'siedemnaście', 'osiemnaście', 'dziewiętnaście', 'dwadzieścia'], 3),
    ...POLISH_TENS, ...tensAndOnes(POLISH_TENS, POLISH_ONES, (tens, ones) => [`${tens} ${ones}`]), sto: 100, tuzin: 12,
  },
  ro: {
    un: 1, o: 1, unu: 1, una: 1, doi: 2, două: 2, ...run(['trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă', 'zece', 'unsprezece'], 3),
    doisprezece: 12, douăsprezece: 12, ...run(['treisprezece', 'paisprezece', 'cincisprezece', 'șaisprezece', 'șaptesprezece', 'optsprezece', 'nouăsprezece'], 13),
    ...ROMANIAN_TENS, ...tensAndOnes(ROMANIAN_TENS, ROMANIAN_ONES, (tens, ones) => [`${tens} și ${ones}`]), 'o sută': 100, 'o duzină': 12,
  },
};

/**
 * Chinese puts a measure word between the number and the thing ("两袋咖啡", two bags of coffee; "两听可乐",
 * two cans of cola; "两卷纸", two rolls of paper): it belongs to the number, not the product.
 */
export const CHINESE_COUNTERS: readonly string[] = ['个', '件', '袋', '包', '瓶', '盒', '罐', '杯', '份', '只', '本', '条', '支', '双', '套', '块', '箱', '斤', '台', '副', '听', '卷'];
