import type { Types } from 'mongoose';
import { changedInterests, MAX_INTERESTS } from '../../core/interests';
import { addInterests, interestsOf, removeInterests } from '../../store/customer-store';

export type InterestChange = { ok: true; interests: string[] } | { ok: false; code: 'NOT_FOUND' | 'TOO_MANY_INTERESTS' };

/**
 * Adds and removes a customer's interest tags (already normalized and checked: `core/interests.ts`),
 * keeping at most MAX_INTERESTS. Agents in the inbox, the admin API and the event dialog all change
 * them here.
 */
export async function changeCustomerInterests(customerId: Types.ObjectId, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<InterestChange> {
  const remove = change.remove ?? [];
  const add = (change.add ?? []).filter((tag) => !remove.includes(tag));
  const current = await interestsOf(customerId);
  if (!current) return { ok: false, code: 'NOT_FOUND' };
  if (changedInterests(current, add, remove).length > MAX_INTERESTS) return { ok: false, code: 'TOO_MANY_INTERESTS' };
  await removeInterests(customerId, remove);
  const added = add.filter((tag) => !current.includes(tag));
  if (added.length === 0) return { ok: true, interests: changedInterests(current, [], remove) };
  await addInterests(customerId, added);
  // Two changes at once may each have seen room for theirs: one that finds the list over the limit takes its own tags back.
  const after = (await interestsOf(customerId)) ?? [];
  if (after.length <= MAX_INTERESTS) return { ok: true, interests: after };
  await removeInterests(customerId, added);
  return { ok: false, code: 'TOO_MANY_INTERESTS' };
}
