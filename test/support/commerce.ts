import type { Types } from 'mongoose';
import { ALL_MODELS, ChannelIdentityModel, CustomerModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { hashVoiceCode } from '../../src/core/voice-code';
import { invalidateCatalogIndex } from '../../src/services/catalog';
import { commerceSettings, type CommerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { upsertProduct } from '../../src/store/catalog-store';
import { setStockLevel } from '../../src/store/inventory-store';
import { seedDemoData } from '../../src/store/demo-seed';
import { testConfig } from './config';
import { resetDatabase } from './database';

export const settings: CommerceSettings = commerceSettings(testConfig(), { linkChannels: linkChannels() });

/** For placeOrder calls whose test is not about the daily limit: a day's ledger that never refuses. */
export const NO_DAILY_LIMIT = { day: '2026-01-01', perDayMinor: Number.MAX_SAFE_INTEGER } as const;

/** The seeded documents, exactly as stored, by collection: seeding once per process, copying back per test. */
let demoDocuments: Map<(typeof ALL_MODELS)[number], object[]> | undefined;

/**
 * An empty database with the demo catalog and customers, as `seedDemoData` leaves it. The seed
 * (hundreds of writes and a scrypt hash per voice code) runs once per process; every later call
 * empties the database and inserts the same documents again, _id and all, in one write per collection.
 */
export async function freshDemoStore(): Promise<void> {
  await resetDatabase();
  invalidateCatalogIndex();
  if (demoDocuments) {
    await Promise.all([...demoDocuments].map(([model, documents]) => model.collection.insertMany(documents)));
    return;
  }
  await seedDemoData({ voiceCodePepper: settings.voiceCodePepper });
  demoDocuments = new Map();
  for (const model of ALL_MODELS) {
    const documents = await model.collection.find({}).toArray();
    if (documents.length > 0) demoDocuments.set(model, documents);
  }
}

/** A gift the gift finder may suggest: its tag, the ages it suits, and a rating that puts it before the demo's gifts. */
export interface TestGift {
  category: string;
  ages: { min: number; max: number };
}

export async function addProduct(sku: string, fields: { name?: string; priceMinor?: number; stock?: number; restrictions?: { notSoldByVoice?: boolean; minimumAge?: number; reason?: string }; gift?: TestGift } = {}): Promise<void> {
  const gift = fields.gift ? { category: fields.gift.category, tags: ['gift'], giftAges: fields.gift.ages, rating: 5, reviewCount: 1_000_000 } : { category: 'test' };
  await upsertProduct({ sku, name: fields.name ?? `Product ${sku}`, priceMinor: fields.priceMinor ?? 1000, currency: 'USD', restrictions: fields.restrictions, synonyms: [], ...gift });
  await setStockLevel(sku, fields.stock ?? 100, 'initial');
  invalidateCatalogIndex();
}

/** A customer's voice code as the service stores it (hashed with the test pepper). */
export async function storedVoiceCode(code: string) {
  return { ...(await hashVoiceCode(code, settings.voiceCodePepper)), setAt: new Date() };
}

export interface TestCustomerOptions {
  channel?: Channel;
  externalId?: string;
  voiceCode?: string;
  kidMode?: boolean;
  birthDate?: Date;
  withAddress?: boolean;
}

export async function addCustomer(options: TestCustomerOptions = {}): Promise<Types.ObjectId> {
  const customer = await CustomerModel.create({
    displayName: 'Test Shopper',
    timeZone: 'America/New_York',
    birthDate: options.birthDate,
    addresses: options.withAddress === false ? [] : [{ recipient: 'Test Shopper', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }],
    voiceCode: options.voiceCode ? await storedVoiceCode(options.voiceCode) : undefined,
    preferences: { kidMode: options.kidMode ?? false },
  });
  await ChannelIdentityModel.create({ channel: options.channel ?? 'sms', externalId: options.externalId ?? `ext-${customer._id}`, customerId: customer._id });
  return customer._id;
}
