import assert from 'node:assert/strict';
import { CartModel, ChannelIdentityModel, CustomerModel, InventoryLedgerModel, ProductModel } from '../../models';
import { voiceCodeMatches } from '../../src/core/voice-code';
import { insightReport } from '../../src/services/insights';
import { seedDemoData, seedIfEmpty } from '../../src/store/demo-seed';
import { stockBalance } from '../../src/store/inventory-store';
import { resetDatabase } from '../support/database';
import { testConfig } from '../support/config';

const pepper = testConfig().VOICE_CODE_PEPPER!;

describe('demo data', () => {
  before(async () => {
    await resetDatabase();
    await seedDemoData({ voiceCodePepper: pepper });
  });

  it('has at least 40 products in at least 5 categories, with spoken synonyms', async () => {
    const products = await ProductModel.find().lean();
    assert.ok(products.length >= 40, `${products.length} products`);
    assert.ok(new Set(products.map((p) => p.category)).size >= 5);
    assert.ok(products.every((p) => p.synonyms.length > 0));
  });

  it('has restricted items, out-of-stock items and items priced 100.00 or more', async () => {
    const products = await ProductModel.find().lean();
    assert.ok(products.filter((p) => p.restrictions?.notSoldByVoice || p.restrictions?.minimumAge).length >= 3);
    assert.ok(products.filter((p) => p.stock === 0).length >= 3);
    assert.ok(products.filter((p) => p.priceMinor >= 10000).length >= 3);
  });

  it('records every product stock figure in the inventory ledger', async () => {
    for (const product of await ProductModel.find().lean()) {
      assert.equal(await stockBalance(product.sku), product.stock, product.sku);
    }
  });

  it('creates demo customers with channel identities, a cart, and a hashed voice code', async () => {
    const alexaId = await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: 'amzn1.ask.account.ALICE' }).lean();
    assert.ok(alexaId);
    const alice = await CustomerModel.findById(alexaId.customerId).lean();
    assert.ok(alice?.voiceCode?.hash);
    assert.ok(!JSON.stringify(alice).includes('4321'), 'the plain code is stored nowhere');
    assert.equal(await voiceCodeMatches('4321', { hash: alice.voiceCode.hash, salt: alice.voiceCode.salt! }, pepper), true);
    assert.equal(await voiceCodeMatches('1234', { hash: alice.voiceCode.hash, salt: alice.voiceCode.salt! }, pepper), false);
    assert.equal(await CartModel.countDocuments({ customerId: alice._id }), 1);
  });

  it('changes nothing when run again, and seedIfEmpty leaves a non-empty database alone', async () => {
    const before = { products: await ProductModel.countDocuments(), customers: await CustomerModel.countDocuments(), identities: await ChannelIdentityModel.countDocuments(), ledger: await InventoryLedgerModel.countDocuments({ delta: { $ne: 0 } }) };
    await seedDemoData({ voiceCodePepper: pepper });
    assert.equal(await seedIfEmpty({ voiceCodePepper: pepper }), null);
    const after = { products: await ProductModel.countDocuments(), customers: await CustomerModel.countDocuments(), identities: await ChannelIdentityModel.countDocuments(), ledger: await InventoryLedgerModel.countDocuments({ delta: { $ne: 0 } }) };
    assert.deepEqual(after, before);
  });

  it('gives an empty development database a fortnight of insight counts for the dashboard', async () => {
    await resetDatabase();
    assert.ok(await seedIfEmpty({ voiceCodePepper: pepper }, new Date('2026-12-07T12:00:00Z')));
    const report = await insightReport('2026-11-24', '2026-12-07');
    assert.deepEqual(new Set(report.conversations.map((row) => row.day)).size, 14);
    assert.deepEqual(report.funnel.map((row) => row.channel), ['alexa', 'messenger', 'sms', 'webchat', 'whatsapp']);
    assert.ok(report.funnel.every((row) => row.browse > row.cart && row.cart > row.readBack && row.readBack >= row.order && row.order > 0));
    assert.equal(report.unmatchedSearches[0]?.term, 'unicorn slippers');
    assert.equal(report.topSearches[0]?.term, 'Colombian Coffee');
    assert.ok(report.nps.responses > 0 && report.handoff.rate! > 0 && report.consent.length === 3);
    assert.deepEqual((await insightReport('2026-11-23', '2026-11-23')).conversations, [], 'nothing before the fortnight');
  });
});
