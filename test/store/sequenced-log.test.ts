import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { InventoryLedgerModel, ProductModel } from '../../models';
import { reserveStock, setStockLevel, stockBalance } from '../../src/store/inventory-store';
import { resetDatabase } from '../support/database';
import { addProduct } from '../support/commerce';

/** Every query mongoose sends to one collection while `work` runs: method, filter and options. */
async function queriesOn<T>(collectionName: string, work: () => Promise<T>): Promise<{ method: string; filter: unknown; options: unknown }[]> {
  const seen: { method: string; filter: unknown; options: unknown }[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown, ...rest: unknown[]) => {
    if (collection === collectionName) seen.push({ method, filter, options: rest.at(-1) });
  });
  try {
    await work();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

describe('sequenced log: the newest entry by equality, from the product as the stock ledger\'s head (issue 14 item 2, issue 15)', () => {
  beforeEach(resetDatabase);

  it("reads and appends a sku's stock without sorting its ledger, however long it is", async () => {
    await addProduct('LONG', { stock: 0 });
    for (let level = 1; level <= 12; level++) await setStockLevel('LONG', level * 10);

    const queries = await queriesOn(InventoryLedgerModel.collection.collectionName, async () => {
      assert.equal(await stockBalance('LONG'), 120);
      assert.equal((await reserveStock('LONG', 7, 'order-1')).balance, 113);
    });
    assert.ok(queries.length > 0);
    for (const query of queries) {
      if (query.method === 'insertOne') continue;
      assert.equal(query.method, 'findOne', JSON.stringify(query));
      assert.equal(typeof (query.filter as { seq?: unknown }).seq, 'number', `an equality on seq: ${JSON.stringify(query)}`);
      assert.equal((query.options as { sort?: unknown } | undefined)?.sort, undefined, `no sort: ${JSON.stringify(query)}`);
    }
  });

  it('decides on the newest entry when the head lags (a writer died before moving it) or is missing (a product from before heads)', async () => {
    await addProduct('LAG', { stock: 0 });
    await setStockLevel('LAG', 2);
    assert.equal((await reserveStock('LAG', 2, 'order-1')).balance, 0);
    const ledger = async () => (await InventoryLedgerModel.find({ sku: 'LAG' }).sort({ seq: 1 }).lean()).map((e) => [e.seq, e.balance]);
    const top = (await ledger()).length - 1;
    assert.deepEqual([(await head('LAG'))?.stockSeq, (await head('LAG'))?.stock], [top, 0], 'the product is the head');
    // A restock whose writer died between its insert and the head update: the product still says balance 0.
    await InventoryLedgerModel.create({ sku: 'LAG', seq: top + 1, delta: 5, balance: 5, reason: 'restock' });

    assert.equal(await stockBalance('LAG'), 5);
    const reserved = await reserveStock('LAG', 3, 'order-2');
    assert.deepEqual(reserved, { applied: true, balance: 2 }, 'the stale head (balance 0) did not refuse it');
    assert.deepEqual((await ledger()).slice(-3), [[top, 0], [top + 1, 5], [top + 2, 2]]);
    assert.deepEqual([(await head('LAG'))?.stockSeq, (await head('LAG'))?.stock], [top + 2, 2], 'the head moved on');

    // A product the releases before wrote without a head: the ledger is sorted once.
    await ProductModel.updateOne({ sku: 'LAG' }, { $unset: { stockSeq: 1 }, $set: { stock: 99 } });
    assert.equal(await stockBalance('LAG'), 2);
    assert.deepEqual(await reserveStock('LAG', 3, 'order-3'), { applied: false, balance: 2 });
    assert.deepEqual(await reserveStock('LAG', 2, 'order-3'), { applied: true, balance: 0 });
    assert.deepEqual([(await head('LAG'))?.stockSeq, (await head('LAG'))?.stock], [top + 3, 0], 'the first append after a missing head writes it');
  });

  it('refuses a reservation only once nothing follows the head it was decided on', async () => {
    await addProduct('REFUSE', { stock: 1 });
    const stale = await head('REFUSE');
    await reserveStock('REFUSE', 1, 'order-1');
    await InventoryLedgerModel.create({ sku: 'REFUSE', seq: stale!.stockSeq! + 2, delta: 4, balance: 4, reason: 'restock' });
    // Decided on a head two entries behind (as a turn loaded it): it sees the sale, then the restock.
    assert.deepEqual(await reserveStock('REFUSE', 3, 'order-2', stale), { applied: true, balance: 1 });
    assert.deepEqual(await reserveStock('REFUSE', 3, 'order-3', stale), { applied: false, balance: 1 });
  });
});

function head(sku: string) {
  return ProductModel.findOne({ sku }).select({ stock: 1, stockSeq: 1 }).lean();
}
