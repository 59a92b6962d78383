import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { newCartRevision } from '../../store/cart-store';
import { customerIdForIdentity, findCustomer, storeSpendingLimits, type CustomerRecord } from '../../store/customer-store';

export type { CustomerRecord };

/** The customer behind a channel user, created on first contact. */
export async function identifyCustomer(channel: Channel, externalId: string, locale: string): Promise<{ customerId: Types.ObjectId; customer: CustomerRecord }> {
  const customerId = await customerIdForIdentity(channel, externalId, locale);
  const customer = await findCustomer(customerId);
  if (!customer) throw new Error(`customer ${customerId} vanished after identification`);
  return { customerId, customer };
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
