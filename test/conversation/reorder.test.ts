import assert from 'node:assert/strict';
import { OrderModel } from '../../models';
import { upsertProduct } from '../../src/store/catalog-store';
import { setStockLevel } from '../../src/store/inventory-store';
import { productBySku } from '../../src/services/catalog';
import { freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';

async function placeBasket(shopper: Shopper, lines: string[]): Promise<void> {
  for (const line of lines) await shopper.says(line);
  await shopper.says('checkout');
  assert.match((await shopper.says('yes')).text, /^Done\./);
}

async function reprice(sku: string, priceMinor: number): Promise<void> {
  const product = (await productBySku(sku))!;
  await upsertProduct({ ...product, sku, priceMinor });
}

describe('reorder', () => {
  beforeEach(freshDemoStore);

  it('tells a repriced item and an out-of-stock item, and orders the rest at today prices only after a yes', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    await placeBasket(bob, ['add 2 colombian coffee', 'add 1 earl grey tea', 'add 3 pasta']);
    await reprice('COF-001', 1349);
    await setStockLevel('TEA-001', 0);

    const summary = await bob.later(60).says('order again');
    assert.match(summary.text, /had 2 Colombian Coffee, 1 Earl Grey Tea, and 3 Pasta\./);
    assert.match(summary.text, /Colombian Coffee now costs \$13\.49, you paid \$12\.99\./);
    assert.match(summary.text, /Earl Grey Tea is not available right now\./);
    assert.equal(await OrderModel.countDocuments(), 1, 'nothing changed before the customer chose');

    const readBack = await bob.says('yes');
    assert.match(readBack.text, /2 Colombian Coffee at \$13\.49 each and 3 Pasta at \$2\.99 each/);
    assert.doesNotMatch(readBack.text, /Earl Grey/);
    await bob.says('yes');
    const newest = await OrderModel.findOne().sort({ placedAt: -1 }).lean();
    assert.deepEqual(newest?.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor]), [['COF-001', 2, 1349], ['PAN-003', 3, 299]]);
  });

  it('a no leaves the cart and orders untouched', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    await placeBasket(bob, ['add pasta']);
    await bob.says('reorder');
    await bob.says('no');
    assert.match((await bob.says('cart')).text, /^Your cart is empty\./);
    assert.equal(await OrderModel.countDocuments(), 1);
  });

  it('finds "my usual" (the most frequent basket), a past order by number, and one by date', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    await placeBasket(bob, ['add green tea']);
    const firstNumber = (await OrderModel.findOne().lean())!.orderNumber;
    await placeBasket(bob.later(60 * 24), ['add pasta']);
    await placeBasket(bob.later(60 * 24), ['add green tea']);
    await placeBasket(bob.later(60 * 24), ['add honey']);

    assert.match((await bob.says('reorder my usual')).text, /had 1 Green Tea\./);
    assert.match((await bob.says('reorder the last one')).text, /had 1 Honey\./);
    assert.match((await bob.says(`reorder order ${firstNumber}`)).text, new RegExp(`^Your order ${firstNumber} .* had 1 Green Tea\\.`));
    // The clock is on Thursday, November 26 (Chicago); Tuesday the 24th had the pasta order.
    assert.match((await bob.says('reorder the one from last tuesday')).text, /from Tuesday, November 24 had 1 Pasta\./);
    assert.match((await bob.says('reorder what I bought on november 23')).text, /had 1 Green Tea\./);
  });

  it('says so when there is nothing to reorder or nothing is available', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    assert.equal((await bob.says('reorder')).errorCode, 'ORDER_NOT_FOUND');
    await placeBasket(bob, ['add pasta']);
    await setStockLevel('PAN-003', 0);
    assert.match((await bob.says('reorder')).text, /^None of the items from that order are available right now/);
  });
});
