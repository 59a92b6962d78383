import type { Types } from 'mongoose';
import { TranscriptMessageModel, type TRANSCRIPT_AUTHORS } from '../../models';
import type { Channel } from '../core/channels';

export type TranscriptAuthor = (typeof TRANSCRIPT_AUTHORS)[number];

export interface TranscriptEntry {
  customerId: Types.ObjectId;
  channel: Channel;
  channelUserId: string;
  author: TranscriptAuthor;
  staffId?: Types.ObjectId;
  text: string;
  cards?: string[];
  at: Date;
}

export interface StoredTranscriptEntry extends TranscriptEntry {
  _id: Types.ObjectId;
  direction: 'inbound' | 'outbound';
}

/** Newest messages an agent sees of one customer; older ones are in the customer's export. */
export const TRANSCRIPT_PAGE = 200;

const DAY_MS = 24 * 60 * 60_000;

/** One insert for all of a turn's (or an agent's) messages, each kept for the retention period. */
export async function appendTranscript(entries: readonly TranscriptEntry[], retentionDays: number): Promise<void> {
  if (entries.length === 0) return;
  await TranscriptMessageModel.insertMany(
    entries.map((entry) => ({ ...entry, direction: entry.author === 'customer' ? 'inbound' : 'outbound', expiresAt: new Date(entry.at.getTime() + retentionDays * DAY_MS) })),
  );
}

const SHOWN_FIELDS = '-expiresAt -expiresBucket -__v';

/**
 * One customer's newest messages on every channel, oldest first. Off the turn path (an agent's view,
 * the handoff-timeout tick); MongoDB serves the sort and limit from the `(customerId, at)` index,
 * FerretDB sorts the customer's retained messages itself (see docs/data-access.md), bounded by retention.
 */
export async function transcriptOf(customerId: Types.ObjectId): Promise<StoredTranscriptEntry[]> {
  const newest = (await TranscriptMessageModel.find({ customerId }).sort({ at: -1, _id: -1 }).limit(TRANSCRIPT_PAGE).select(SHOWN_FIELDS).lean()) as unknown as StoredTranscriptEntry[];
  return newest.reverse();
}

/** When the customer last wrote from this channel user, whatever they said on their other channels since (messaging windows run from it). */
export async function lastInboundAt(customerId: Types.ObjectId, channel: Channel, channelUserId: string): Promise<Date | null> {
  const newest = await TranscriptMessageModel.findOne({ customerId, channel, channelUserId, direction: 'inbound' }).sort({ at: -1 }).select('at').lean();
  return newest?.at ?? null;
}
