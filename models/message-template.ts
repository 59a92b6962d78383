import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField } from './shared';

/**
 * What the platform says a message template's category is now (WhatsApp's template_category_update
 * webhook): a template Meta re-categorised as marketing must no longer carry utility messages.
 * `_id` is `${channel}:${name}:${language}`; a template never heard about has no row.
 */
const messageTemplateSchema = new Schema({
  _id: { type: String, required: true },
  channel: channelField,
  name: { type: String, required: true },
  language: { type: String, required: true },
  /** MARKETING, UTILITY or AUTHENTICATION, as Meta names them. */
  category: { type: String, required: true },
  previousCategory: { type: String },
  changedAt: { type: Date, required: true },
  /** An announced change not yet made: the category the template will get, and when. */
  upcomingCategory: { type: String },
  upcomingAt: { type: Date },
});

export type MessageTemplate = InferSchemaType<typeof messageTemplateSchema>;
export const MessageTemplateModel = model('MessageTemplate', messageTemplateSchema);
