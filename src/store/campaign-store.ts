import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { CampaignAttributionModel, CampaignModel, CampaignSendModel, CartModel, ChannelIdentityModel, ConsentRecordModel, CustomerModel, LinkClickModel, OrderModel, ShortLinkModel } from '../../models';
import { EVERY_CHANNEL } from '../core/consent';
import { insertOnce } from './insert-once';

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'cancelled';

export interface CampaignRecord {
  campaignId: string;
  name: string;
  channels: string[];
  text: string;
  emailSubject?: string | null;
  whatsappTemplate?: string | null;
  linkTarget?: string | null;
  audience: { locale?: string | null; boughtSku?: string | null; cartAbandoners?: boolean | null };
  sendDate: string;
  sendTime: string;
  status: CampaignStatus;
}

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

export async function setCampaignStatus(campaignId: string, status: CampaignStatus): Promise<void> {
  await CampaignModel.updateOne({ campaignId }, { $set: { status } });
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

export async function hasBought(customerId: Types.ObjectId, sku: string): Promise<boolean> {
  return !!(await OrderModel.exists({ customerId, 'lines.sku': sku, status: { $nin: ['pending', 'failed', 'cancelled'] } }));
}

export async function hasAbandonedCart(customerId: Types.ObjectId): Promise<boolean> {
  const cart = await CartModel.findOne({ customerId }).select({ lines: 1 }).lean();
  return (cart?.lines.length ?? 0) > 0;
}

/** Records that the campaign left for this customer; false when it had already (a repeat). */
export async function recordCampaignSend(send: { campaignId: string; customerId: Types.ObjectId; channel: string; category?: string; at: Date }): Promise<boolean> {
  return insertOnce(CampaignSendModel, send);
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

export async function recordClick(click: { code: string; campaignId: string; customerId?: Types.ObjectId | null; at: Date }): Promise<void> {
  await LinkClickModel.create({ ...click, customerId: click.customerId ?? undefined });
}

export async function clicksOf(campaignId: string) {
  return LinkClickModel.find({ campaignId }).select({ customerId: 1, at: 1 }).lean();
}

/** The customer's placed orders between two instants (equality on the customer, the range on the index's second key). */
export async function ordersBetween(customerId: Types.ObjectId, from: Date, until: Date) {
  return OrderModel.find({ customerId, placedAt: { $gte: from, $lte: until }, status: { $nin: ['pending', 'failed', 'cancelled'] } })
    .select({ orderNumber: 1, totalMinor: 1, currency: 1, placedAt: 1 })
    .lean();
}

/** Credits an order to a campaign once: the first click's campaign keeps it (unique per order). */
export async function attributeOrder(attribution: { orderNumber: string; campaignId: string; customerId: Types.ObjectId; totalMinor: number; currency: string; at: Date }): Promise<boolean> {
  return insertOnce(CampaignAttributionModel, attribution);
}

export async function attributionsOf(campaignId: string) {
  return CampaignAttributionModel.find({ campaignId }).select({ totalMinor: 1, currency: 1 }).lean();
}
