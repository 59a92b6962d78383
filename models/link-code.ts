import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

/**
 * A short-lived one-time code that joins a second channel identity to the customer who asked for it.
 * The code a customer sees is `locator + secret`: the locator finds the row (unique while the row
 * exists, so wrong guesses can be counted against one code), the secret is kept only as an HMAC.
 * Whether it was used, and how many guesses it had, live in LinkCodeRedemption and LinkCodeAttempt,
 * both written by unique inserts (a conditional update here would race on FerretDB).
 */
const linkCodeSchema = new Schema({
  locator: { type: String, required: true },
  /** HMAC(pepper, id + secret): a leaked collection does not leak usable codes. */
  secretHash: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** Where the customer asked for it, for the audit trail. */
  issuedOn: channelField,
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
linkCodeSchema.plugin(expiryBucket);
linkCodeSchema.index({ locator: 1 }, { unique: true });
// One live code per customer: a new code replaces the old one, so nobody can fill the locator space.
linkCodeSchema.index({ customerId: 1 }, { unique: true });

export type LinkCode = InferSchemaType<typeof linkCodeSchema>;
export const LinkCodeModel = model('LinkCode', linkCodeSchema);

/** One row per guess at a code, numbered under a unique (codeId, seq): parallel guesses each take their own number. */
const linkCodeAttemptSchema = new Schema({
  codeId: { type: Schema.Types.ObjectId, required: true, ref: 'LinkCode' },
  seq: { type: Number, required: true, min: 0 },
  at: { type: Date, required: true, default: () => new Date() },
  /** The code's own expiry: swept with it (an expired code is refused before its guesses are read). */
  expiresAt: expiresAtField,
});
linkCodeAttemptSchema.plugin(expiryBucket);
linkCodeAttemptSchema.index({ codeId: 1, seq: 1 }, { unique: true });

export type LinkCodeAttempt = InferSchemaType<typeof linkCodeAttemptSchema>;
export const LinkCodeAttemptModel = model('LinkCodeAttempt', linkCodeAttemptSchema);

/** The one use of a code: the unique codeId makes a second redemption, however concurrent, fail. */
const linkCodeRedemptionSchema = new Schema({
  codeId: { type: Schema.Types.ObjectId, required: true, ref: 'LinkCode' },
  /** The customer who redeemed it (merged into the code's customer), or the code's customer itself. */
  redeemedBy: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  channel: { type: String, required: true },
  redeemedAt: { type: Date, required: true, default: () => new Date() },
  /**
   * When an established customer is involved, the join waits for that customer's yes on their own
   * channel: `survivorId` is who stays (and must confirm), `sourceId` who would be folded into it.
   */
  survivorId: { type: Schema.Types.ObjectId, ref: 'Customer' },
  sourceId: { type: Schema.Types.ObjectId, ref: 'Customer' },
  /** The channel of the side that is not asked, named in the question. */
  otherChannel: { type: String },
  awaitingConfirmation: { type: Boolean },
  confirmBy: { type: Date },
  confirmedAt: { type: Date },
  declinedAt: { type: Date },
  /** The code's own expiry, or the end of the wait for a confirmation: once the code is past its own, it is refused as expired whether or not this row is still here. */
  expiresAt: expiresAtField,
});
linkCodeRedemptionSchema.plugin(expiryBucket);
linkCodeRedemptionSchema.index({ codeId: 1 }, { unique: true });
linkCodeRedemptionSchema.index({ survivorId: 1 });

export type LinkCodeRedemption = InferSchemaType<typeof linkCodeRedemptionSchema>;
export const LinkCodeRedemptionModel = model('LinkCodeRedemption', linkCodeRedemptionSchema);
