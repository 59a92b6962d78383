import type { Types } from 'mongoose';
import type { Channel } from '../../models';
import { bindIdentity, customerIdForAccessToken, customerIdForIdentity, findCustomer, type CustomerRecord } from '../store/customer-store';

export type { CustomerRecord };

/** The customer behind a channel user, created on first contact. */
export async function identifyCustomer(channel: Channel, externalId: string, locale: string): Promise<{ customerId: Types.ObjectId; customer: CustomerRecord }> {
  const customerId = await customerIdForIdentity(channel, externalId, locale);
  const customer = await findCustomer(customerId);
  if (!customer) throw new Error(`customer ${customerId} vanished after identification`);
  return { customerId, customer };
}

/**
 * Resolves a platform's account-linking token and makes the channel user that customer, so every
 * later turn (cart, orders, reorder) is theirs. False when the token is unknown or expired.
 */
export async function linkByAccessToken(channel: Channel, externalId: string, accessToken: string, now = new Date()): Promise<boolean> {
  const customerId = await customerIdForAccessToken(accessToken, now);
  if (!customerId) return false;
  await bindIdentity(channel, externalId, customerId);
  return true;
}
