import assert from 'node:assert/strict';
import { addProduct, freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { InMemoryTurns } from '../support/in-memory-unit-of-work';

/**
 * A number written as a word is read the same wherever the sentence puts it: split off by the vocabulary
 * ("adicione {quantity} {product}") or left in the product name for the catalogue matcher ("coloque {product}
 * no carrinho", a voice model's product slot). The two read one table of number words per language.
 */

const GREETING: Record<string, string> = { 'en-US': 'hi', 'en-GB': 'hi', 'pt-BR': 'oi', 'it-IT': 'ciao', 'pl-PL': 'cześć', 'ro-RO': 'bună', 'zh-CN': '你好' };

/** [locale, what the shopper types, the start of the reply, the quantity in the cart]. */
const ORDERS: [string, string, RegExp, number][] = [
  ['pt-BR', 'coloque quinze cafés colombianos no carrinho', /^Adicionei 15 unidades de Café Colombiano\. /, 15],
  ['pt-BR', 'coloque uma dúzia de cafés colombianos no carrinho', /^Adicionei 12 unidades de Café Colombiano\. /, 12],
  ['it-IT', 'aggiungi tredici caffè colombiani al carrello', /^Ho aggiunto 13 confezioni di Caffè Colombiano\. /, 13],
  ['it-IT', 'aggiungi undici caffè colombiani al carrello', /^Ho aggiunto 11 confezioni di Caffè Colombiano\. /, 11],
  ['pl-PL', 'włóż jedenaście paczek kawy kolumbijskiej do koszyka', /^Dodano do koszyka: Kawa Kolumbijska: 11 sztuk\. /, 11],
  ['ro-RO', 'adaugă doisprezece pungi de cafea columbiană în coș', /^Am adăugat 12 bucăți de Cafea Columbiană\. /, 12],
  ['zh-CN', '加四十袋哥伦比亚咖啡', /^已添加40 件哥伦比亚咖啡。/, 40],
  ['zh-CN', '我要二十五袋哥伦比亚咖啡', /^已添加25 件哥伦比亚咖啡。/, 25],
  // Quantities of several words, or one word past twenty, up to ninety-nine.
  ['en-US', 'add twenty one colombian coffees', /^Added 21 Colombian Coffee\. /, 21],
  ['en-US', 'add twenty-one colombian coffees', /^Added 21 Colombian Coffee\. /, 21],
  ['en-GB', 'add thirty four colombian coffees to my basket', /^Added 34 Colombian Coffee\. /, 34],
  ['pt-BR', 'quero vinte e um cafés colombianos', /^Adicionei 21 unidades de Café Colombiano\. /, 21],
  ['pt-BR', 'coloque vinte e duas unidades de café colombiano no carrinho', /^Adicionei 22 unidades de Café Colombiano\. /, 22],
  ['pt-BR', 'quero quarenta e sete cafés colombianos', /^Adicionei 47 unidades de Café Colombiano\. /, 47],
  ['it-IT', 'aggiungi ventuno caffè colombiani al carrello', /^Ho aggiunto 21 confezioni di Caffè Colombiano\. /, 21],
  ['it-IT', 'aggiungi ventitré caffè colombiani al carrello', /^Ho aggiunto 23 confezioni di Caffè Colombiano\. /, 23],
  ['it-IT', 'aggiungi trentotto caffè colombiani al carrello', /^Ho aggiunto 38 confezioni di Caffè Colombiano\. /, 38],
  ['pl-PL', 'włóż dwadzieścia jeden paczek kawy kolumbijskiej do koszyka', /^Dodano do koszyka: Kawa Kolumbijska: 21 sztuk\. /, 21],
  ['pl-PL', 'włóż trzydzieści dwie paczki kawy kolumbijskiej do koszyka', /^Dodano do koszyka: Kawa Kolumbijska: 32 sztuki\. /, 32],
  ['ro-RO', 'adaugă douăzeci și unu de pungi de cafea columbiană în coș', /^Am adăugat 21 (de )?bucăți de Cafea Columbiană\. /, 21],
  ['ro-RO', 'adauga douazeci si una de pungi de cafea columbiana in cos', /^Am adăugat 21 (de )?bucăți de Cafea Columbiană\. /, 21],
  ['zh-CN', '加二十一袋哥伦比亚咖啡', /^已添加21 件哥伦比亚咖啡。/, 21],
  // A quantity alone, with no command: an order line in every language, as in English.
  ['en-US', 'two colombian coffees', /^Added 2 Colombian Coffee\. /, 2],
  ['en-US', 'fifteen colombian coffees', /^Added 15 Colombian Coffee\. /, 15],
  ['en-US', 'twenty one colombian coffees', /^Added 21 Colombian Coffee\. /, 21],
  ['pt-BR', 'quinze cafés colombianos', /^Adicionei 15 unidades de Café Colombiano\. /, 15],
  ['pt-BR', 'dois cafés colombianos', /^Adicionei 2 unidades de Café Colombiano\. /, 2],
  ['pt-BR', 'vinte e um cafés colombianos', /^Adicionei 21 unidades de Café Colombiano\. /, 21],
  ['it-IT', 'due caffè colombiani', /^Ho aggiunto 2 confezioni di Caffè Colombiano\. /, 2],
  ['pl-PL', 'dwie paczki kawy kolumbijskiej', /^Dodano do koszyka: Kawa Kolumbijska: 2 sztuki\. /, 2],
  ['ro-RO', 'două pungi de cafea columbiană', /^Am adăugat 2 bucăți de Cafea Columbiană\. /, 2],
  ['zh-CN', '两袋哥伦比亚咖啡', /^已添加2 件哥伦比亚咖啡。/, 2],
];

describe('number words in the other languages', () => {
  before(freshDemoStore);

  for (const [locale, said, added, quantity] of ORDERS) {
    it(`${locale}: "${said}" adds ${quantity} at once`, async () => {
      const turns = new InMemoryTurns();
      const shopper = new Shopper('whatsapp', `wa-numbers-${said}`, { work: turns.open, ...(locale === 'en-GB' ? { locale, languageFromChannel: true } : {}) });
      await shopper.says(GREETING[locale]!);
      assert.match((await shopper.says(said)).text, added);
      const { customerId } = turns.savedSession('whatsapp', `wa-numbers-${said}`)!;
      assert.deepEqual(
        turns.savedCart(customerId!)?.lines.map((line) => [line.sku, line.quantity]),
        [['COF-001', quantity]],
      );
    });
  }

  it('pt-BR on Alexa: a quantity the model leaves in the product slot is the quantity added, not one after "did you mean"', async () => {
    const turns = new InMemoryTurns();
    const paulo = new Shopper('alexa', 'amzn1.ask.account.NUMBERS', { work: turns.open, locale: 'pt-BR', languageFromChannel: true });
    await paulo.intends('Launch');
    assert.match((await paulo.intends('AddToCart', { product: 'dezesseis cafés colombianos' })).speech, /^Adicionei 16 unidades de Café Colombiano\. /);
    const { customerId } = turns.savedSession('alexa', 'amzn1.ask.account.NUMBERS')!;
    assert.equal(turns.savedCart(customerId!)?.lines[0]?.quantity, 16);
  });

  it('pt-BR on Alexa: a compound number, in the quantity slot or left in the product slot, is the quantity added', async () => {
    const turns = new InMemoryTurns();
    const paulo = new Shopper('alexa', 'amzn1.ask.account.COMPOUND', { work: turns.open, locale: 'pt-BR', languageFromChannel: true });
    await paulo.intends('Launch');
    assert.match((await paulo.intends('AddToCart', { product: 'cafés colombianos', quantity: 21 })).speech, /^Adicionei 21 unidades de Café Colombiano\. /);
    assert.match((await paulo.intends('AddToCart', { product: 'vinte e três cafés colombianos' })).speech, /^Adicionei 23 unidades de Café Colombiano\. /);
    const { customerId } = turns.savedSession('alexa', 'amzn1.ask.account.COMPOUND')!;
    assert.equal(turns.savedCart(customerId!)?.lines[0]?.quantity, 44);
  });

  it('it-IT: "venti tre" is no Italian number, so it is asked about, never added as 20 or 3', async () => {
    const turns = new InMemoryTurns();
    const shopper = new Shopper('whatsapp', 'wa-numbers-venti-tre', { work: turns.open });
    await shopper.says('ciao');
    const asked = (await shopper.says('aggiungi venti tre caffè colombiani al carrello')).text;
    assert.doesNotMatch(asked, /aggiunto/);
    assert.match(asked, /Caffè Colombiano\?/);
    const { customerId } = turns.savedSession('whatsapp', 'wa-numbers-venti-tre')!;
    assert.equal(turns.savedCart(customerId!)?.lines.length ?? 0, 0);
  });

  it('pt-BR: a quantity said with a product that needs picking is the quantity added after the pick', async () => {
    const turns = new InMemoryTurns();
    const shopper = new Shopper('whatsapp', 'wa-numbers-pick', { work: turns.open });
    await shopper.says('oi');
    const asked = (await shopper.says('quinze cafés')).text;
    assert.doesNotMatch(asked, /^Adicionei/);
    assert.match((await shopper.says('2')).text, /^Adicionei 15 unidades de Café Colombiano\. /);
    const { customerId } = turns.savedSession('whatsapp', 'wa-numbers-pick')!;
    assert.equal(turns.savedCart(customerId!)?.lines[0]?.quantity, 15);
  });

  it('en-US: a quantity said with a search is the quantity added when a result is picked', async () => {
    const turns = new InMemoryTurns();
    const shopper = new Shopper('whatsapp', 'wa-numbers-search', { work: turns.open });
    await shopper.says('hi');
    assert.match((await shopper.says('show me two colombian coffees')).text, /^Here's what I found: Colombian Coffee/);
    assert.match((await shopper.says('1')).text, /^Added 2 Colombian Coffee\. /);
    const { customerId } = turns.savedSession('whatsapp', 'wa-numbers-search')!;
    assert.equal(turns.savedCart(customerId!)?.lines[0]?.quantity, 2);
  });

  for (const [locale, start, age, nextQuestion] of [
    ['pt-BR', 'ideias de presente', 'ela faz quinze anos', 'Qual é o seu orçamento?'],
    ['en-US', 'gift ideas', "she's turning seventeen", "What's your budget?"],
  ] as const) {
    it(`${locale} gift finder: "${age}" is read as the age`, async () => {
      const shopper = new Shopper('whatsapp', `wa-numbers-gift-${locale}`, { work: new InMemoryTurns().open });
      await shopper.says(GREETING[locale]!);
      await shopper.says(start);
      assert.equal((await shopper.says(age)).text, nextQuestion);
    });
  }
});

/** The shopper's cart as stored: [sku, quantity] per line. */
function cartOf(turns: InMemoryTurns, channel: 'whatsapp', id: string): [string, number][] {
  const { customerId } = turns.savedSession(channel, id)!;
  return turns.savedCart(customerId!)?.lines.map((line) => [line.sku, line.quantity]) ?? [];
}

describe('a number that is part of what is said, not how many', () => {
  before(async () => {
    await freshDemoStore();
    // Shops in these languages sell brands whose names start with a number word.
    await addProduct('NUT-3SQ', { name: '三只松鼠坚果' });
    await addProduct('CAF-3CO', { name: 'Café Três Corações' });
    await addProduct('BIS-3MA', { name: 'Biscotti Tre Marie' });
    await addProduct('SHO-TRL', { name: 'Trail Running Shoes' });
    await addProduct('SHI-CTN', { name: 'Cotton Shirt' });
  });

  /** [locale, what the shopper types, the reply's start, the cart]: a product name that starts with a number word is the product, added once (before, three, or "did you mean" and three after a yes). */
  const NAMES: [string, string, RegExp, [string, number][]][] = [
    ['zh-CN', '三只松鼠坚果', /^已添加1 件三只松鼠坚果。/, [['NUT-3SQ', 1]]],
    ['pt-BR', 'três corações', /^Adicionei 1 unidade de Café Três Corações\. /, [['CAF-3CO', 1]]],
    ['it-IT', 'tre marie', /^Ho aggiunto 1 confezione di Biscotti Tre Marie\. /, [['BIS-3MA', 1]]],
    // A quantity before such a name is still the quantity.
    ['pt-BR', 'dois cafés três corações', /^Adicionei 2 unidades de Café Três Corações\. /, [['CAF-3CO', 2]]],
    ['zh-CN', '两袋三只松鼠坚果', /^已添加2 件三只松鼠坚果。/, [['NUT-3SQ', 2]]],
  ];
  for (const [locale, said, added, cart] of NAMES) {
    it(`${locale}: "${said}" adds ${cart[0]![1]}`, async () => {
      const turns = new InMemoryTurns();
      const id = `wa-named-${said}`;
      const shopper = new Shopper('whatsapp', id, { work: turns.open });
      await shopper.says(GREETING[locale]!);
      assert.match((await shopper.says(said)).text, added);
      assert.deepEqual(cartOf(turns, 'whatsapp', id), cart);
    });
  }

  /** A number inside a search is what is searched for: picking a result adds one. */
  for (const [search, sku] of [
    ['show me running shoes size 10', 'SHO-TRL'],
    ['show me 100% cotton shirts', 'SHI-CTN'],
  ] as const) {
    it(`en-US: "${search}", then a pick, adds 1`, async () => {
      const turns = new InMemoryTurns();
      const id = `wa-search-${search}`;
      const shopper = new Shopper('whatsapp', id, { work: turns.open });
      await shopper.says('hi');
      const found = await shopper.says(search);
      assert.match(found.text, /^Here's what I found: /);
      const pick = found.choices!.findIndex((choice) => choice.id.endsWith(sku));
      assert.ok(pick >= 0, found.text);
      assert.match((await shopper.says(String(pick + 1))).text, /^Added 1 /);
      assert.deepEqual(cartOf(turns, 'whatsapp', id), [[sku, 1]]);
    });
  }

  it('en-US: "add running shoes size 10" names a size, not how many: a yes adds 1', async () => {
    const turns = new InMemoryTurns();
    const shopper = new Shopper('whatsapp', 'wa-size-10', { work: turns.open });
    await shopper.says('hi');
    const asked = await shopper.says('add running shoes size 10');
    assert.doesNotMatch(asked.text, /^Added/, asked.text);
    assert.match((await shopper.says('yes')).text, /^Added 1 /);
    assert.deepEqual(cartOf(turns, 'whatsapp', 'wa-size-10'), [['SHO-TRL', 1]]);
  });
});

describe('gift finder ages and budgets in words', () => {
  before(async () => {
    await freshDemoStore();
    await addProduct('GFT-TEEN', { name: 'Telescope', priceMinor: 2000, gift: { category: 'toys & games', ages: { min: 15, max: 15 } } });
    await addProduct('GFT-BABY', { name: 'Rattle', priceMinor: 2000, gift: { category: 'toys & games', ages: { min: 1, max: 1 } } });
    await addProduct('GFT-CHESS', { name: 'Chess Set', priceMinor: 14900, gift: { category: 'toys & games', ages: { min: 15, max: 15 } } });
  });

  const START: Record<string, string> = { 'en-US': 'gift ideas', 'pt-BR': 'ideias de presente', 'it-IT': 'idee regalo', 'zh-CN': '礼物推荐', 'ro-RO': 'idei de cadouri' };

  /** [locale, the age answer, the budget answer, a gift the reading must find, one it must not]. */
  const ANSWERS: [string, string, string, string, string][] = [
    // An article before the age is no age.
    ['pt-BR', 'para uma menina de quinze anos', '100', 'Telescope', 'Rattle'],
    ['it-IT', 'una ragazza di quindici anni', '100', 'Telescope', 'Rattle'],
    ['ro-RO', 'o fată de cincisprezece ani', '100', 'Telescope', 'Rattle'],
    ['zh-CN', '一个十五岁的女孩', '100', 'Telescope', 'Rattle'],
    // An age before punctuation or joined by hyphens.
    ['en-US', "She's turning fifteen.", '100', 'Telescope', 'Rattle'],
    ['en-US', 'a fifteen-year-old', '100', 'Telescope', 'Rattle'],
    // Chinese hundreds: the budget is the whole number, never its first digit.
    ['zh-CN', '15', '两百块', 'Chess Set', 'Rattle'],
    ['zh-CN', '15', '五百块', 'Chess Set', 'Rattle'],
    ['zh-CN', '15', '一百五十块', 'Chess Set', 'Rattle'],
    ['zh-CN', '15', '二百元', 'Chess Set', 'Rattle'],
  ];
  for (const [locale, age, budget, found, notFound] of ANSWERS) {
    it(`${locale}: "${age}", then "${budget}", suggests ${found}`, async () => {
      const shopper = new Shopper('whatsapp', `wa-gift-words-${age}-${budget}`, { work: new InMemoryTurns().open });
      await shopper.says(GREETING[locale]!);
      await shopper.says(START[locale]!);
      await shopper.says(age);
      await shopper.says(budget);
      const ideas = (await shopper.says('toys & games')).text;
      assert.ok(ideas.includes(found), ideas);
      assert.ok(!ideas.includes(notFound), ideas);
    });
  }

  /** The category question invites "any" in each language's words; saying so suggests gifts of every kind. */
  const ANY: [string, string][] = [
    ['en-US', 'any'],
    ['pt-BR', 'qualquer um'],
    ['it-IT', 'qualsiasi'],
    ['ro-RO', 'oricare'],
    ['zh-CN', '都行'],
  ];
  for (const [locale, any] of ANY) {
    it(`${locale}: "${any}" to the kind of gift suggests gifts of any kind`, async () => {
      const shopper = new Shopper('whatsapp', `wa-gift-any-${locale}`, { work: new InMemoryTurns().open });
      await shopper.says(GREETING[locale]!);
      await shopper.says(START[locale]!);
      await shopper.says('15');
      await shopper.says('100');
      const ideas = (await shopper.says(any)).text;
      assert.ok(ideas.includes('Telescope'), ideas);
    });
  }
});
