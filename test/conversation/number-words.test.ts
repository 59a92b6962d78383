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
});
