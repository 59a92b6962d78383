import type { Types } from 'mongoose';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- consent handling moves into core and services (issue 15 item 6)
import { recordMarketingChoice } from '../../services/consent-service';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- consent handling moves into core and services (issue 15 item 6)
import { currentConsent, recordConsent } from '../../store/consent-store';

/** What the customer agreed to, stored with each decision (consent records keep the wording). */
export const SMS_CONSENT_WORDING = {
  optOut: 'Reply STOP to unsubscribe: no more text messages from this number.',
  optIn: 'Reply START to receive text messages from this number again. Reply STOP to unsubscribe.',
  carrierOptOut: 'The carrier reports this number unsubscribed (Twilio error 21610).',
} as const;

/** Records a transactional (order and service messages) consent decision for SMS. */
export async function recordTransactionalSmsChoice(customerId: Types.ObjectId, granted: boolean, source: string, wording: string, at = new Date()): Promise<void> {
  await recordConsent({ customerId, channel: 'sms', purpose: 'transactional', granted, source, wording }, at);
}

/**
 * STOP and its synonyms end every kind of message on the number. START/UNSTOP resubscribe the
 * number to order and service messages only: marketing needs its own explicit opt-in, with the
 * wording of what the customer agrees to, so it stays off until they give one.
 */
export async function recordSmsKeywordChoice(customerId: Types.ObjectId, granted: boolean, keyword: string, at = new Date()): Promise<void> {
  const wording = granted ? SMS_CONSENT_WORDING.optIn : SMS_CONSENT_WORDING.optOut;
  const source = `sms keyword: ${keyword}`;
  if (!granted) await recordMarketingChoice(customerId, 'sms', false, source, wording, at);
  await recordTransactionalSmsChoice(customerId, granted, source, wording, at);
}

/** True when the newest transactional SMS decision is an opt-out (never asked counts as not opted out). */
export async function isSmsOptedOut(customerId: Types.ObjectId): Promise<boolean> {
  return (await currentConsent(customerId, 'sms', 'transactional')) === false;
}
