import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField, expiryBucket } from './shared';

/**
 * What the OAuth 2 server (oidc-provider, for Alexa account linking) stores: authorization codes,
 * access and refresh tokens, grants, sessions, interactions. One collection, told apart by `kind`.
 * Keyed by SHA-256 of kind and id, because for opaque tokens the id is the token itself: a leaked
 * collection holds no usable token. The payload is kept as JSON text, as the library hands it over.
 */
const oauthRecordSchema = new Schema({
  key: { type: String, required: true },
  kind: { type: String, required: true },
  payload: { type: String, required: true },
  /** Lookup fields the library asks by; hashed like the key where they are secrets. */
  uidHash: { type: String },
  userCodeHash: { type: String },
  grantId: { type: String },
  /** Plain copies for resolving an access token without parsing the payload. */
  accountId: { type: String },
  clientId: { type: String },
  expiresAt: expiresAtField,
});
oauthRecordSchema.plugin(expiryBucket);
oauthRecordSchema.index({ key: 1 }, { unique: true });
oauthRecordSchema.index({ uidHash: 1 });
oauthRecordSchema.index({ grantId: 1 });

export type OAuthRecord = InferSchemaType<typeof oauthRecordSchema>;
export const OAuthRecordModel = model('OAuthRecord', oauthRecordSchema);

/**
 * The one use of a consumable record (an authorization code, a rotated refresh token): the unique key
 * means two token requests racing with the same code cannot both consume it.
 */
const oauthConsumptionSchema = new Schema({
  key: { type: String, required: true },
  consumedAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
oauthConsumptionSchema.plugin(expiryBucket);
oauthConsumptionSchema.index({ key: 1 }, { unique: true });

export type OAuthConsumption = InferSchemaType<typeof oauthConsumptionSchema>;
export const OAuthConsumptionModel = model('OAuthConsumption', oauthConsumptionSchema);
