import type { Types } from 'mongoose';
import type { Channel } from '../core/channels';
import type { Config } from '../config';
import type { ConsentPurpose } from '../core/consent';
import { isBusinessScopedUserId } from '../core/whatsapp';
import { consentRefused, mayMessage } from '../services/customers';
import { existingCustomerIdForIdentity } from '../store/customer-store';
import { takeRateSlot } from '../store/rate-store';
import type { ChannelSender, HoldResult, OutboxJobContext, OutboxSender, SendResult } from '../channels/adapter';

/**
 * The one outbound policy, asked at send time (not when queued: consent changes in between) for every
 * message the outbox delivers: channel replies through `policed` below, notifications through the
 * notification sender, which asks it for each channel it tries.
 *
 * - Replies answer a message the person just sent us on that channel: they go out (the person wrote,
 *   so a STOP is answered once, and a customer abroad gets an answer).
 * - Everything else (notifications, and unsolicited messages such as a link code texted to a number a
 *   customer typed) is refused to an opted-out destination and to a phone number outside the allowed
 *   countries.
 * - Unsolicited messages also go only by SMS (the only channel where a business may open with free
 *   text), and are capped per requester, per destination and overall, per clock hour.
 */

export interface OutboundMessage {
  channel: Channel;
  /** The channel's id of the recipient: an E.164 number for SMS, digits for WhatsApp, a PSID, an openid. */
  address: string;
  purpose: ConsentPurpose;
  /** The customer behind the address, when the caller already knows it. */
  customerId?: Types.ObjectId;
  /** Answers a message the recipient just sent on this channel. */
  reply?: boolean;
  /** Who asked for a message the recipient never asked for. */
  requestedBy?: Types.ObjectId;
  /** False on a retry: the caps were taken on the first attempt. */
  firstAttempt?: boolean;
  /** Marketing wording sent to a number staff typed (a campaign's test send): no opt-in is needed, but its owner's no to marketing holds. */
  marketingTest?: boolean;
}

export type PolicyDecision = { ok: true } | { ok: false; reason: string };

export interface OutboundPolicySettings {
  /** E.164 prefixes phone numbers must start with ("+1", "+44"). */
  allowedPrefixes: readonly string[];
  perRequesterPerHour: number;
  perDestinationPerHour: number;
  globalPerHour: number;
}

const HOUR_MS = 60 * 60_000;

/** ITU country calling codes of one and two digits; every other code has three. */
const SHORT_CALLING_CODES = new Set(['1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98']);

/**
 * Area codes of +1 that belong to other countries than the US and Canada (the Caribbean and Bermuda),
 * where international rates and premium-rate fraud apply although the number looks domestic. US
 * territories (Puerto Rico, Guam, USVI...) are left out: they are the US. Unconfirmed against the
 * NANPA's own list at the time of writing; list extra prefixes such as +1876 explicitly to allow them.
 */
const NANP_OTHER_COUNTRIES = new Set(['242', '246', '264', '268', '284', '345', '441', '473', '649', '658', '664', '721', '758', '767', '784', '809', '829', '849', '868', '869', '876']);

/** "+1" for +15550100000, "+44" for +442079460000: the calling code of an E.164 number. */
export function callingCodeOf(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  for (const length of [1, 2]) if (SHORT_CALLING_CODES.has(digits.slice(0, length))) return `+${digits.slice(0, length)}`;
  return `+${digits.slice(0, 3)}`;
}

export function outboundPolicySettings(config: Config): OutboundPolicySettings {
  return {
    allowedPrefixes: config.OUTBOUND_COUNTRY_PREFIXES ?? [callingCodeOf(config.TWILIO_FROM)],
    perRequesterPerHour: config.UNSOLICITED_PER_REQUESTER_PER_HOUR,
    perDestinationPerHour: config.UNSOLICITED_PER_DESTINATION_PER_HOUR,
    globalPerHour: config.UNSOLICITED_PER_HOUR,
  };
}

/** Whether a phone number is in an allowed country; a bare "+1" allows the US and Canada, not the rest of +1. */
export function phoneNumberAllowed(e164: string, allowedPrefixes: readonly string[]): boolean {
  return allowedPrefixes.some((prefix) => {
    if (!e164.startsWith(prefix)) return false;
    return prefix !== '+1' || !NANP_OTHER_COUNTRIES.has(e164.slice(2, 5));
  });
}

function phoneNumberOf(channel: Channel, address: string): string | null {
  if (channel === 'sms') return address;
  // A business-scoped user id is no phone number: the user withheld theirs, so no country check applies.
  if (channel === 'whatsapp') return isBusinessScopedUserId(address) ? null : `+${address.replace(/^\+/, '')}`;
  return null;
}

export class OutboundPolicy {
  constructor(private readonly settings: OutboundPolicySettings) {}

  async check(message: OutboundMessage, now: Date): Promise<PolicyDecision> {
    if (message.reply && !message.requestedBy) return { ok: true };
    const unsolicited = !!message.requestedBy;
    if (unsolicited && message.channel !== 'sms') return { ok: false, reason: `${message.channel}: a business may not open a conversation here with free text` };

    const phone = phoneNumberOf(message.channel, message.address);
    if (phone !== null && !phoneNumberAllowed(phone, this.settings.allowedPrefixes)) return { ok: false, reason: `${message.channel}: destination country not allowed (OUTBOUND_COUNTRY_PREFIXES)` };

    const customerId = message.customerId ?? (await existingCustomerIdForIdentity(message.channel, message.address));
    if (customerId && !(await mayMessage(customerId, message.channel, message.purpose))) return { ok: false, reason: `${message.channel}: no ${message.purpose} consent` };
    if (customerId && message.marketingTest && (await consentRefused(customerId, message.channel, 'marketing'))) return { ok: false, reason: `${message.channel}: opted out of marketing` };

    if (unsolicited && message.firstAttempt !== false) {
      const caps: [string, number, string][] = [
        [`out:requester:${message.requestedBy!.toHexString()}`, this.settings.perRequesterPerHour, 'requester'],
        [`out:destination:${message.channel}:${message.address}`, this.settings.perDestinationPerHour, 'destination'],
        ['out:all', this.settings.globalPerHour, 'overall'],
      ];
      for (const [counted, limit, which] of caps) {
        if (!(await takeRateSlot(counted, limit, HOUR_MS, now))) return { ok: false, reason: `unsolicited messages per ${which} per hour used up` };
      }
    }
    return { ok: true };
  }
}

/**
 * A channel's sender behind the policy: before a job's first message (and again on each retry, as
 * consent may have changed) the policy decides; a refusal ends the job withheld, unsent.
 */
export function policed(channel: Channel, sender: ChannelSender, policy: OutboundPolicy): OutboxSender {
  return {
    messageCount: (payload) => sender.messageCount(payload),
    async send(payload, index, now, job?: OutboxJobContext): Promise<SendResult | HoldResult> {
      if (job && index === job.progress) {
        const address = sender.recipientOf(payload);
        if (address === null) return { hold: 'withheld', reason: `${channel} job without a recipient` };
        const decision = await policy.check({ channel, address, purpose: 'transactional', reply: !job.requestedBy, requestedBy: job.requestedBy, firstAttempt: job.attempts === 0 }, now);
        if (!decision.ok) return { hold: 'withheld', reason: decision.reason };
      }
      return sender.send(payload, index, now, job);
    },
  };
}
