import { Types } from 'mongoose';
import type { Channel } from '../../models';
import { formatLinkCode, hashLinkCodeSecret, LINK_CODE_LIFETIME_MS, LINK_CODE_MAX_ATTEMPTS, linkCodeSecretMatches, newLinkCodeParts, parseLinkCode } from '../core/link-code';
import { copyConsents, claimMerge, currentCustomerId, finishMerge, mergeCarts, mergeProfiles, moveCustomerRows, markMerged, unfinishedMerges } from '../store/customer-merge-store';
import { claimIdentity, customerIdForIdentity, existingCustomerIdForIdentity } from '../store/customer-store';
import { findLinkCodeByLocator, insertLinkCode, recordRedemption, takeLinkCodeAttempt } from '../store/link-code-store';
import { customerIdForAccessToken } from '../store/oauth-store';
import { enqueueJob } from '../store/outbox-store';

/**
 * One customer on every channel. A link code issued to customer A and redeemed by the channel user
 * of customer B folds B into A: the code's issuer is the customer that stays. (The issuer asked for
 * the code on a channel they already use; the redeemer proves, by knowing the code, that the new
 * channel is theirs too.) Alexa account linking lands here as well: the customer behind the access
 * token stays, and the Alexa user's own customer is folded into it.
 */

const MAX_LOCATOR_TRIES = 20;
const MERGE_GRACE_MS = 60_000;

export interface IssuedLinkCode {
  /** Shown or said once and never stored: "4821 907316". */
  code: string;
  codeId: Types.ObjectId;
  expiresAt: Date;
}

export async function issueLinkCode(customerId: Types.ObjectId, issuedOn: Channel, pepper: string, now = new Date()): Promise<IssuedLinkCode> {
  const issuer = await currentCustomerId(customerId);
  const expiresAt = new Date(now.getTime() + LINK_CODE_LIFETIME_MS);
  for (let attempt = 0; attempt < MAX_LOCATOR_TRIES; attempt++) {
    const parts = newLinkCodeParts();
    const codeId = new Types.ObjectId();
    const stored = await insertLinkCode({ _id: codeId, locator: parts.locator, secretHash: hashLinkCodeSecret(codeId.toHexString(), parts.secret, pepper), customerId: issuer, issuedOn, createdAt: now, expiresAt });
    if (stored) return { code: formatLinkCode(parts), codeId, expiresAt };
  }
  throw new Error(`no free link-code locator after ${MAX_LOCATOR_TRIES} tries`);
}

export type LinkCodeRefusal = 'malformed' | 'wrong' | 'expired' | 'used' | 'locked';

export type RedeemOutcome = { ok: true; customerId: Types.ObjectId; alreadyLinked: boolean } | { ok: false; reason: LinkCodeRefusal };

/**
 * Checks a code and records its one use. Refused when malformed, unknown, expired, already used or
 * locked (five guesses per code, each taken before the guess is checked, so parallel guesses cannot
 * exceed five). Two redemptions of one code at once: one unique insert wins. Returns the customer
 * the code was issued to (or the one that customer was since merged into).
 */
async function useLinkCode(input: string, redeemedBy: Types.ObjectId | null, channel: Channel, pepper: string, now: Date): Promise<{ ok: true; issuer: Types.ObjectId } | { ok: false; reason: LinkCodeRefusal }> {
  const parts = parseLinkCode(input);
  if (!parts) return { ok: false, reason: 'malformed' };
  const code = await findLinkCodeByLocator(parts.locator);
  if (!code) return { ok: false, reason: 'wrong' };
  if (code.expiresAt <= now) return { ok: false, reason: 'expired' };
  const slot = await takeLinkCodeAttempt(code, LINK_CODE_MAX_ATTEMPTS, now);
  if (slot === null) return { ok: false, reason: 'locked' };
  if (!linkCodeSecretMatches(code._id.toHexString(), parts.secret, code.secretHash, pepper)) {
    return { ok: false, reason: slot + 1 >= LINK_CODE_MAX_ATTEMPTS ? 'locked' : 'wrong' };
  }
  const issuer = await currentCustomerId(code.customerId);
  const redemption = await recordRedemption(code, redeemedBy ?? issuer, channel, now);
  if (!redemption.won) return { ok: false, reason: 'used' };
  return { ok: true, issuer };
}

/** A channel user redeems a code: their customer is folded into the code's customer. */
export async function redeemLinkCode(input: string, redeemer: Types.ObjectId, channel: Channel, pepper: string, now = new Date()): Promise<RedeemOutcome> {
  const source = await currentCustomerId(redeemer);
  const used = await useLinkCode(input, source, channel, pepper, now);
  if (!used.ok) return used;
  if (used.issuer.equals(source)) return { ok: true, customerId: source, alreadyLinked: true };
  return { ok: true, customerId: await mergeCustomers(source, used.issuer, `link-code:${channel}`, now), alreadyLinked: false };
}

/**
 * The account-linking sign-in page: a code from chat proves who is signing in, and is used up. The
 * platform user (Alexa's) is joined to that customer when its first request with the token arrives.
 */
export async function signInWithLinkCode(input: string, platform: Channel, pepper: string, now = new Date()): Promise<{ ok: true; customerId: Types.ObjectId } | { ok: false; reason: LinkCodeRefusal }> {
  const used = await useLinkCode(input, null, platform, pepper, now);
  return used.ok ? { ok: true, customerId: used.issuer } : used;
}

/**
 * Folds `source` into `target`: identities, orders, sessions and queued messages move; carts are
 * combined; consent history is copied; profile gaps are filled. The merge record is written first, so
 * an interrupted merge is finished by running this again (or by maintenance). Returns the customer
 * that stays (the first target claimed for this source, if another merge got there first).
 */
export async function mergeCustomers(source: Types.ObjectId, target: Types.ObjectId, reason: string, now = new Date()): Promise<Types.ObjectId> {
  if (source.equals(target)) return target;
  const claimedTarget = await claimMerge(source, target, reason, now);
  await markMerged(source, claimedTarget);
  await moveCustomerRows(source, claimedTarget);
  await mergeCarts(source, claimedTarget, now);
  await copyConsents(source, claimedTarget);
  await mergeProfiles(source, claimedTarget);
  await finishMerge(source, now);
  return currentCustomerId(claimedTarget);
}

/** Crash recovery: merges that were claimed but never completed are run again. */
export async function finishInterruptedMerges(now = new Date(), limit = 50): Promise<number> {
  // A merge started a moment ago is probably still running; only ones left behind are taken up.
  const pending = await unfinishedMerges(new Date(now.getTime() - MERGE_GRACE_MS), limit);
  for (const merge of pending) await mergeCustomers(merge.sourceCustomerId, merge.targetCustomerId, merge.reason, now);
  return pending.length;
}

/**
 * Alexa account linking: resolves the access token Alexa sends with every request and makes the
 * Alexa user that customer (folding the Alexa user's own customer into it the first time). False when
 * the token is unknown, expired or revoked.
 */
export async function linkByAccessToken(channel: Channel, externalId: string, accessToken: string, locale: string, now = new Date()): Promise<boolean> {
  const tokenCustomer = await customerIdForAccessToken(accessToken, now);
  if (!tokenCustomer) return false;
  const target = await currentCustomerId(tokenCustomer);
  const known = await existingCustomerIdForIdentity(channel, externalId);
  // A platform user never seen before simply becomes the linked customer (no throwaway customer to fold in).
  if (!known && (await claimIdentity(channel, externalId, target))) return true;
  const source = await currentCustomerId(known ?? (await customerIdForIdentity(channel, externalId, locale)));
  if (!source.equals(target)) await mergeCustomers(source, target, `${channel}-account-linking`, now);
  return true;
}

/** Queues a link code by SMS to a number the customer gave; the job key makes it one message per code. */
export async function queueLinkCodeSms(customerId: Types.ObjectId, codeId: Types.ObjectId, to: string, body: string, now = new Date()): Promise<void> {
  await enqueueJob({ jobKey: `link-code:${codeId.toHexString()}`, kind: 'sms', customerId, payload: { to, bodies: [body] } }, now);
}
