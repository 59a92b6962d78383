import type { Types } from 'mongoose';
import { changedInterests, MAX_INTERESTS } from '../core/interests';
import {
  CartModel,
  ChannelIdentityModel,
  ConsentRecordModel,
  CustomerMergeModel,
  CustomerModel,
  NpsQuestionModel,
  NpsResponseModel,
  OrderModel,
  OrderSummaryModel,
  OutboxModel,
  SessionModel,
  StockAlertModel,
  VoiceCodeAttemptModel,
} from '../../models';
import { rebuildOrderSummary } from './order-summary-store';
import { insertOnce } from './insert-once';
import type { CartLine } from './cart-store';

const MAX_MERGE_CHAIN = 20;

/** The customer a customer now is: itself, or where it was merged (following a chain of merges). */
export async function currentCustomerId(customerId: Types.ObjectId): Promise<Types.ObjectId> {
  let current = customerId;
  for (let hop = 0; hop < MAX_MERGE_CHAIN; hop++) {
    const customer = await CustomerModel.findById(current).select({ mergedInto: 1 }).lean();
    if (!customer?.mergedInto) return current;
    current = customer.mergedInto;
  }
  throw new Error(`customer ${customerId} has a merge chain longer than ${MAX_MERGE_CHAIN}`);
}

/**
 * Claims the right to fold `source` into `target`. The unique sourceCustomerId decides: a second
 * claim for the same source finds the first and returns its target (which may differ).
 */
export async function claimMerge(source: Types.ObjectId, target: Types.ObjectId, reason: string, at: Date): Promise<Types.ObjectId> {
  if (await insertOnce(CustomerMergeModel, { sourceCustomerId: source, targetCustomerId: target, reason, startedAt: at, open: true })) return target;
  const existing = await CustomerMergeModel.findOne({ sourceCustomerId: source }).lean();
  return existing!.targetCustomerId;
}

/** Merges still open (a handful at most: a merge completes within its turn unless a crash stopped it), started before the given time. */
export async function unfinishedMerges(startedBefore: Date, limit: number) {
  const open = await CustomerMergeModel.find({ open: true }).lean();
  return open.filter((merge) => merge.startedAt < startedBefore).slice(0, limit);
}

/** Every channel identity, order, session, queued message and NPS answer of the source now belongs to the target. */
export async function moveCustomerRows(source: Types.ObjectId, target: Types.ObjectId): Promise<void> {
  await ChannelIdentityModel.updateMany({ customerId: source }, { $set: { customerId: target } });
  await OrderModel.updateMany({ customerId: source }, { $set: { customerId: target } });
  // The summaries are caches of Order keyed by customer: the target's is rebuilt with the moved orders.
  await rebuildOrderSummary(target);
  await OrderSummaryModel.deleteOne({ _id: source });
  await SessionModel.updateMany({ customerId: source }, { $set: { customerId: target }, $unset: { timeZone: 1 } });
  await OutboxModel.updateMany({ customerId: source }, { $set: { customerId: target } });
  // NPS questions and answers: the target's "asked in the last N days" includes the source's.
  await NpsQuestionModel.updateMany({ customerId: source }, { $set: { customerId: target } });
  await NpsResponseModel.updateMany({ customerId: source }, { $set: { customerId: target } });
  await moveStockAlerts(source, target);
}

/** "Tell me when it's back" follows the customer; where both asked about one sku, the target's request stands. */
async function moveStockAlerts(source: Types.ObjectId, target: Types.ObjectId): Promise<void> {
  const alerts = await StockAlertModel.find({ customerId: source }).lean();
  for (const { _id, ...alert } of alerts) {
    // Copied then deleted, so a re-run after a crash in between finds the copy and only deletes.
    const moved = await insertOnce(StockAlertModel, { ...alert, customerId: target });
    if (!moved && alert.armed) await StockAlertModel.updateOne({ customerId: target, sku: alert.sku }, { $set: { armed: true } });
    await StockAlertModel.deleteOne({ _id });
  }
}

/**
 * Whether a customer holds anything worth taking: saved details, a voice code or an order history.
 * Such a customer is never folded into one that holds none (see services/customers/linking-service).
 */
export async function isEstablishedCustomer(customerId: Types.ObjectId): Promise<{ established: boolean; createdAt: Date }> {
  const customer = await CustomerModel.findById(customerId).lean();
  if (!customer) return { established: false, createdAt: new Date(0) };
  const createdAt = (customer as { createdAt?: Date }).createdAt ?? new Date(0);
  const details = customer.addresses.length > 0 || !!customer.defaultPaymentRef || !!customer.stripeCustomerId || !!customer.voiceCode?.hash || !!customer.email || !!customer.phone || !!customer.birthDate;
  if (details) return { established: true, createdAt };
  return { established: !!(await OrderModel.exists({ customerId })), createdAt };
}

/**
 * One cart from two: the lines of both, quantities added per sku, the target's price kept where both
 * had it. Decided once and kept on the merge record, so a re-run after a crash writes the same lines.
 */
export async function mergeCarts(source: Types.ObjectId, target: Types.ObjectId, at: Date): Promise<void> {
  let merge = await CustomerMergeModel.findOne({ sourceCustomerId: source }).lean();
  if (!merge || merge.cartMergedAt) return;
  if (!merge.cartLines) {
    const [sourceCart, targetCart] = await Promise.all([CartModel.findOne({ customerId: source }).lean(), CartModel.findOne({ customerId: target }).lean()]);
    const combined = new Map<string, CartLine>();
    for (const line of [...(targetCart?.lines ?? []), ...(sourceCart?.lines ?? [])]) {
      const seen = combined.get(line.sku);
      combined.set(line.sku, seen ? { ...seen, quantity: seen.quantity + line.quantity } : { sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor });
    }
    await CustomerMergeModel.updateOne({ _id: merge._id }, { $set: { cartLines: [...combined.values()] } });
    merge = (await CustomerMergeModel.findById(merge._id).lean())!;
    if (!targetCart && sourceCart) await insertOnce(CartModel, { customerId: target, currency: sourceCart.currency, lines: [] });
  }
  await CartModel.updateOne({ customerId: target }, { $set: { lines: merge.cartLines ?? [] }, $inc: { revision: 1 } });
  await CustomerMergeModel.updateOne({ _id: merge._id }, { $set: { cartMergedAt: at } });
  await CartModel.deleteOne({ customerId: source });
}

/**
 * Consent history is append-only, so the source's records are copied to the target (keeping when each
 * choice was made, so the newest choice per channel and purpose still wins) rather than rewritten.
 */
export async function copyConsents(source: Types.ObjectId, target: Types.ObjectId): Promise<void> {
  const records = await ConsentRecordModel.find({ customerId: source }).lean();
  for (const record of records) {
    const copiedSource = `${record.source} (linked from customer ${source.toHexString()})`;
    const already = await ConsentRecordModel.exists({ customerId: target, channel: record.channel, purpose: record.purpose, recordedAt: record.recordedAt, source: copiedSource });
    if (already) continue;
    await ConsentRecordModel.create({ customerId: target, channel: record.channel, purpose: record.purpose, granted: record.granted, source: copiedSource, wording: record.wording, recordedAt: record.recordedAt });
  }
}

/**
 * The target keeps what it has; what only the source had (a voice code, addresses, contact details,
 * preferred channels, interests up to their limit) is added. The stricter of two settings wins where safety is concerned.
 */
export async function mergeProfiles(source: Types.ObjectId, target: Types.ObjectId): Promise<void> {
  const [from, into] = await Promise.all([CustomerModel.findById(source).lean(), CustomerModel.findById(target).lean()]);
  if (!from || !into) return;
  const set: Record<string, unknown> = {};
  for (const field of ['displayName', 'email', 'phone', 'defaultPaymentRef', 'birthDate'] as const) {
    if (!into[field] && from[field]) set[field] = from[field];
  }
  // The birthday key goes with the birth date it was derived from.
  if (!into.birthDate && from.birthDate) set.birthdayKey = from.birthdayKey;
  // A saved card belongs to its Stripe customer: the two move together, or not at all.
  if (!into.stripeCustomerId && from.stripeCustomerId) Object.assign(set, { stripeCustomerId: from.stripeCustomerId, savedCard: from.savedCard });
  const addressKey = (a: { line1: string; postalCode: string; country: string }) => `${a.line1}|${a.postalCode}|${a.country}`.toLowerCase();
  const known = new Set(into.addresses.map(addressKey));
  const extraAddresses = from.addresses.filter((address) => !known.has(addressKey(address)));
  if (extraAddresses.length > 0) set.addresses = [...into.addresses, ...extraAddresses];

  const channels = [...new Set([...(into.preferences?.preferredChannels ?? []), ...(from.preferences?.preferredChannels ?? [])])];
  set['preferences.preferredChannels'] = channels;
  if (!into.preferences?.quietHours?.start && from.preferences?.quietHours?.start) set['preferences.quietHours'] = from.preferences.quietHours;
  if (from.preferences?.kidMode) set['preferences.kidMode'] = true;
  if (from.interests?.length) set.interests = changedInterests(into.interests ?? [], from.interests, []).slice(0, MAX_INTERESTS);
  for (const limit of ['perOrderMinor', 'perDayMinor'] as const) {
    const values = [into.limits?.[limit], from.limits?.[limit]].filter((value): value is number => typeof value === 'number');
    if (values.length > 0) set[`limits.${limit}`] = Math.min(...values);
  }
  if (!into.voiceCode?.hash && from.voiceCode?.hash) {
    set.voiceCode = from.voiceCode;
    // Wrong guesses against that code still count after the move.
    if (from.voiceCode.setAt) await VoiceCodeAttemptModel.updateMany({ customerId: source, codeSetAt: from.voiceCode.setAt }, { $set: { customerId: target } });
  }
  await CustomerModel.updateOne({ _id: target }, { $set: set });
}

/**
 * Once its details live on in the target, the source keeps none of them: the merged customer is a
 * forwarding address (mergedInto), not a second copy of a person. Voice-code guesses that did not move
 * (the target kept its own code) go too.
 */
export async function scrubMergedSource(source: Types.ObjectId): Promise<void> {
  await CustomerModel.updateOne(
    { _id: source },
    { $set: { displayName: '', addresses: [], 'preferences.preferredChannels': [] }, $unset: { email: 1, phone: 1, defaultPaymentRef: 1, stripeCustomerId: 1, savedCard: 1, voiceCode: 1, birthDate: 1, birthdayKey: 1, interests: 1, 'preferences.quietHours': 1 } },
  );
  await VoiceCodeAttemptModel.deleteMany({ customerId: source });
}

/** From now on the source resolves to the target (codes it issued, tokens minted for it). */
export async function markMerged(source: Types.ObjectId, target: Types.ObjectId): Promise<void> {
  await CustomerModel.updateOne({ _id: source }, { $set: { mergedInto: target } });
}

export async function finishMerge(source: Types.ObjectId, at: Date): Promise<void> {
  await CustomerMergeModel.updateOne({ sourceCustomerId: source }, { $set: { completedAt: at }, $unset: { open: 1 } });
}
