import { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { AppError } from '../../core/errors';
import { formatLinkCode, hashLinkCodeSecret, LINK_CODE_GUESSES_PER_HOUR, LINK_CODE_LIFETIME_MS, LINK_CODE_MAX_ATTEMPTS, linkCodeSecretMatches, newLinkCodeParts, parseLinkCode, type LinkCodeParts } from '../../core/link-code';
import { copyConsents, claimMerge, currentCustomerId, finishMerge, isEstablishedCustomer, mergeCarts, mergeProfiles, moveCustomerRows, markMerged, scrubMergedSource, unfinishedMerges } from '../../store/customer-merge-store';
import { claimIdentity, customerIdForIdentity, existingCustomerIdForIdentity } from '../../store/customer-store';
import { findLinkCodeByLocator, findPendingLink, insertLinkCode, pendingLinkFor, recordRedemption, settlePendingLink, takeLinkCodeAttempt, type LinkCodeRecord, type PendingLink } from '../../store/link-code-store';
import { customerForAccessToken, oauthKey, oauthRevocationCount } from '../../store/oauth-store';
import { enqueueJob } from '../../store/outbox-store';
import { takeRateSlot } from '../../store/rate-store';

/**
 * One customer on every channel. A link code issued to customer A is redeemed by the channel user of
 * customer B. Who stays is decided by what each side holds, never by who asked: a customer with saved
 * details, a voice code or orders ("established") is never folded into one without ("anonymous" or
 * newer), whoever issued the code, because a code can be sent to anybody ("text my link code to
 * <number>") and typed by its unsuspecting owner. When an established customer is involved, nothing
 * happens until that customer says yes on their own channel: at once, when they are the one typing
 * the code; otherwise the next time they say "link my account" there. Between two customers without
 * anything to take, the issuer stays at once, as before. Alexa account linking lands here as well: the
 * customer behind the access token stays, and the Alexa user's own customer is folded into it.
 */

const MAX_LOCATOR_TRIES = 20;
const MERGE_GRACE_MS = 60_000;
const HOUR_MS = 60 * 60_000;

export interface IssuedLinkCode {
  /** Shown or said once and never stored: "4821 9073 1640". */
  code: string;
  codeId: Types.ObjectId;
  expiresAt: Date;
}

/**
 * A new code for the customer; their previous one stops working. Refused with LINK_CODE_UNAVAILABLE
 * (never INTERNAL) when no free locator turns up, which a million locators and one live code per
 * customer make a matter of an overloaded shop, not of one customer's doing.
 */
export async function issueLinkCode(customerId: Types.ObjectId, issuedOn: Channel, pepper: string, now = new Date(), newParts: () => LinkCodeParts = newLinkCodeParts): Promise<IssuedLinkCode> {
  const issuer = await currentCustomerId(customerId);
  const expiresAt = new Date(now.getTime() + LINK_CODE_LIFETIME_MS);
  for (let attempt = 0; attempt < MAX_LOCATOR_TRIES; attempt++) {
    const parts = newParts();
    const codeId = new Types.ObjectId();
    const stored = await insertLinkCode({ _id: codeId, locator: parts.locator, secretHash: hashLinkCodeSecret(codeId.toHexString(), parts.secret, pepper), customerId: issuer, issuedOn, createdAt: now, expiresAt });
    if (stored) return { code: formatLinkCode(parts), codeId, expiresAt };
  }
  throw new AppError('LINK_CODE_UNAVAILABLE', `no free link-code locator after ${MAX_LOCATOR_TRIES} tries`);
}

export type LinkCodeRefusal = 'malformed' | 'wrong' | 'expired' | 'used' | 'locked' | 'throttled';

export type RedeemOutcome =
  | { ok: true; customerId: Types.ObjectId; alreadyLinked: boolean }
  /** The redeemer is the established side: ask them now, here. */
  | { ok: 'confirm-here'; codeId: Types.ObjectId; otherChannel: Channel }
  /** The issuer is the established side: they confirm on the channel where they asked for the code. */
  | { ok: 'confirm-there'; confirmOn: Channel }
  | { ok: false; reason: LinkCodeRefusal };

/**
 * Who is guessing: the redeeming customer (when known) and the source address. Each has a few
 * guesses an hour, taken before the code is even looked up, so a sweep is slowed at its source and
 * can never use up another customer's code on its own.
 */
export interface Guesser {
  customerId?: Types.ObjectId;
  /** The channel identity ("sms:+1415...") or, where identities are free (web chat, sign-in page), the IP address. */
  sourceAddress: string;
}

async function mayGuess(guesser: Guesser, now: Date): Promise<boolean> {
  const counted = [`link-guess:source:${guesser.sourceAddress}`, ...(guesser.customerId ? [`link-guess:customer:${guesser.customerId.toHexString()}`] : [])];
  for (const key of counted) if (!(await takeRateSlot(key, LINK_CODE_GUESSES_PER_HOUR, HOUR_MS, now))) return false;
  return true;
}

type UsedCode = { ok: true; issuer: Types.ObjectId; code: LinkCodeRecord } | { ok: false; reason: LinkCodeRefusal };

/**
 * Checks a code and records its one use. Refused when malformed, throttled, unknown, expired, already
 * used or locked (five guesses per code, each taken before the guess is checked, so parallel guesses
 * cannot exceed five). Two redemptions of one code at once: one unique insert wins. `awaiting` decides,
 * from the code's customer (or the one that customer was since merged into), whether the use waits
 * for a confirmation.
 */
async function useLinkCode(
  input: string,
  redeemedBy: Types.ObjectId | null,
  channel: Channel,
  guesser: Guesser,
  pepper: string,
  now: Date,
  awaiting: (issuer: Types.ObjectId, code: LinkCodeRecord) => Promise<Parameters<typeof recordRedemption>[4]> = async () => undefined,
): Promise<UsedCode> {
  const parts = parseLinkCode(input);
  if (!parts) return { ok: false, reason: 'malformed' };
  if (!(await mayGuess(guesser, now))) return { ok: false, reason: 'throttled' };
  const code = await findLinkCodeByLocator(parts.locator);
  if (!code) return { ok: false, reason: 'wrong' };
  if (code.expiresAt <= now) return { ok: false, reason: 'expired' };
  const slot = await takeLinkCodeAttempt(code, LINK_CODE_MAX_ATTEMPTS, now);
  if (slot === null) return { ok: false, reason: 'locked' };
  if (!linkCodeSecretMatches(code._id.toHexString(), parts.secret, code.secretHash, pepper)) {
    return { ok: false, reason: slot + 1 >= LINK_CODE_MAX_ATTEMPTS ? 'locked' : 'wrong' };
  }
  const issuer = await currentCustomerId(code.customerId);
  const redemption = await recordRedemption(code, redeemedBy ?? issuer, channel, now, await awaiting(issuer, code));
  if (!redemption.won) return { ok: false, reason: 'used' };
  return { ok: true, issuer, code };
}

/**
 * Which side stays and whether that side must confirm first. The established side stays; of two
 * established customers, the older one (so nothing moves into a newer account); of two anonymous
 * ones, the issuer, at once.
 */
async function linkPlan(issuer: Types.ObjectId, redeemer: Types.ObjectId): Promise<{ survivor: 'issuer' | 'redeemer'; confirm: boolean }> {
  const [issuerSide, redeemerSide] = await Promise.all([isEstablishedCustomer(issuer), isEstablishedCustomer(redeemer)]);
  if (!issuerSide.established && !redeemerSide.established) return { survivor: 'issuer', confirm: false };
  if (issuerSide.established && redeemerSide.established) return { survivor: redeemerSide.createdAt < issuerSide.createdAt ? 'redeemer' : 'issuer', confirm: true };
  return { survivor: issuerSide.established ? 'issuer' : 'redeemer', confirm: true };
}

/** A channel user redeems a code: joined at once, or waiting for the established side's yes (see above). */
export async function redeemLinkCode(input: string, redeemer: Types.ObjectId, channel: Channel, pepper: string, now = new Date(), sourceAddress?: string): Promise<RedeemOutcome> {
  const source = await currentCustomerId(redeemer);
  let plan: Awaited<ReturnType<typeof linkPlan>> | null = null;
  const used = await useLinkCode(input, source, channel, { customerId: source, sourceAddress: sourceAddress ?? `customer:${source.toHexString()}` }, pepper, now, async (issuer, code) => {
    if (issuer.equals(source)) return undefined;
    plan = await linkPlan(issuer, source);
    if (!plan.confirm) return undefined;
    const redeemerStays = plan.survivor === 'redeemer';
    return { survivorId: redeemerStays ? source : issuer, sourceId: redeemerStays ? issuer : source, otherChannel: redeemerStays ? code.issuedOn : channel, confirmBy: new Date(now.getTime() + LINK_CODE_LIFETIME_MS) };
  });
  if (!used.ok) return used;
  if (used.issuer.equals(source)) return { ok: true, customerId: source, alreadyLinked: true };
  const decided = plan as Awaited<ReturnType<typeof linkPlan>> | null;
  if (decided?.confirm) return decided.survivor === 'redeemer' ? { ok: 'confirm-here', codeId: used.code._id, otherChannel: used.code.issuedOn } : { ok: 'confirm-there', confirmOn: used.code.issuedOn };
  return { ok: true, customerId: await mergeCustomers(source, used.issuer, `link-code:${channel}`, now), alreadyLinked: false };
}

/** A join waiting for this customer's yes, to ask about when they say "link my account". */
export function pendingLinkConfirmation(customerId: Types.ObjectId, now = new Date()): Promise<PendingLink | null> {
  return currentCustomerId(customerId).then((current) => pendingLinkFor(current, now));
}

export type ConfirmOutcome = { ok: true; customerId: Types.ObjectId } | { ok: false; reason: 'declined' | 'expired' };

/**
 * The established customer's answer, given on their own channel (the caller is that channel's
 * customer): yes folds the other side into them; no, or a late answer, leaves both as they were.
 */
export async function answerLinkConfirmation(codeId: Types.ObjectId, confirmer: Types.ObjectId, yes: boolean, now = new Date()): Promise<ConfirmOutcome> {
  const pending = await findPendingLink(codeId);
  const current = await currentCustomerId(confirmer);
  if (!pending?.awaitingConfirmation || !(await currentCustomerId(pending.survivorId)).equals(current) || pending.confirmBy <= now) return { ok: false, reason: 'expired' };
  await settlePendingLink(codeId, yes, now);
  if (!yes) return { ok: false, reason: 'declined' };
  return { ok: true, customerId: await mergeCustomers(pending.sourceId, current, 'link-code-confirmed', now) };
}

/**
 * The account-linking sign-in page: a code from chat proves who is signing in, and is used up. The
 * platform user (Alexa's) is joined to that customer when its first request with the token arrives.
 * Guesses are limited per source address (the browser's IP).
 */
export async function signInWithLinkCode(input: string, platform: Channel, pepper: string, now = new Date(), sourceAddress = 'sign-in'): Promise<{ ok: true; customerId: Types.ObjectId } | { ok: false; reason: LinkCodeRefusal }> {
  const used = await useLinkCode(input, null, platform, { sourceAddress: `ip:${sourceAddress}` }, pepper, now);
  return used.ok ? { ok: true, customerId: used.issuer } : used;
}

/**
 * Folds `source` into `target`: identities, orders, sessions, queued messages and stock alerts move;
 * carts are combined; consent history is copied; profile gaps are filled, and the source is then
 * scrubbed of personal details. The merge record is written first, so
 * an interrupted merge is finished by running this again (or by maintenance). Returns the customer
 * that stays (the first target claimed for this source, if another merge got there first).
 */
export async function mergeCustomers(source: Types.ObjectId, target: Types.ObjectId, reason: string, now = new Date()): Promise<Types.ObjectId> {
  if (source.equals(target)) return target;
  const claimedTarget = await claimMerge(source, target, reason, now);
  await markMerged(source, claimedTarget);
  await moveCustomerRows(source, claimedTarget);
  await copyConsents(source, claimedTarget);
  // Before the carts: merging them moves the kept cart's revision on, which voids a read-back taken
  // before it, so no read-back can bind to the new revision with the looser limits of before.
  await mergeProfiles(source, claimedTarget);
  await mergeCarts(source, claimedTarget, now);
  await scrubMergedSource(source);
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

/** How long a token already linked to its platform user is trusted without asking the database again. */
const LINKED_TOKEN_TRUST_MS = 60_000;
const LINKED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Tokens already seen linked to their platform user, by the token's hash: Alexa sends the token with
 * every request, and re-resolving it would cost every turn several round trips. An entry ends with
 * the trust period, the token's expiry, or any revocation in this process; another process's
 * revocation is noticed within the trust period (the token endpoint revokes on a reused code).
 */
const linkedTokens = new Map<string, { until: number; revocations: number }>();

function rememberLinkedToken(key: string, until: number): void {
  if (linkedTokens.size >= LINKED_TOKEN_CACHE_SIZE) linkedTokens.delete(linkedTokens.keys().next().value!);
  linkedTokens.set(key, { until, revocations: oauthRevocationCount() });
}

function linkedTokenKnown(key: string, now: Date): boolean {
  const entry = linkedTokens.get(key);
  if (entry && entry.until > now.getTime() && entry.revocations === oauthRevocationCount()) return true;
  linkedTokens.delete(key);
  return false;
}

/**
 * Alexa account linking: resolves the access token Alexa sends with every request and makes the
 * Alexa user that customer (folding the Alexa user's own customer into it the first time). False when
 * the token is unknown, expired or revoked.
 */
export async function linkByAccessToken(channel: Channel, externalId: string, accessToken: string, locale: string, now = new Date()): Promise<boolean> {
  const cacheKey = `${channel}:${externalId}:${oauthKey('AccessToken', accessToken)}`;
  if (linkedTokenKnown(cacheKey, now)) return true;
  const token = await customerForAccessToken(accessToken, now);
  if (!token) return false;
  const trustedUntil = Math.min(now.getTime() + LINKED_TOKEN_TRUST_MS, token.expiresAt.getTime());
  const target = await currentCustomerId(token.customerId);
  const known = await existingCustomerIdForIdentity(channel, externalId);
  // A platform user never seen before simply becomes the linked customer (no throwaway customer to fold in).
  if (!known && (await claimIdentity(channel, externalId, target))) {
    rememberLinkedToken(cacheKey, trustedUntil);
    return true;
  }
  const source = await currentCustomerId(known ?? (await customerIdForIdentity(channel, externalId, locale)));
  if (!source.equals(target)) await mergeCustomers(source, target, `${channel}-account-linking`, now);
  rememberLinkedToken(cacheKey, trustedUntil);
  return true;
}

/**
 * Queues a link code by SMS to a number the customer gave; the job key makes it one message per code.
 * The number never wrote to us, so the job is marked unsolicited: the outbound policy applies its
 * caps and checks consent and country when it is sent (notify/send-policy).
 */
export async function queueLinkCodeSms(customerId: Types.ObjectId, codeId: Types.ObjectId, to: string, body: string, now = new Date()): Promise<void> {
  await enqueueJob({ jobKey: `link-code:${codeId.toHexString()}`, kind: 'sms', customerId, requestedBy: customerId, payload: { to, bodies: [body] } }, now);
}
