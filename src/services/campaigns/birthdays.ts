import type { Types } from 'mongoose';
import { birthdayDue, birthdayKeysOn } from '../../core/birthday';
import { addDays } from '../../core/dates';
import { customersWithBirthday } from '../../store/customer-store';
import { claimEvent, releaseEvent } from '../../store/event-store';
import { enqueueJob } from '../../store/outbox-store';

export const BIRTHDAY_JOB_KIND = 'birthday';

export interface BirthdayPayload {
  customerId: string;
  /** The customer's `MM-DD` birthday key: the sender checks it is still their birthday where they live. */
  birthdayKey: string;
  year: number;
}

/**
 * Once per UTC day (the first maintenance run after midnight claims it): finds the customers whose
 * birthday is today or tomorrow somewhere (equality on the birthday keys of yesterday, today and
 * tomorrow in UTC, which cover every time zone) and queues one message per customer per year
 * (`birthday:<customer>:<year>`), due at `localHour` on their birthday in their own time zone (at once
 * if that hour has passed today). Consent, quiet hours and the weekly cap are the sender's, at send time.
 */
export async function queueBirthdayMessages(now: Date, localHour: number): Promise<number> {
  const utcDay = now.toISOString().slice(0, 10);
  if (!(await claimEvent('birthdays', utcDay, now))) return 0;
  try {
    const today = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
    const keys = [...new Set([-1, 0, 1].flatMap((offset) => birthdayKeysOn(addDays(today, offset))))];
    let queued = 0;
    for (const customer of await customersWithBirthday(keys)) {
      const due = birthdayDue(customer.birthdayKey, customer.timeZone, localHour, now);
      if (!due) continue;
      if (await queueBirthday(customer._id, customer.birthdayKey, due.year, new Date(Math.max(due.at.getTime(), now.getTime())))) queued++;
    }
    return queued;
  } catch (error) {
    // A run that failed part-way is tried again by the next one (the job keys keep it to one message each).
    await releaseEvent('birthdays', utcDay);
    throw error;
  }
}

/** One birthday message per customer per year. */
export function birthdayJobKey(payload: Pick<BirthdayPayload, 'customerId' | 'year'>): string {
  return `birthday:${payload.customerId}:${payload.year}`;
}

function queueBirthday(customerId: Types.ObjectId, birthdayKey: string, year: number, dueAt: Date): Promise<boolean> {
  const payload: BirthdayPayload = { customerId: String(customerId), birthdayKey, year };
  return enqueueJob({ jobKey: birthdayJobKey(payload), kind: BIRTHDAY_JOB_KIND, customerId, payload }, dueAt);
}
