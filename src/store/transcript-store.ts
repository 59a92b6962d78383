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

/**
 * One customer's messages on every channel, oldest first. An equality match on the customer: the
 * retention sweep bounds what there is, and only the newest page is kept (FerretDB sorts after fetching).
 */
export async function transcriptOf(customerId: Types.ObjectId): Promise<StoredTranscriptEntry[]> {
  const entries = (await TranscriptMessageModel.find({ customerId }).select('-expiresAt -expiresBucket -__v').lean()) as unknown as StoredTranscriptEntry[];
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || String(a._id).localeCompare(String(b._id)));
  return entries.slice(-TRANSCRIPT_PAGE);
}
