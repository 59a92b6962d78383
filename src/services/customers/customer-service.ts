import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { newCartRevision } from '../../store/cart-store';
import { claimIdentity, customerIdForIdentity, existingCustomerIdForIdentity, findCustomer, storeSpendingLimits, type CustomerRecord } from '../../store/customer-store';

export type { CustomerRecord };

/** The customer behind a channel user, created on first contact. */
export async function identifyCustomer(channel: Channel, externalId: string, locale: string): Promise<{ customerId: Types.ObjectId; customer: CustomerRecord }> {
  const customerId = await customerIdForIdentity(channel, externalId, locale);
  const customer = await findCustomer(customerId);
  if (!customer) throw new Error(`customer ${customerId} vanished after identification`);
  return { customerId, customer };
}

/**
 * One channel user known by two ids on the same channel (a WhatsApp user's business-scoped id and
 * phone number): both name one customer. A customer already known by the alias keeps their history
 * when the primary id first appears (it joins them); otherwise the primary id's customer (made now on
 * first contact) gets the alias. Two ids already naming different customers are left alone: joining
 * those is a merge, which needs the customer's say (link codes). Each claim is a unique insert.
 */
export async function joinChannelAlias(channel: Channel, primaryId: string, aliasId: string, locale: string): Promise<void> {
  if (primaryId === aliasId) return;
  const aliasCustomer = await existingCustomerIdForIdentity(channel, aliasId);
  if (aliasCustomer) {
    await claimIdentity(channel, primaryId, aliasCustomer);
    return;
  }
  const customerId = await customerIdForIdentity(channel, primaryId, locale);
  await claimIdentity(channel, aliasId, customerId);
}

/**
 * Changes a customer's own spending limits. A read-back waiting for its yes read the old ones, and
 * the yes places on what was read back without reading the customer again: so the cart moves to a
 * new revision and that yes reads back again, under the new limits.
 */
export async function changeSpendingLimits(customerId: Types.ObjectId, limits: { perOrderMinor?: number; perDayMinor?: number }): Promise<void> {
  await storeSpendingLimits(customerId, limits);
  await newCartRevision(customerId);
}
