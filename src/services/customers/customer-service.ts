import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { customerIdForIdentity, findCustomer, type CustomerRecord } from '../../store/customer-store';

export type { CustomerRecord };

/** The customer behind a channel user, created on first contact. */
export async function identifyCustomer(channel: Channel, externalId: string, locale: string): Promise<{ customerId: Types.ObjectId; customer: CustomerRecord }> {
  const customerId = await customerIdForIdentity(channel, externalId, locale);
  const customer = await findCustomer(customerId);
  if (!customer) throw new Error(`customer ${customerId} vanished after identification`);
  return { customerId, customer };
}
