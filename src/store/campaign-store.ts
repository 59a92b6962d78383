import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { CampaignAttributionModel, CampaignModel, CampaignSendModel, CartModel, ChannelIdentityModel, ConsentRecordModel, CustomerModel, LinkClickModel, ORDER_SUMMARY_SIZE, OrderModel, ProductModel, ShortLinkModel } from '../../models';
import { EVERY_CHANNEL } from '../core/consent';
import { INSIGHT_METRICS, utcDay } from '../core/insights';
import type { OrderStatus } from '../core/order-rules';
import { insertOnce } from './insert-once';
import { countInsight } from './insight-store';
import { readOrderSummary } from './order-summary-store';

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'cancelled';

export interface CampaignRecord {
  campaignId: string;
  name: string;
  channels: string[];
  text: string;
  emailSubject?: string | null;
  whatsappTemplate?: string | null;
  linkTarget?: string | null;
  audience: CampaignAudience;
  sendDate: string;
  sendTime: string;
  status: CampaignStatus;
  /** When starting it finished queueing its audience (absent: not started, or interrupted while queueing). */
  queuedAt?: Date | null;
  /** Set by the model's timestamps when stored. */
  createdAt?: Date;
}

/** The filters that narrow a campaign's opted-in customers; each one given must hold. */
export interface CampaignAudience {
  locale?: string | null;
  boughtSku?: string | null;
  /** Bought any product of this category (as the products are filed now). */
  boughtCategory?: string | null;
  /** The customer's last order was placed before this UTC day (YYYY-MM-DD), or after it; the day itself counts for neither. */
  lastOrderBefore?: string | null;
  lastOrderAfter?: string | null;
  /** Tagged with any of these interests. */
  interests?: string[] | null;
  cartAbandoners?: boolean | null;
}

/** Orders that never went through, or were called off: not a purchase. */
const NOT_BOUGHT: OrderStatus[] = ['pending', 'failed', 'cancelled'];

/** Random bytes as base64url (96 bits by default): a campaign id or a short-link code nobody can guess or count through. */
export function randomCode(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

export async function insertCampaign(campaign: CampaignRecord): Promise<void> {
  await CampaignModel.create(campaign);
}

export async function findCampaign(campaignId: string): Promise<CampaignRecord | null> {
  return (await CampaignModel.findOne({ campaignId }).lean()) as CampaignRecord | null;
}

/** The newest campaigns, at most `limit` (the dashboard's list: an admin page, not a hot path; campaigns are few). */
export async function recentCampaigns(limit: number): Promise<CampaignRecord[]> {
  return (await CampaignModel.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean()) as CampaignRecord[];
}

export async function setCampaignStatus(campaignId: string, status: CampaignStatus): Promise<void> {
  await CampaignModel.updateOne({ campaignId }, { $set: { status } });
}

/** A draft's Start begins: running, with `queuedAt: null` (under way) until every audience member's job is queued. */
export async function markCampaignStarting(campaignId: string): Promise<void> {
  await CampaignModel.updateOne({ campaignId, status: 'draft' }, { $set: { status: 'running', queuedAt: null } });
}

/** Notes that every audience member's job is queued: Start is then done for good. */
export async function markCampaignQueued(campaignId: string, at: Date): Promise<void> {
  await CampaignModel.updateOne({ campaignId }, { $set: { queuedAt: at } });
}

/** Everyone who ever opted in to marketing on the channel (by equality on the audience index); each is then checked on their newest records. */
export async function marketingOptInCandidates(channel: string): Promise<Types.ObjectId[]> {
  const ids = await ConsentRecordModel.distinct('customerId', { purpose: 'marketing', granted: true, channel: { $in: [channel, EVERY_CHANNEL] } });
  return ids as Types.ObjectId[];
}

export async function customerForAudience(customerId: Types.ObjectId) {
  return CustomerModel.findOne({ _id: customerId, erasedAt: null, mergedInto: null }).select({ locale: 1, timeZone: 1, email: 1 }).lean();
}

export async function identityOn(customerId: Types.ObjectId, channel: string): Promise<string | null> {
  return (await ChannelIdentityModel.findOne({ customerId, channel }).select({ externalId: 1 }).lean())?.externalId ?? null;
}

/** The customers tagged with any of these interests: one equality look-up per tag on the customers' interests index. */
export async function customersInterestedIn(tags: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const tag of new Set(tags)) {
    for (const customer of await CustomerModel.find({ interests: tag, erasedAt: null, mergedInto: null }).select({ _id: 1 }).lean()) ids.add(String(customer._id));
  }
  return ids;
}

/** The skus filed under a category now, by equality on the products' category index. */
export async function skusInCategory(category: string): Promise<string[]> {
  return (await ProductModel.find({ category }).select({ sku: 1 }).lean()).map((product) => product.sku);
}

/** What the audience filters ask of a customer's purchases. */
export interface PurchaseHistory {
  boughtAny(skus: readonly string[]): Promise<boolean>;
  lastOrderAt(): Promise<Date | null>;
}

/**
 * A customer's purchases for the audience filters, from the order summary (one `_id` read: their newest
 * orders). A summary with fewer entries than it keeps is their whole history; only a full one that does
 * not settle a question sends it on to `Order`.
 */
export async function purchaseHistory(customerId: Types.ObjectId): Promise<PurchaseHistory> {
  const summary = await readOrderSummary(customerId);
  const complete = summary.length < ORDER_SUMMARY_SIZE;
  // Newest first, as the summary is.
  const bought = summary.filter((order) => !NOT_BOUGHT.includes(order.status as OrderStatus));
  const placed = { customerId, status: { $nin: NOT_BOUGHT } };
  return {
    async boughtAny(skus) {
      if (bought.some((order) => order.lines.some((line) => skus.includes(line.sku)))) return true;
      return !complete && skus.length > 0 && !!(await OrderModel.exists({ ...placed, 'lines.sku': { $in: [...skus] } }));
    },
    async lastOrderAt() {
      const newest = bought[0]?.placedAt;
      if (newest || complete) return newest ?? null;
      const orders = await OrderModel.find(placed).select({ placedAt: 1 }).lean();
      return orders.reduce<Date | null>((latest, order) => (order.placedAt && (!latest || order.placedAt > latest) ? order.placedAt : latest), null);
    },
  };
}

export async function hasAbandonedCart(customerId: Types.ObjectId): Promise<boolean> {
  const cart = await CartModel.findOne({ customerId }).select({ lines: 1 }).lean();
  return (cart?.lines.length ?? 0) > 0;
}

/** Records that the campaign left for this customer (and counts it for insights); false when it had already (a repeat, counted nothing). */
export async function recordCampaignSend(send: { campaignId: string; customerId: Types.ObjectId; channel: string; category?: string; at: Date }): Promise<boolean> {
  const first = await insertOnce(CampaignSendModel, send);
  if (first) await countInsight(utcDay(send.at), INSIGHT_METRICS.campaignSends, send.campaignId);
  return first;
}

export async function campaignSendCounts(campaignId: string): Promise<Record<string, number>> {
  const sends = await CampaignSendModel.find({ campaignId }).select({ channel: 1 }).lean();
  const counts: Record<string, number> = {};
  for (const send of sends) counts[send.channel] = (counts[send.channel] ?? 0) + 1;
  return counts;
}

export async function insertShortLink(link: { code: string; campaignId: string; customerId?: Types.ObjectId; target?: string; medium: string }): Promise<void> {
  await ShortLinkModel.create(link);
}

export async function findShortLink(code: string) {
  return ShortLinkModel.findOne({ code }).lean();
}

/** The code of a customer's short link for a campaign, if one was made (equality on the (campaignId, customerId) index: one, or a few from before links were reused). */
export async function shortLinkCodeOf(campaignId: string, customerId: Types.ObjectId): Promise<string | null> {
  return (await ShortLinkModel.findOne({ campaignId, customerId }).select({ code: 1 }).lean())?.code ?? null;
}

const CLICK_WINDOW_MS = 60 * 60_000;

/** One click per link per clock hour: the `_id` that makes a repeat within the hour a losing insert. */
function linkClickId(code: string, at: Date): string {
  return `${code}|${Math.floor(at.getTime() / CLICK_WINDOW_MS)}`;
}

/**
 * Records a click on a link and counts it for insights, once per link per clock hour (a unique
 * insert): a shopper tapping twice, or a script replaying the link, adds no clicks. The first click of
 * the hour is the one kept, so the attribution window runs from it. False for a repeat (nothing counted).
 */
export async function recordClick(click: { code: string; campaignId: string; customerId?: Types.ObjectId | null; at: Date }): Promise<boolean> {
  const first = await insertOnce(LinkClickModel, { _id: linkClickId(click.code, click.at), ...click, customerId: click.customerId ?? undefined });
  if (first) await countInsight(utcDay(click.at), INSIGHT_METRICS.campaignClicks, click.campaignId);
  return first;
}

/**
 * A customer's newest click between two instants, or null: equality on the customer, the window and
 * newest-first on the (customerId, at) index, one document returned. FerretDB pushes down only the
 * equality, so it reads that customer's clicks, which stay few: at most one per link per hour.
 */
export async function latestClickOf(customerId: Types.ObjectId, from: Date, until: Date): Promise<{ campaignId: string; at: Date } | null> {
  const newest = await LinkClickModel.findOne({ customerId, at: { $gte: from, $lte: until } })
    .sort({ at: -1 })
    .select({ _id: 0, campaignId: 1, at: 1 })
    .lean();
  return newest ? { campaignId: newest.campaignId, at: newest.at } : null;
}

/**
 * Records an order's attribution once (unique per order): to a campaign, or to none (`campaignId` null).
 * True when this call decided it; false when it was decided before (a repeat, which must count nothing).
 */
export async function attributeOrder(attribution: { orderNumber: string; campaignId: string | null; customerId: Types.ObjectId; totalMinor: number; currency: string; at: Date }): Promise<boolean> {
  const { campaignId, ...rest } = attribution;
  return insertOnce(CampaignAttributionModel, campaignId ? attribution : rest);
}

/** The names of these campaigns, by id (equality on each id). */
export async function campaignNames(campaignIds: readonly string[]): Promise<Map<string, string>> {
  const campaigns = await CampaignModel.find({ campaignId: { $in: [...campaignIds] } }).select({ campaignId: 1, name: 1 }).lean();
  return new Map(campaigns.map((campaign) => [campaign.campaignId, campaign.name]));
}
