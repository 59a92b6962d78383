import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { ALL_MODELS, CartModel, ChannelIdentityModel, CustomerModel, InventoryLedgerModel, OrderModel, ProductModel } from '../../../models';
import type { Channel } from '../../../src/core/channels';
import { computeTotals } from '../../../src/core/money';
import { invalidateCatalogIndex } from '../../../src/services/catalog';
import { placeOrder } from '../../../src/services/orders';
import { EVERY_CHANNEL } from '../../../src/core/consent';
import { consentFactsFor } from '../../../src/store/consent-store';
import { setStockLevel, stockBalance } from '../../../src/store/inventory-store';
import { addCustomer, NO_DAILY_LIMIT, settings, storedVoiceCode } from '../commerce';
import type { ConversationScript, StateExpectation } from './format';

/**
 * Between scripts: every customer, conversation and order goes, the catalog and its stock ledger
 * stay (seeding the catalog again costs seconds; a script that depends on a stock level sets it).
 */
export async function resetConversations(): Promise<void> {
  const kept = new Set<unknown>([ProductModel, InventoryLedgerModel]);
  await Promise.all(ALL_MODELS.filter((model) => !kept.has(model)).map((model) => model.deleteMany({})));
  invalidateCatalogIndex();
}

/** What a returning customer bought a week before the conversation. */
export const PAST_ORDER_LINES = [
  { sku: 'COF-001', name: 'Colombian Coffee', quantity: 2, unitPriceMinor: 1299 },
  { sku: 'PAN-003', name: 'Pasta', quantity: 1, unitPriceMinor: 299 },
];

/**
 * The script's customer on one channel: an address on file (every channel needs one to deliver),
 * a voice code if the script sets one, and for `returning` one order placed a week earlier.
 */
export async function prepareCustomer(setup: ConversationScript['setup'], channel: Channel, externalId: string): Promise<Types.ObjectId> {
  for (const [sku, stock] of Object.entries(setup.stock ?? {})) await setStockLevel(sku, stock, 'initial');
  if (setup.stock) invalidateCatalogIndex();
  const existing = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
  const customerId = existing ? existing.customerId : await addCustomer({ channel, externalId, voiceCode: setup.voiceCode });
  if (existing) {
    // A channel whose session made the customer (web chat): give them what addCustomer would have.
    const voiceCode = setup.voiceCode ? await storedVoiceCode(setup.voiceCode) : undefined;
    await CustomerModel.updateOne({ _id: customerId }, { $set: { addresses: [{ recipient: 'Test Shopper', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }], ...(voiceCode ? { voiceCode } : {}) } });
  }
  if (setup.customer === 'returning') {
    // Runs before this one may have bought these; the past order must not fail for want of stock.
    for (const line of PAST_ORDER_LINES) if (setup.stock?.[line.sku] === undefined) await setStockLevel(line.sku, 100, 'initial');
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const past = await placeOrder({ idempotencyKey: `script-past-${channel}-${externalId}`, customerId, channel, lines: PAST_ORDER_LINES, totals: computeTotals(PAST_ORDER_LINES, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, weekAgo);
    assert.ok(past.ok, 'the past order was placed');
  }
  return customerId;
}

export async function assertState(expected: StateExpectation, customerId: Types.ObjectId, channel: Channel, where: string): Promise<void> {
  const orders = await OrderModel.find({ customerId }).sort({ createdAt: -1 }).lean();
  if (expected.orders !== undefined) assert.equal(orders.length, expected.orders, `${where}: orders`);
  if (expected.order !== undefined) assert.equal(orders[0]?.status ?? 'none', expected.order, `${where}: newest order status`);
  if (expected.cart !== undefined) {
    const cart = await CartModel.findOne({ customerId }).lean();
    const units = (cart?.lines ?? []).reduce((sum, line) => sum + line.quantity, 0);
    assert.equal(units === 0 ? 'empty' : units, expected.cart, `${where}: cart`);
  }
  if (expected.consent !== undefined) {
    const marketing = (await consentFactsFor(customerId, channel)).filter((fact) => fact.purpose === 'marketing' && (fact.channel === channel || fact.channel === EVERY_CHANNEL));
    const granted = marketing.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0]?.granted ?? null;
    assert.equal(granted === null ? 'unset' : granted ? 'opted-in' : 'opted-out', expected.consent, `${where}: marketing consent`);
  }
  if (expected.locale !== undefined) assert.equal((await CustomerModel.findById(customerId, { locale: 1 }).lean())?.locale, expected.locale, `${where}: the customer's language`);
  for (const [sku, stock] of Object.entries(expected.stock ?? {})) assert.equal(await stockBalance(sku), stock, `${where}: stock of ${sku}`);
}
