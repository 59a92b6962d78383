import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { UcpCheckoutModel, UcpIdempotencyModel, type UcpCheckout } from '../../models';
import { insertOnce } from './insert-once';

/**
 * UCP checkout sessions and the `Idempotency-Key` records of their operations. A session is read
 * by its id AND its customer, so one platform token never reaches another customer's session.
 */

export type UcpCheckoutStatus = UcpCheckout['status'];
export interface UcpCheckoutLine {
  sku: string;
  quantity: number;
  shownPriceMinor: number;
}
export interface UcpCheckoutRecord {
  _id: string;
  customerId: Types.ObjectId;
  lines: UcpCheckoutLine[];
  currency: string;
  status: UcpCheckoutStatus;
  orderNumber?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** UCP's default session lifetime when the platform asks for none. */
export const UCP_CHECKOUT_TTL_MS = 6 * 3_600_000;
/** How long a response is kept for replays of its key. */
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export async function createUcpCheckout(customerId: Types.ObjectId, lines: UcpCheckoutLine[], currency: string, now: Date): Promise<UcpCheckoutRecord> {
  const record: UcpCheckoutRecord = { _id: `chk_${randomBytes(16).toString('hex')}`, customerId, lines, currency, status: 'incomplete', createdAt: now, expiresAt: new Date(now.getTime() + UCP_CHECKOUT_TTL_MS) };
  await UcpCheckoutModel.create(record);
  return record;
}

export async function findUcpCheckout(id: string, customerId: Types.ObjectId, now: Date): Promise<UcpCheckoutRecord | null> {
  return UcpCheckoutModel.findOne({ _id: id, customerId, expiresAt: { $gt: now } }).lean<UcpCheckoutRecord>();
}

/** A completed checkout is kept as long as its order may change, so order updates can name it. */
const COMPLETED_CHECKOUT_TTL_MS = 180 * 24 * 3_600_000;

export async function saveUcpCheckout(record: Pick<UcpCheckoutRecord, '_id' | 'lines' | 'status' | 'orderNumber'>, now: Date): Promise<void> {
  const completed = record.status === 'completed' ? { orderNumber: record.orderNumber, expiresAt: new Date(now.getTime() + COMPLETED_CHECKOUT_TTL_MS) } : {};
  await UcpCheckoutModel.updateOne({ _id: record._id }, { $set: { lines: record.lines, status: record.status, ...completed } });
}

/** The checkout an order was completed from, by equality on the order number. */
export async function ucpCheckoutIdOfOrder(orderNumber: string): Promise<string | null> {
  return (await UcpCheckoutModel.findOne({ orderNumber }).select({ _id: 1 }).lean())?._id ?? null;
}

export type IdempotentClaim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: string } | { kind: 'in-progress' } | { kind: 'mismatch' };

const keyOf = (customerId: Types.ObjectId, operation: string, idempotencyKey: string) => createHash('sha256').update(`${customerId}:${operation}:${idempotencyKey}`).digest('base64url');

/** Claims a customer's key for an operation (the unique insert decides a race), or finds what it answered. */
export async function claimIdempotencyKey(customerId: Types.ObjectId, operation: string, idempotencyKey: string, requestHash: string, now: Date): Promise<IdempotentClaim> {
  const key = keyOf(customerId, operation, idempotencyKey);
  if (await insertOnce(UcpIdempotencyModel, { key, customerId, requestHash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) })) return { kind: 'claimed' };
  const existing = await UcpIdempotencyModel.findOne({ key }).lean();
  if (!existing || existing.requestHash !== requestHash) return { kind: 'mismatch' };
  if (typeof existing.status !== 'number' || typeof existing.body !== 'string') return { kind: 'in-progress' };
  return { kind: 'replay', status: existing.status, body: existing.body };
}

export async function keepIdempotentResponse(customerId: Types.ObjectId, operation: string, idempotencyKey: string, status: number, body: string): Promise<void> {
  await UcpIdempotencyModel.updateOne({ key: keyOf(customerId, operation, idempotencyKey) }, { $set: { status, body } });
}

/** A request that failed before answering gives its key back, so a retry is worked rather than refused. */
export async function releaseIdempotencyKey(customerId: Types.ObjectId, operation: string, idempotencyKey: string): Promise<void> {
  await UcpIdempotencyModel.deleteOne({ key: keyOf(customerId, operation, idempotencyKey), status: { $exists: false } });
}
