import { model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

const sessionSchema = new Schema(
  {
    /** `${channel}:${channelUserId}`. */
    key: { type: String, required: true },
    channel: channelField,
    channelUserId: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    locale: { type: String, default: 'en-US' },
    /** The language the conversation is answered in, once known (detected, asked for, or the customer's). */
    language: { type: String },
    /** The dialogue's own state (pending slot, confirmation token, gift-finder answers). */
    dialog: { type: Schema.Types.Mixed, default: {} },
    /** Messaging windows (Messenger, WhatsApp) run from the customer's last inbound message. */
    lastInboundAt: { type: Date },
    handoff: { type: Boolean, default: false },
    /** A person resolved the conversation: the next reply starts by greeting the shopper back. */
    welcomeBack: { type: Boolean, default: false },
    /** The customer's time zone, kept so a turn that only formats a reply need not read the customer. */
    timeZone: { type: String },
    /** An NPS question asked on this channel user and still open: a score in reply is its answer (no extra read per turn). */
    survey: { orderNumber: { type: String }, openUntil: { type: Date } },
    expiresAt: expiresAtField,
  },
  { timestamps: true, minimize: false },
);
sessionSchema.plugin(expiryBucket);
sessionSchema.index({ key: 1 }, { unique: true });

export type Session = InferSchemaType<typeof sessionSchema>;
export type SessionDocument = HydratedDocument<Session>;
export const SessionModel = model('Session', sessionSchema);
