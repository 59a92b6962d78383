import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { OAuthConsumptionModel, OAuthRecordModel } from '../../models';
import { insertOnce } from './insert-once';
import { upsertRacing } from './upsert';

/**
 * Storage for the OAuth 2 server's records (see models/oauth-record.ts). Ids, uids and user codes
 * are stored only as SHA-256: for opaque tokens and codes the id is the secret itself.
 */

/** Records without an expiry from the library (none expected) are kept this long. */
const DEFAULT_LIFETIME_MS = 14 * 24 * 3_600_000;

function digest(kind: string, field: string, value: string): string {
  return createHash('sha256').update(`${kind}:${field}:${value}`).digest('base64url');
}

/**
 * Sessions are also looked up by uid, where the id cannot be given back, so theirs stays in the
 * payload; a session alone links nothing here (every linking asks for a fresh link code).
 */
const KINDS_FOUND_BY_UID = new Set(['Session']);

export const oauthKey = (kind: string, id: string) => digest(kind, 'id', id);

export interface OAuthPayload {
  [field: string]: unknown;
  jti?: string;
  uid?: string;
  userCode?: string;
  grantId?: string;
  accountId?: string;
  clientId?: string;
  consumed?: number;
}

export async function saveOAuthRecord(kind: string, id: string, payload: OAuthPayload, expiresInSeconds: number | undefined, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + (expiresInSeconds ? expiresInSeconds * 1000 : DEFAULT_LIFETIME_MS));
  // For tokens and codes the jti is the secret itself: kept out of the stored payload, given back on find by id.
  const { jti: _secretId, ...rest } = payload;
  const fields = {
    kind,
    payload: JSON.stringify(KINDS_FOUND_BY_UID.has(kind) ? payload : rest),
    uidHash: payload.uid ? digest(kind, 'uid', payload.uid) : undefined,
    userCodeHash: payload.userCode ? digest(kind, 'userCode', payload.userCode) : undefined,
    grantId: payload.grantId,
    accountId: payload.accountId,
    clientId: payload.clientId,
    expiresAt,
  };
  const key = oauthKey(kind, id);
  await upsertRacing(() => OAuthRecordModel.updateOne({ key }, { $set: fields }, { upsert: true }));
}

async function withConsumption(record: { key: string; payload: string } | null, id?: string): Promise<OAuthPayload | undefined> {
  if (!record) return undefined;
  const payload = JSON.parse(record.payload) as OAuthPayload;
  if (id !== undefined) payload.jti = id;
  const consumption = await OAuthConsumptionModel.findOne({ key: record.key }).lean();
  if (consumption) payload.consumed = Math.floor(consumption.consumedAt.getTime() / 1000);
  return payload;
}

export async function findOAuthRecord(kind: string, id: string, now = new Date()): Promise<OAuthPayload | undefined> {
  return withConsumption(await OAuthRecordModel.findOne({ key: oauthKey(kind, id), expiresAt: { $gt: now } }).lean(), id);
}

export async function findOAuthRecordByUid(kind: string, uid: string, now = new Date()): Promise<OAuthPayload | undefined> {
  return withConsumption(await OAuthRecordModel.findOne({ kind, uidHash: digest(kind, 'uid', uid), expiresAt: { $gt: now } }).lean());
}

export async function findOAuthRecordByUserCode(kind: string, userCode: string, now = new Date()): Promise<OAuthPayload | undefined> {
  return withConsumption(await OAuthRecordModel.findOne({ kind, userCodeHash: digest(kind, 'userCode', userCode), expiresAt: { $gt: now } }).lean());
}

/**
 * Marks a record used, once: false when it already was (a second token request with the same
 * authorization code loses here, even when both read it as unused a moment before).
 */
export async function consumeOAuthRecord(kind: string, id: string, now = new Date()): Promise<boolean> {
  const key = oauthKey(kind, id);
  const record = await OAuthRecordModel.findOne({ key }).select({ expiresAt: 1 }).lean();
  return insertOnce(OAuthConsumptionModel, { key, consumedAt: now, expiresAt: record?.expiresAt ?? new Date(now.getTime() + DEFAULT_LIFETIME_MS) });
}

let revocations = 0;

/** Counts this process's revocations, so a cache of token look-ups (linking) can drop what it learnt before one. */
export function oauthRevocationCount(): number {
  return revocations;
}

export async function destroyOAuthRecord(kind: string, id: string): Promise<void> {
  revocations++;
  await OAuthRecordModel.deleteOne({ key: oauthKey(kind, id) });
}

export async function revokeOAuthGrant(grantId: string): Promise<void> {
  revocations++;
  await OAuthRecordModel.deleteMany({ grantId });
}

export interface AccessTokenGrant {
  /** Null for a service token (client credentials grant): it acts for no customer. */
  customerId: Types.ObjectId | null;
  expiresAt: Date;
  clientId: string | null;
  /** The one resource the token was issued for (RFC 8707), or null for a token without one (Alexa account linking). */
  audience: string | null;
  scopes: string[];
}

/**
 * What an unexpired, unrevoked OAuth access token grants: whose it is, to which client, for which
 * resource; or null. A customer's token is looked up first (every tool call carries one), a service
 * token only when that misses.
 */
export async function accessTokenGrant(token: string, now = new Date()): Promise<AccessTokenGrant | null> {
  const record = await OAuthRecordModel.findOne({ key: oauthKey('AccessToken', token), expiresAt: { $gt: now } }).lean();
  if (!record) return serviceTokenGrant(token, now);
  if (!record.accountId || !Types.ObjectId.isValid(record.accountId)) return null;
  // A token outlives nothing it was granted under: a revoked grant's tokens are deleted with it.
  if (record.grantId && !(await OAuthRecordModel.exists({ key: oauthKey('Grant', record.grantId), expiresAt: { $gt: now } }))) return null;
  return { customerId: new Types.ObjectId(record.accountId), ...grantOf(record) };
}

/** The client, audience and scopes a stored token names. */
function grantOf(record: { payload: string; expiresAt: Date; clientId?: string | null }): Omit<AccessTokenGrant, 'customerId'> {
  const payload = JSON.parse(record.payload) as { aud?: unknown; scope?: unknown };
  return {
    expiresAt: record.expiresAt,
    clientId: record.clientId ?? null,
    audience: typeof payload.aud === 'string' ? payload.aud : null,
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
  };
}

async function serviceTokenGrant(token: string, now: Date): Promise<AccessTokenGrant | null> {
  const record = await OAuthRecordModel.findOne({ key: oauthKey('ClientCredentials', token), expiresAt: { $gt: now } }).lean();
  return record ? { customerId: null, ...grantOf(record) } : null;
}

/**
 * The customer an Alexa account-linking token was issued for, and until when; or null. A token issued
 * for one of the assistants' resources (it has an audience) is not an account-linking token.
 */
export async function customerForAccessToken(token: string, now = new Date()): Promise<{ customerId: Types.ObjectId; expiresAt: Date } | null> {
  const grant = await accessTokenGrant(token, now);
  return grant?.customerId && grant.audience === null ? { customerId: grant.customerId, expiresAt: grant.expiresAt } : null;
}
