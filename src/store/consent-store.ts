import type { Types } from 'mongoose';
import { ConsentRecordModel } from '../../models';
import { EVERY_CHANNEL, type ConsentFact, type ConsentPurpose } from '../core/consent';
import { consentSourceKind, INSIGHT_METRICS, pairKey, utcDay } from '../core/insights';
import { countInsight } from './insight-store';

export interface ConsentChoice {
  customerId: Types.ObjectId;
  /** The channel it applies to, or 'all'. */
  channel: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  wording: string;
  /** Where the customer said it; defaults to `channel` when that is a single channel. */
  sourceChannel?: string;
}

/** Appends a consent decision; history is never rewritten. A marketing one is counted for insights, under where it was said and how. */
export async function recordConsent(choice: ConsentChoice, at = new Date()): Promise<void> {
  const sourceChannel = choice.sourceChannel ?? (choice.channel === EVERY_CHANNEL ? undefined : choice.channel);
  await ConsentRecordModel.create({ ...choice, sourceChannel, recordedAt: at });
  if (choice.purpose !== 'marketing') return;
  await countInsight(utcDay(at), choice.granted ? INSIGHT_METRICS.optIn : INSIGHT_METRICS.optOut, pairKey(sourceChannel ?? choice.channel, consentSourceKind(choice.source, choice.granted)));
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
