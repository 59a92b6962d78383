import assert from 'node:assert/strict';
import { freshDemoStore } from '../support/commerce';
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
