import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField } from './shared';

/**
 * Who a channel user is: one row per (channel, external id), pointing at a customer.
 * Its own collection rather than an array on Customer because FerretDB v1 does not enforce a
 * unique index over array elements; here the unique insert is the race-safe "find or create".
 */
const channelIdentitySchema = new Schema({
  channel: channelField,
  externalId: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  linkedAt: { type: Date, required: true, default: () => new Date() },
});
channelIdentitySchema.index({ channel: 1, externalId: 1 }, { unique: true });
channelIdentitySchema.index({ customerId: 1 });

export type ChannelIdentity = InferSchemaType<typeof channelIdentitySchema>;
export const ChannelIdentityModel = model('ChannelIdentity', channelIdentitySchema);
