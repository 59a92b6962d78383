import assert from 'node:assert/strict';
import { ProductModel } from '../../models';
import { resetDatabase } from '../support/database';

const product = (priceMinor: number) => ({ sku: 'P-1', name: 'Thing', category: 'misc', priceMinor, currency: 'USD' });

describe('money in minor units', () => {
  beforeEach(resetDatabase);

  for (const priceMinor of [0, 1, 1999, 10000, 123456789, Number.MAX_SAFE_INTEGER]) {
    it(`stores ${priceMinor} minor units and reads back exactly the same integer`, async () => {
      await ProductModel.create(product(priceMinor));
      const stored = await ProductModel.findOne({ sku: 'P-1' }).lean();
      assert.strictEqual(stored?.priceMinor, priceMinor);
      assert.ok(Number.isInteger(stored.priceMinor));
    });
  }

  it('refuses a fractional amount and a negative amount, writing nothing', async () => {
    await assert.rejects(ProductModel.create(product(12.5)), /whole number of minor units/);
    await assert.rejects(ProductModel.create(product(-1)), /minimum allowed value/);
    assert.equal(await ProductModel.countDocuments(), 0);
  });

  it('refuses a currency that is not an ISO 4217 code', async () => {
    await assert.rejects(ProductModel.create({ ...product(100), currency: 'dollars' }), /currency/);
  });
});
