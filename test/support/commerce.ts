import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, type Channel } from '../../models';
import { hashVoiceCode } from '../../src/core/voice-code';
import { invalidateCatalogIndex } from '../../src/services/catalog-service';
import { commerceSettings, type CommerceSettings } from '../../src/services/settings';
import { upsertProduct } from '../../src/store/catalog-store';
import { setStockLevel } from '../../src/store/inventory-store';
import { seedDemoData } from '../../src/store/demo-seed';
import { testConfig } from './config';
import { resetDatabase } from './database';

export const settings: CommerceSettings = commerceSettings(testConfig());

/** For placeOrder calls whose test is not about the daily limit: a day's ledger that never refuses. */
export const NO_DAILY_LIMIT = { day: '2026-01-01', perDayMinor: Number.MAX_SAFE_INTEGER } as const;

export async function freshDemoStore(): Promise<void> {
  await resetDatabase();
  invalidateCatalogIndex();
  await seedDemoData({ voiceCodePepper: settings.voiceCodePepper });
}

export async function addProduct(sku: string, fields: { name?: string; priceMinor?: number; stock?: number; restrictions?: { notSoldByVoice?: boolean; minimumAge?: number; reason?: string } } = {}): Promise<void> {
  await upsertProduct({ sku, name: fields.name ?? `Product ${sku}`, category: 'test', priceMinor: fields.priceMinor ?? 1000, currency: 'USD', restrictions: fields.restrictions, synonyms: [] });
  await setStockLevel(sku, fields.stock ?? 100, 'initial');
  invalidateCatalogIndex();
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
    voiceCode: options.voiceCode ? { ...(await hashVoiceCode(options.voiceCode, settings.voiceCodePepper)), setAt: new Date() } : undefined,
    preferences: { kidMode: options.kidMode ?? false },
  });
  await ChannelIdentityModel.create({ channel: options.channel ?? 'sms', externalId: options.externalId ?? `ext-${customer._id}`, customerId: customer._id });
  return customer._id;
}
