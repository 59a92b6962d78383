import type { Types } from 'mongoose';
import { CAMPAIGN_CHANNELS, EMAIL_CHANNEL, sendInstantFor } from '../../core/campaign';
import { consentAllows, EVERY_CHANNEL } from '../../core/consent';
import { daysFrom, MAX_REPORT_DAYS } from '../../core/insights';
import {
  campaignSendCounts,
  customerForAudience,
  customersInterestedIn,
  findCampaign,
  findShortLink,
  hasAbandonedCart,
  identityOn,
  insertCampaign,
  insertShortLink,
  markCampaignQueued,
  markCampaignStarting,
  marketingOptInCandidates,
  purchaseHistory,
  randomCode,
  recentCampaigns,
  recordClick,
  setCampaignStatus,
  shortLinkCodeOf,
  skusInCategory,
  type CampaignAudience,
  type CampaignRecord,
  type CampaignStatus,
} from '../../store/campaign-store';
import { consentFactsFor, newestConsentOf, recordConsentOnce } from '../../store/consent-store';
import { giveBackLease, renewLease, takeLease } from '../../store/lease';
import { enqueueJob } from '../../store/outbox-store';
import { takeRateSlot } from '../../store/rate-store';
import { campaignFigures, type CampaignFigures } from '../insights';

export const CAMPAIGN_JOB_KIND = 'campaign';
export { CAMPAIGN_CHANNELS };

export type NewCampaign = Omit<CampaignRecord, 'campaignId' | 'status' | 'createdAt'>;

/** What the outbox job of one customer's send carries: names only, the wording is read when it goes. */
export interface CampaignJobPayload {
  campaignId: string;
  customerId: string;
  channel: string;
  /** The recipient's own short link, when the campaign has a target or goes by e-mail (its unsubscribe address). */
  linkCode?: string;
  /** A test send to a staff number: no customer, caps or record; the outbound policy still decides (country, a STOP). */
  testAddress?: string;
}

export async function createCampaign(input: NewCampaign): Promise<CampaignRecord> {
  const campaign: CampaignRecord = { ...input, campaignId: randomCode(), status: 'draft' };
  await insertCampaign(campaign);
  return campaign;
}

export { findCampaign, recentCampaigns };

interface AudienceMember {
  customerId: Types.ObjectId;
  channel: string;
  timeZone: string;
}

/**
 * The campaign's audience: customers whose newest marketing decision on a channel is an opt-in there,
 * narrowed by the filters, each once, on the first of the campaign's channels that qualifies. Read
 * when previewing and starting (an admin action), never on a turn; the send checks consent again.
 * What the filters need is read once per campaign (a category's skus, the interested customers, by
 * equality on indexes) or once per candidate (the customer, their order summary).
 */
async function audienceOf(campaign: CampaignRecord): Promise<AudienceMember[]> {
  const filters = campaign.audience ?? {};
  const matches = await audienceFilter(filters);
  const members = new Map<string, AudienceMember>();
  for (const channel of campaign.channels) {
    for (const customerId of await marketingOptInCandidates(channel)) {
      if (members.has(String(customerId))) continue;
      if (matches.interested && !matches.interested.has(String(customerId))) continue;
      if (!consentAllows(await consentFactsFor(customerId, channel), channel, 'marketing')) continue;
      const customer = await customerForAudience(customerId);
      if (!customer || (filters.locale && customer.locale !== filters.locale)) continue;
      const reachable = channel === EMAIL_CHANNEL ? !!customer.email : await identityOn(customerId, channel);
      if (!reachable) continue;
      if (!(await matches.purchases(customerId))) continue;
      if (filters.cartAbandoners && !(await hasAbandonedCart(customerId))) continue;
      members.set(String(customerId), { customerId, channel, timeZone: customer.timeZone ?? 'UTC' });
    }
  }
  return [...members.values()];
}

const DAY_MS = 24 * 60 * 60_000;

/** The filters on interests and purchases, with what they need read once for the whole campaign. */
async function audienceFilter(filters: CampaignAudience): Promise<{ interested: Set<string> | null; purchases(customerId: Types.ObjectId): Promise<boolean> }> {
  const interested = filters.interests?.length ? await customersInterestedIn(filters.interests) : null;
  const categorySkus = filters.boughtCategory ? await skusInCategory(filters.boughtCategory) : null;
  // The day itself counts for neither: before 06-01 ends at 06-01 00:00 UTC, after 06-01 starts at 06-02 00:00 UTC.
  const before = filters.lastOrderBefore ? Date.parse(`${filters.lastOrderBefore}T00:00:00Z`) : null;
  const after = filters.lastOrderAfter ? Date.parse(`${filters.lastOrderAfter}T00:00:00Z`) + DAY_MS : null;
  const asksPurchases = !!filters.boughtSku || categorySkus !== null || before !== null || after !== null;
  return {
    interested,
    async purchases(customerId) {
      if (!asksPurchases) return true;
      const history = await purchaseHistory(customerId);
      if (filters.boughtSku && !(await history.boughtAny([filters.boughtSku]))) return false;
      if (categorySkus && !(await history.boughtAny(categorySkus))) return false;
      if (before === null && after === null) return true;
      const last = (await history.lastOrderAt())?.getTime();
      return last !== undefined && (before === null || last < before) && (after === null || last >= after);
    },
  };
}

/** How many customers the campaign would reach on each channel now. */
export async function previewCampaign(campaignId: string): Promise<Record<string, number> | null> {
  const campaign = await findCampaign(campaignId);
  if (!campaign) return null;
  const counts: Record<string, number> = Object.fromEntries(campaign.channels.map((channel) => [channel, 0]));
  for (const member of await audienceOf(campaign)) counts[member.channel]! += 1;
  return counts;
}

export function campaignJobKey(campaignId: string, customerId: Types.ObjectId | string): string {
  return `campaign:${campaignId}:${String(customerId)}`;
}

export type CampaignChange = { ok: true; campaign: CampaignRecord; queued?: number } | { ok: false; code: 'NOT_FOUND' | 'INVALID_STATUS_CHANGE' };

/** A draft, or a running campaign whose Start was cut off before every job was queued (a crash, a restart). */
export function canStart(campaign: Pick<CampaignRecord, 'status' | 'queuedAt'>): boolean {
  // A Start under way stores `queuedAt: null` until it is done; a campaign an earlier release started has no field at all and is done.
  return campaign.status === 'draft' || (campaign.status === 'running' && campaign.queuedAt === null);
}

/** How long one Start may be queueing before another may take over from it (the first process died). */
const START_LEASE_MS = 10 * 60_000;
/** A Start still queueing keeps its lease this often: a large audience (minutes on the embedded database) is never taken over while alive. */
const START_LEASE_RENEW_MS = START_LEASE_MS / 4;

/**
 * Starts a draft: one outbox job per audience member (keyed by campaign and customer, so once each),
 * due at the campaign's local time in that customer's time zone (now, if that has passed). Consent,
 * quiet hours, the weekly cap and the channel's rate are decided when each job is sent.
 *
 * Safe to repeat: one Start at a time queues (a lease per campaign; a second click meanwhile is
 * refused), and a Start cut off half way (a proxy timeout does not stop it, a crash does) leaves the
 * campaign running with `queuedAt: null`, so Start may be asked again and carries on: jobs already queued
 * are kept (their keys), and each customer's short link is made once and reused.
 */
export async function startCampaign(campaignId: string, now: Date): Promise<CampaignChange> {
  const found = await findCampaign(campaignId);
  if (!found) return { ok: false, code: 'NOT_FOUND' };
  if (!canStart(found)) return { ok: false, code: 'INVALID_STATUS_CHANGE' };
  const lease = `campaign-start:${campaignId}`;
  const owner = randomCode(6);
  if (!(await takeLease(lease, owner, now, START_LEASE_MS))) return { ok: false, code: 'INVALID_STATUS_CHANGE' };
  try {
    // Read again under the lease: a Start that finished, or a cancel, since the first read leaves nothing to do.
    const campaign = await findCampaign(campaignId);
    if (!campaign || !canStart(campaign)) return { ok: false, code: 'INVALID_STATUS_CHANGE' };
    if (campaign.status === 'draft') await markCampaignStarting(campaignId);
    let queued = 0;
    // The caller's clock moved on by the time spent here, so a lease taken at `now` is renewed on the same clock.
    const startedAt = Date.now();
    const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
    let renewedAt = now.getTime();
    for (const member of await audienceOf(campaign)) {
      const at = clock();
      if (at.getTime() - renewedAt >= START_LEASE_RENEW_MS) {
        // Lost (this process stalled past the lease): the Start that took over queues the rest.
        if (!(await renewLease(lease, owner, at, START_LEASE_MS))) return { ok: false, code: 'INVALID_STATUS_CHANGE' };
        renewedAt = at.getTime();
      }
      const due = sendInstantFor({ date: campaign.sendDate, time: campaign.sendTime }, member.timeZone);
      const linkCode = campaign.linkTarget || member.channel === EMAIL_CHANNEL ? await shortLinkFor(campaign, member.channel, member.customerId) : undefined;
      const payload: CampaignJobPayload = { campaignId, customerId: String(member.customerId), channel: member.channel, linkCode };
      if (await enqueueJob({ jobKey: campaignJobKey(campaignId, member.customerId), kind: CAMPAIGN_JOB_KIND, customerId: member.customerId, payload }, due > now ? due : now)) queued++;
    }
    await markCampaignQueued(campaignId, now);
    return { ok: true, campaign: { ...campaign, status: 'running', queuedAt: now }, queued };
  } finally {
    await giveBackLease(lease, owner, now);
  }
}

/** The customer's short link for the campaign: the one a cut-off Start already made, or a new one. */
async function shortLinkFor(campaign: CampaignRecord, medium: string, customerId: Types.ObjectId): Promise<string> {
  const made = await shortLinkCodeOf(campaign.campaignId, customerId);
  if (made) return made;
  const code = randomCode(9);
  await insertShortLink({ code, campaignId: campaign.campaignId, customerId, target: campaign.linkTarget ?? undefined, medium });
  return code;
}

const TRANSITIONS: Record<'pause' | 'resume' | 'cancel', { from: CampaignStatus[]; to: CampaignStatus }> = {
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'running', 'paused'], to: 'cancelled' },
};

/** Pause, resume or cancel: the jobs already queued read the status when they are due (paused ones wait, cancelled ones are withheld). */
export async function changeCampaign(campaignId: string, action: keyof typeof TRANSITIONS): Promise<CampaignChange> {
  const campaign = await findCampaign(campaignId);
  if (!campaign) return { ok: false, code: 'NOT_FOUND' };
  const { from, to } = TRANSITIONS[action];
  if (!from.includes(campaign.status)) return { ok: false, code: 'INVALID_STATUS_CHANGE' };
  await setCampaignStatus(campaignId, to);
  return { ok: true, campaign: { ...campaign, status: to } };
}

/** Test sends one campaign may queue per clock hour: enough to check the wording, too few to bill anyone's premium number. */
export const TEST_SENDS_PER_CAMPAIGN_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

export type TestSendOutcome = { ok: true } | { ok: false; code: 'NOT_FOUND' | 'CAMPAIGN_TEST_THROTTLED' };

/**
 * A test send to a staff number by SMS, now: the same wording, no customer, caps or record. At most
 * TEST_SENDS_PER_CAMPAIGN_PER_HOUR per campaign; the sender asks the outbound policy before it goes
 * (the number's country, a STOP from it), as for every message nobody asked for.
 */
export async function testSendCampaign(campaignId: string, staffNumber: string, now: Date): Promise<TestSendOutcome> {
  const campaign = await findCampaign(campaignId);
  if (!campaign) return { ok: false, code: 'NOT_FOUND' };
  if (!(await takeRateSlot(`campaign-test:${campaignId}`, TEST_SENDS_PER_CAMPAIGN_PER_HOUR, HOUR_MS, now))) return { ok: false, code: 'CAMPAIGN_TEST_THROTTLED' };
  const payload: CampaignJobPayload = { campaignId, customerId: '', channel: 'sms', testAddress: staffNumber };
  await enqueueJob({ jobKey: `campaign-test:${campaignId}:${randomCode(6)}`, kind: CAMPAIGN_JOB_KIND, payload }, now);
  return { ok: true };
}

/** Whether a short link exists and names a recipient (its opt-out pages are for someone). */
export async function isRecipientLink(code: string): Promise<boolean> {
  return !!(await findShortLink(code))?.customerId;
}

/** Where a short link goes, with the campaign's UTM parameters (the source names the shop), after recording the click; null for an unknown code or one without a target. */
export async function followShortLink(code: string, now: Date, source: string, options: { recordClick: boolean } = { recordClick: true }): Promise<string | null> {
  const link = await findShortLink(code);
  if (!link?.target) return null;
  if (options.recordClick) await recordClick({ code, campaignId: link.campaignId, customerId: link.customerId, at: now });
  const target = new URL(link.target);
  target.searchParams.set('utm_source', source);
  target.searchParams.set('utm_medium', link.medium);
  target.searchParams.set('utm_campaign', link.campaignId);
  return target.toString();
}

/**
 * The one-tap opt-out behind a campaign link (SMS `/stop`, e-mail `/unsubscribe`): marketing off on
 * every channel, with the campaign as its source. Idempotent: a customer whose newest marketing
 * decision is already an opt-out everywhere gets no second record, and two opens at once claim the
 * same record (keyed by the link and the decision it follows). False for an unknown code.
 */
export async function optOutByLink(code: string, now: Date): Promise<boolean> {
  const link = await findShortLink(code);
  if (!link?.customerId) return false;
  const newest = await newestConsentOf(link.customerId, 'marketing');
  if (newest && !newest.granted && newest.channel === EVERY_CHANNEL) return true;
  await recordConsentOnce(
    { customerId: link.customerId, channel: EVERY_CHANNEL, purpose: 'marketing', granted: false, kind: 'link', campaignId: link.campaignId, source: `opt-out link of campaign ${link.campaignId}`, wording: 'Stop marketing messages (one-tap opt-out link)', sourceChannel: link.medium },
    `opt-out-link:${code}:${newest ? String(newest._id) : 'first'}`,
    now,
  );
  return true;
}

/**
 * The campaign's figures: sends per channel, and from the insight aggregates (as the dashboard shows
 * them) its clicks and the orders credited to it (placed within 7 days after that customer's latest
 * click, each credited once: see `services/insights`) with their revenue per currency, over the days
 * from the day before its send date to `now`, the newest `MAX_REPORT_DAYS` of them.
 */
export async function campaignReport(campaignId: string, now = new Date()): Promise<({ sends: Record<string, number> } & CampaignFigures) | null> {
  const campaign = await findCampaign(campaignId);
  if (!campaign) return null;
  // Clicks and orders come after the sends (from the day before the send date: time zones east of UTC send it then); the newest 92 days of that.
  const dayMs = 24 * 60 * 60_000;
  const firstDay = Math.max(Date.parse(`${campaign.sendDate}T00:00:00Z`) - dayMs, now.getTime() - (MAX_REPORT_DAYS - 1) * dayMs);
  const days = daysFrom(new Date(firstDay), now);
  return { sends: await campaignSendCounts(campaignId), ...(await campaignFigures(campaignId, days)) };
}
