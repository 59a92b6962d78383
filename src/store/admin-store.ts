import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, OrderModel, ProductModel } from '../../models';
import type { Channel } from '../core/channels';
import { orderHistory } from './order-store';

/** Reads for the admin API: paged lists and lookups staff need, nothing the conversation uses. */

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Paging {
  page: number;
  pageSize: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function listProducts(filter: { category?: string; active?: boolean; q?: string }, paging: Paging): Promise<Page<unknown>> {
  const query: Record<string, unknown> = {};
  if (filter.category) query.category = filter.category;
  if (filter.active !== undefined) query.active = filter.active;
  if (filter.q) {
    const pattern = new RegExp(escapeRegex(filter.q), 'i');
    query.$or = [{ name: pattern }, { sku: pattern }];
  }
  const [items, total] = await Promise.all([
    ProductModel.find(query).sort({ sku: 1 }).skip((paging.page - 1) * paging.pageSize).limit(paging.pageSize).select('-_id -__v -stockSeq').lean(),
    ProductModel.countDocuments(query),
  ]);
  return { items, total, ...paging };
}

export async function listOrders(filter: { status?: string; customerId?: Types.ObjectId; from?: Date; to?: Date }, paging: Paging): Promise<Page<unknown>> {
  const query: Record<string, unknown> = {};
  if (filter.status) query.status = filter.status;
  if (filter.customerId) query.customerId = filter.customerId;
  if (filter.from || filter.to) query.createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  const [items, total] = await Promise.all([
    OrderModel.find(query).sort({ createdAt: -1, _id: -1 }).skip((paging.page - 1) * paging.pageSize).limit(paging.pageSize).select('-__v -idempotencyKey').lean(),
    OrderModel.countDocuments(query),
  ]);
  return { items, total, ...paging };
}

export async function findOrderWithHistory(orderNumber: string) {
  const order = await OrderModel.findOne({ orderNumber }).select('-__v -idempotencyKey').lean();
  if (!order) return null;
  const history = await orderHistory(order._id);
  return { ...order, history: history.map(({ status, at, source, note }) => ({ status, at, source, note })) };
}

/** Phone numbers arrive with a plus on SMS and without one from WhatsApp. */
function phoneForms(phone: string): string[] {
  const digits = phone.replace(/^\+/, '');
  return [`+${digits}`, digits];
}

/** Customers matching one channel identity, phone number (profile or SMS/WhatsApp identity) or e-mail. */
export async function findCustomerIds(by: { channel?: Channel; externalId?: string; phone?: string; email?: string }): Promise<Types.ObjectId[]> {
  const ids: Types.ObjectId[] = [];
  if (by.externalId && by.channel) {
    ids.push(...(await ChannelIdentityModel.find({ channel: by.channel, externalId: by.externalId }).lean()).map((i) => i.customerId));
  }
  if (by.phone) {
    const forms = phoneForms(by.phone);
    ids.push(...(await CustomerModel.find({ phone: { $in: forms } }).select('_id').lean()).map((c) => c._id));
    ids.push(...(await ChannelIdentityModel.find({ channel: { $in: ['sms', 'whatsapp'] }, externalId: { $in: forms } }).lean()).map((i) => i.customerId));
  }
  if (by.email) {
    ids.push(...(await CustomerModel.find({ email: new RegExp(`^${escapeRegex(by.email)}$`, 'i') }).select('_id').lean()).map((c) => c._id));
  }
  const unique = new Map(ids.map((id) => [id.toHexString(), id]));
  return [...unique.values()];
}

/** A customer as staff see it: profile without secrets, channel identities, order count. */
export async function customerSummary(customerId: Types.ObjectId) {
  const customer = await CustomerModel.findById(customerId).select('-__v -voiceCode.hash -voiceCode.salt').lean();
  if (!customer) return null;
  const [identities, orderCount] = await Promise.all([
    ChannelIdentityModel.find({ customerId }).select('-_id channel externalId linkedAt').lean(),
    OrderModel.countDocuments({ customerId }),
  ]);
  return { ...customer, identities, orderCount };
}
