import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, VoiceCodeAttemptModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';
import { birthdayKeyOf } from '../core/birthday';
import { appendInSequence } from './sequenced-log';

/**
 * The customer behind a channel user, created on first contact. Race-safe: two first messages at
 * once both create a customer, but only one identity insert wins; the loser removes its own
 * customer and uses the winner's.
 */
export async function customerIdForIdentity(channel: Channel, externalId: string, locale?: string): Promise<Types.ObjectId> {
  const existing = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
  if (existing) return existing.customerId;
  const customer = await CustomerModel.create({ locale, preferences: { preferredChannels: [channel] } });
  const claimed = await insertOnce(ChannelIdentityModel, { channel, externalId, customerId: customer._id }).catch(async (error: unknown) => {
    await CustomerModel.deleteOne({ _id: customer._id });
    throw error;
  });
  if (claimed) return customer._id;
  await CustomerModel.deleteOne({ _id: customer._id });
  const winner = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
  return winner!.customerId;
}

/** The customer a channel user already is, or null for a channel user never seen. */
export async function existingCustomerIdForIdentity(channel: Channel, externalId: string): Promise<Types.ObjectId | null> {
  return (await ChannelIdentityModel.findOne({ channel, externalId }).lean())?.customerId ?? null;
}

/** Makes a never-seen channel user this customer; false when the identity exists (the unique index decides). */
export async function claimIdentity(channel: Channel, externalId: string, customerId: Types.ObjectId): Promise<boolean> {
  return insertOnce(ChannelIdentityModel, { channel, externalId, customerId });
}

export function findCustomer(customerId: Types.ObjectId) {
  return CustomerModel.findById(customerId).lean();
}

export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** Every channel the customer can be reached on, oldest link first. */
export function channelIdentitiesOf(customerId: Types.ObjectId) {
  return ChannelIdentityModel.find({ customerId }).sort({ linkedAt: 1 }).lean();
}

/** The language the customer asked for or was found to write in: what notifications and new conversations use. */
/** Keeps the customer's language; a detected one never replaces a language the customer asked for. */
export async function storeCustomerLanguage(customerId: Types.ObjectId, locale: string, localeSource: 'asked' | 'detected'): Promise<void> {
  await CustomerModel.updateOne(localeSource === 'asked' ? { _id: customerId } : { _id: customerId, localeSource: { $ne: 'asked' } }, { $set: { locale, localeSource } });
}

export async function storeVoiceCode(customerId: Types.ObjectId, hashed: { hash: string; salt: string }, setAt: Date): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { 'voiceCode.hash': hashed.hash, 'voiceCode.salt': hashed.salt, 'voiceCode.setAt': setAt }, $unset: { 'voiceCode.invalidatedAt': 1 } });
}

export async function invalidateVoiceCode(customerId: Types.ObjectId, at: Date): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { 'voiceCode.invalidatedAt': at } });
}

/**
 * Takes one of a code's `limit` numbered guesses before the guess is compared: null when all are
 * taken. Parallel guesses each get their own number, so a batch beyond the limit is refused unheard.
 */
export async function takeVoiceCodeAttempt(customerId: Types.ObjectId, codeSetAt: Date, limit: number, at: Date): Promise<number | null> {
  const { appended } = await appendInSequence(VoiceCodeAttemptModel, { customerId, codeSetAt }, (latest) => (latest && latest.seq + 1 >= limit ? null : { at }));
  return appended ? appended.seq : null;
}

/** A right guess gives its number back, so using the code correctly never wears it out. */
export async function releaseVoiceCodeAttempt(customerId: Types.ObjectId, codeSetAt: Date, seq: number): Promise<void> {
  await VoiceCodeAttemptModel.deleteOne({ customerId, codeSetAt, seq });
}


/** A customer's own spending limits (each applies below the shop's), replacing the ones they had. */
/** Remembers that the customer was asked about offers on this channel (never asked there again). */
export async function markOffersAsked(customerId: Types.ObjectId, channel: string): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $addToSet: { offersAskedOn: channel } });
}

export async function storeSpendingLimits(customerId: Types.ObjectId, limits: { perOrderMinor?: number; perDayMinor?: number }): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { limits } });
}

/** Sets (or, with null, removes) a customer's date of birth and the `MM-DD` key their birthday is found by. */
export async function setBirthDate(customerId: Types.ObjectId, birthDate: Date | null): Promise<boolean> {
  const update = birthDate ? { $set: { birthDate, birthdayKey: birthdayKeyOf(birthDate) } } : { $unset: { birthDate: 1, birthdayKey: 1 } };
  const result = await CustomerModel.updateOne({ _id: customerId, erasedAt: { $exists: false } }, update);
  return result.matchedCount > 0;
}

/**
 * Live customers whose birthday key is one of these: one equality lookup on the indexed key per key
 * (FerretDB pushes equality down, not `$in`), so a day's birthdays cost what they are, never a scan.
 */
export async function customersWithBirthday(keys: readonly string[]) {
  const found = [];
  for (const birthdayKey of new Set(keys)) found.push(...(await CustomerModel.find({ birthdayKey }).select({ birthdayKey: 1, timeZone: 1, erasedAt: 1, mergedInto: 1 }).lean()));
  return found.filter((customer) => !customer.erasedAt && !customer.mergedInto) as { _id: Types.ObjectId; birthdayKey: string; timeZone: string }[];
}

/** The customer's interest tags; null when there is no such customer (or it was erased or merged away). */
export async function interestsOf(customerId: Types.ObjectId): Promise<string[] | null> {
  const customer = await CustomerModel.findOne({ _id: customerId, erasedAt: null, mergedInto: null }).select({ interests: 1 }).lean();
  return customer ? (customer.interests ?? []) : null;
}

/** Adds tags (each once) and removes others, in place: no read, so two agents' changes both land. */
export async function addInterests(customerId: Types.ObjectId, tags: readonly string[]): Promise<void> {
  if (tags.length > 0) await CustomerModel.updateOne({ _id: customerId }, { $addToSet: { interests: { $each: [...tags] } } });
}

export async function removeInterests(customerId: Types.ObjectId, tags: readonly string[]): Promise<void> {
  if (tags.length > 0) await CustomerModel.updateOne({ _id: customerId }, { $pullAll: { interests: [...tags] } });
}
