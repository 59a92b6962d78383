import { CartModel, ChannelIdentityModel, CustomerModel, ProductModel } from '../../models';
import { hashVoiceCode } from '../core/voice-code';
import { demoActivity } from '../demo/activity';
import { DEMO_CURRENCY, DEMO_CUSTOMERS, DEMO_PRODUCTS } from '../demo/catalog';
import { countProducts, upsertProduct } from './catalog-store';
import { setStockLevel } from './inventory-store';
import { countInsight, flushInsights } from './insight-store';

export interface SeedResult {
  products: number;
  customers: number;
}

/**
 * Loads the demo catalog and customers. Idempotent: products are upserted by sku, customers found
 * by their first channel identity, so running it twice changes nothing.
 */
export async function seedDemoData(options: { voiceCodePepper: string }): Promise<SeedResult> {
  for (const { stock, ...product } of DEMO_PRODUCTS) {
    await upsertProduct({ ...product, currency: DEMO_CURRENCY, active: true });
    await setStockLevel(product.sku, stock, 'initial');
  }

  for (const demo of DEMO_CUSTOMERS) {
    const firstIdentity = demo.identities[0]!;
    const existing = await ChannelIdentityModel.findOne(firstIdentity).lean();
    if (existing) continue;
    const customer = await CustomerModel.create({
      displayName: demo.displayName,
      email: demo.email,
      phone: demo.phone,
      timeZone: demo.timeZone,
      addresses: [{ label: 'home', ...demo.address }],
      defaultPaymentRef: `demo-card-${demo.key}`,
      voiceCode: demo.voiceCode ? { ...(await hashVoiceCode(demo.voiceCode, options.voiceCodePepper)), setAt: new Date() } : undefined,
      preferences: { kidMode: demo.kidMode ?? false, preferredChannels: demo.identities.map((i) => i.channel) },
    });
    await ChannelIdentityModel.insertMany(demo.identities.map((identity) => ({ ...identity, customerId: customer._id })));
    await CartModel.create({ customerId: customer._id, currency: DEMO_CURRENCY, lines: [] });
  }

  return { products: await ProductModel.countDocuments(), customers: await CustomerModel.countDocuments() };
}

/**
 * An empty database (`serve` in development) gets the demo data and a fortnight of insight counts up
 * to `now`, so the dashboard has something to draw; `cli seed` and the tests load the data alone.
 */
export async function seedIfEmpty(options: { voiceCodePepper: string }, now = new Date()): Promise<SeedResult | null> {
  if ((await countProducts()) > 0) return null;
  const seeded = await seedDemoData(options);
  for (const { day, metric, key, amount } of demoActivity(now)) await countInsight(day, metric, key, amount);
  await flushInsights();
  return seeded;
}
