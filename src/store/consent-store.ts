import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { ConsentRecordModel } from '../../models';
import { EVERY_CHANNEL, type ConsentEvidence, type ConsentFact, type ConsentPurpose } from '../core/consent';
import { INSIGHT_METRICS, pairKey, utcDay } from '../core/insights';
import { insertOnce } from './insert-once';
import { countInsight } from './insight-store';

export type ConsentChoice = ConsentEvidence & {
  customerId: Types.ObjectId;
  /** The channel it applies to, or 'all'. */
  channel: string;
  purpose: ConsentPurpose;
  granted: boolean;
  /** Where the customer said it; defaults to `channel` when that is a single channel. */
  sourceChannel?: string;
};

/** Appends a consent decision; history is never rewritten. A marketing one is counted for insights, under where it was said and how. */
export async function recordConsent(choice: ConsentChoice, at = new Date()): Promise<void> {
  await ConsentRecordModel.create(consentDocument(choice, at));
  await countMarketingDecision(choice, at);
}

function sourceChannelOf(choice: ConsentChoice): string | undefined {
  return choice.sourceChannel ?? (choice.channel === EVERY_CHANNEL ? undefined : choice.channel);
}

/** The record as kept: the kind and campaign are for counting, the source sentence says both for the record. */
function consentDocument(choice: ConsentChoice, at: Date) {
  const { customerId, channel, purpose, granted, source, wording } = choice;
  return { customerId, channel, purpose, granted, source, wording, sourceChannel: sourceChannelOf(choice), recordedAt: at };
}

async function countMarketingDecision(choice: ConsentChoice, at: Date): Promise<void> {
  if (choice.purpose !== 'marketing') return;
  await countInsight(utcDay(at), choice.granted ? INSIGHT_METRICS.optIn : INSIGHT_METRICS.optOut, pairKey(sourceChannelOf(choice) ?? choice.channel, choice.kind === 'link' ? choice.campaignId : choice.kind));
}

/**
 * Appends a decision once per `claim`: its `_id` is derived from the claim, so a repeat (or two racing
 * at once) inserts nothing and counts nothing. False when it was already there.
 */
export async function recordConsentOnce(choice: ConsentChoice, claim: string, at = new Date()): Promise<boolean> {
  const _id = new Types.ObjectId(createHash('sha256').update(`consent|${claim}`).digest('hex').slice(0, 24));
  const inserted = await insertOnce(ConsentRecordModel, { ...consentDocument(choice, at), _id });
  if (inserted) await countMarketingDecision(choice, at);
  return inserted;
}

/** The customer's newest decision of a purpose on any channel (its id, channel and answer), or null. */
export async function newestConsentOf(customerId: Types.ObjectId, purpose: ConsentPurpose): Promise<{ _id: Types.ObjectId; channel: string; granted: boolean } | null> {
  return ConsentRecordModel.findOne({ customerId, purpose }).sort({ recordedAt: -1, _id: -1 }).select({ channel: 1, granted: 1 }).lean();
}

/** Appends several decisions made at once (one customer's words), in order. */
export async function recordConsents(choices: ConsentChoice[], at = new Date()): Promise<void> {
  for (const choice of choices) await recordConsent(choice, at);
}

/** The newest decision for a purpose and channel, or null if the customer never said. */
export async function currentConsent(customerId: Types.ObjectId, channel: string, purpose: ConsentChoice['purpose']): Promise<boolean | null> {
  const latest = await ConsentRecordModel.findOne({ customerId, channel, purpose }).sort({ recordedAt: -1 }).lean();
  return latest?.granted ?? null;
}

/** The decisions that bear on one channel (its own and every-channel ones), oldest first. */
export async function consentFactsFor(customerId: Types.ObjectId, channel: string): Promise<ConsentFact[]> {
  return ConsentRecordModel.find({ customerId, channel: { $in: [channel, EVERY_CHANNEL] } })
    .sort({ recordedAt: 1, _id: 1 })
    .select('channel purpose granted recordedAt')
    .lean();
}
