import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, currencyCode } from './shared';

/**
 * One sent platform message and what it is estimated to cost (per-message pricing): its pricing
 * category and a cost from the configured rate table, in thousandths of a minor unit (a WhatsApp
 * utility message can cost a fraction of a cent). `_id` is a one-way hash of the send (the outbox job
 * and message index, or the notification's cause), so a send is counted once and names nobody.
 */
const messageCostSchema = new Schema({
  _id: { type: String, required: true },
  channel: channelField,
  category: { type: String, required: true, match: /^[a-z]{1,32}$/ },
  costMilliMinor: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  currency: currencyCode,
  /** The UTC calendar day of the send (YYYY-MM-DD): spend is summed per day range by equality. */
  day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  sentAt: { type: Date, required: true },
});
messageCostSchema.index({ day: 1 });

export type MessageCost = InferSchemaType<typeof messageCostSchema>;
export const MessageCostModel = model('MessageCost', messageCostSchema);
