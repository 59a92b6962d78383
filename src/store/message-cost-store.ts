import { createHash } from 'node:crypto';
import { MessageCostModel, MessageTemplateModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';
import { upsertRacing } from './upsert';

export interface SentMessageCost {
  /** What identifies the send (an outbox job key and message index, a notification's cause); stored hashed. */
  sendKey: string;
  channel: Channel;
  category: string;
  costMilliMinor: number;
  currency: string;
  sentAt: Date;
}

/** Records a sent message's pricing category and estimated cost, once per send (a unique insert). */
export async function recordMessageCost(cost: SentMessageCost): Promise<void> {
  const _id = createHash('sha256').update(cost.sendKey).digest('base64url');
  const { sendKey: _sendKey, ...fields } = cost;
  await insertOnce(MessageCostModel, { _id, ...fields, day: cost.sentAt.toISOString().slice(0, 10) });
}

export interface SpendRow {
  channel: string;
  category: string;
  currency: string;
  messages: number;
  costMilliMinor: number;
}

/** Messages and estimated spend per channel, category and currency over whole UTC days (equality on each day). */
export async function spendByChannelAndCategory(days: readonly string[]): Promise<SpendRow[]> {
  const rows = await MessageCostModel.aggregate<{ _id: { channel: string; category: string; currency: string }; messages: number; costMilliMinor: number }>([
    { $match: { day: { $in: [...days] } } },
    { $group: { _id: { channel: '$channel', category: '$category', currency: '$currency' }, messages: { $sum: 1 }, costMilliMinor: { $sum: '$costMilliMinor' } } },
  ]);
  return rows
    .map((row) => ({ ...row._id, messages: row.messages, costMilliMinor: row.costMilliMinor }))
    .sort((a, b) => a.channel.localeCompare(b.channel) || a.category.localeCompare(b.category) || a.currency.localeCompare(b.currency));
}

export interface TemplateCategory {
  category: string;
  previousCategory?: string | null;
  changedAt: Date;
  upcomingCategory?: string | null;
  upcomingAt?: Date | null;
}

function templateKey(channel: Channel, name: string, language: string): string {
  return `${channel}:${name}:${language}`;
}

/** What the platform last said of a template's category; null for a template it never re-categorised. */
export async function templateCategory(channel: Channel, name: string, language: string): Promise<TemplateCategory | null> {
  return MessageTemplateModel.findById(templateKey(channel, name, language)).lean();
}

/** A template's category changed (or is announced to change at `upcomingAt`); a redelivered webhook writes the same again. */
export async function recordTemplateCategory(channel: Channel, name: string, language: string, change: TemplateCategory): Promise<void> {
  await upsertRacing(() => MessageTemplateModel.updateOne({ _id: templateKey(channel, name, language) }, { $set: { channel, name, language, ...change } }, { upsert: true }));
}
