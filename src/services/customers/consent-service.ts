import type { Types } from 'mongoose';
import { EMAIL_CHANNEL } from '../../core/campaign';
import type { Channel } from '../../core/channels';
import { consentAllows, consentChanges, consentRefuses, type ConsentEvidence, type ConsentPurpose, type ConsentRequest } from '../../core/consent';
import { findCustomer } from '../../store/customer-store';
import { consentFactsFor, recordConsent, recordConsentOnce, recordConsents } from '../../store/consent-store';

/** Records a marketing opt-in or opt-out with the words the customer agreed to and where they said it. */
export async function recordMarketingChoice(customerId: Types.ObjectId, channel: string, granted: boolean, evidence: ConsentEvidence, at = new Date()): Promise<void> {
  await recordConsent({ customerId, channel, purpose: 'marketing', granted, ...evidence }, at);
}

/**
 * A marketing decision the shop collected elsewhere (a newsletter form, a signed paper form), imported
 * by staff with the words the customer agreed to, where and when they agreed. Only for e-mail: SMS
 * needs the keyword's confirming YES (double opt-in), and the chat channels ask in the chat. An opt-in
 * needs an e-mail address on file, an erased customer takes none. A repeated import of the same
 * decision (a retried POST) records and counts nothing more: the record's `_id` comes from what it says.
 */
export async function importEmailMarketingChoice(customerId: Types.ObjectId, choice: { granted: boolean; source: string; wording: string; at: Date }): Promise<'recorded' | 'no-customer' | 'no-email'> {
  const customer = await findCustomer(customerId);
  if (!customer || customer.erasedAt || customer.mergedInto) return 'no-customer';
  if (choice.granted && !customer.email) return 'no-email';
  const claim = `email-import|${JSON.stringify([customerId.toHexString(), choice.at.toISOString(), choice.granted, choice.source, choice.wording])}`;
  await recordConsentOnce({ customerId, channel: EMAIL_CHANNEL, purpose: 'marketing', granted: choice.granted, kind: 'admin', source: `admin import: ${choice.source}`, wording: choice.wording }, claim, choice.at);
  return 'recorded';
}

/** After an order: the customer is asked once per channel whether they want offers there (asking is remembered, whatever the answer). */
export { markOffersAsked } from '../../store/customer-store';

/**
 * Subscribing to or leaving a channel as a whole (an SMS keyword or the carrier's opt-out report, a WeChat follow): leaving ends every
 * kind of message there, marketing included; subscribing resumes order and service messages only, as
 * marketing needs its own explicit opt-in.
 */
export async function recordChannelSubscription(customerId: Types.ObjectId, channel: Channel, subscribed: boolean, evidence: ConsentEvidence, at = new Date()): Promise<void> {
  await recordConsentRequest(customerId, { granted: subscribed, scope: 'messages', byKeyword: true, channel, voice: false }, evidence, at);
}

/** Appends the records a customer's consent words call for (see core/consent for the rules). */
export async function recordConsentRequest(customerId: Types.ObjectId, request: ConsentRequest, evidence: ConsentEvidence, at = new Date()): Promise<void> {
  const changes = consentChanges(request);
  await recordConsents(
    changes.map((change) => ({ customerId, ...change, ...evidence, sourceChannel: request.channel })),
    at,
  );
}

/**
 * The one question every sender asks before a proactive message: may this customer get a message of
 * this purpose on this channel? Transactional: yes unless they opted out there or everywhere.
 * Marketing: only after an explicit opt-in that no later opt-out undid. Erased customers: never.
 */
export async function mayMessage(customerId: Types.ObjectId, channel: Channel, purpose: ConsentPurpose): Promise<boolean> {
  const customer = await findCustomer(customerId);
  if (!customer || customer.erasedAt) return false;
  return consentGiven(customerId, channel, purpose);
}

/** Whether the customer said no to this purpose on this channel and not yes since (a marketing test send to a number staff typed needs no opt-in, only no refusal). */
export async function consentRefused(customerId: Types.ObjectId, channel: Channel, purpose: ConsentPurpose): Promise<boolean> {
  return consentRefuses(await consentFactsFor(customerId, channel), channel, purpose);
}

/** The one consent reader: the customer's records for this channel and for every channel, by core/consent's rules. */
export async function consentGiven(customerId: Types.ObjectId, channel: Channel, purpose: ConsentPurpose): Promise<boolean> {
  return consentAllows(await consentFactsFor(customerId, channel), channel, purpose);
}
