import assert from 'node:assert/strict';
import { freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { InMemoryTurns } from '../support/in-memory-unit-of-work';

/**
 * A number written as a word is read the same wherever the sentence puts it: split off by the vocabulary
 * ("adicione {quantity} {product}") or left in the product name for the catalogue matcher ("coloque {product}
 * no carrinho", a voice model's product slot). The two read one table of number words per language.
 */

const GREETING: Record<string, string> = { 'pt-BR': 'oi', 'it-IT': 'ciao', 'pl-PL': 'cześć', 'ro-RO': 'bună', 'zh-CN': '你好' };

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
];

describe('number words in the other languages', () => {
  before(freshDemoStore);

  for (const [locale, said, added, quantity] of ORDERS) {
    it(`${locale}: "${said}" adds ${quantity} at once`, async () => {
      const turns = new InMemoryTurns();
      const shopper = new Shopper('whatsapp', `wa-numbers-${said}`, { work: turns.open });
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
});
