import type { AgentReplier, ChannelAdapter, ChannelNotifier, ChannelServices } from '../adapter';
import type { Config } from '../../config';
import { marketingSmsParts } from '../../core/campaign';
import { smsSender, type SmsJob } from './client';
import { renderSms } from './render';
import { smsRouter } from './router';
import { analyzeSms, fitToSegments, SEGMENT_LIMITS, transliterateToGsm } from './segments';
import { twimlMessages } from './twiml';

/**
 * A link is what a payment or card-setup message is for, and a cut one is no link: it is kept whole
 * (only the words before it are trimmed), and the text may use up to LINK_SEGMENT_BUDGET segments for it,
 * since a long Stripe page address alone outgrows the default 4 segments in UCS-2 (Chinese, "ł", "ș").
 */
const LINK_SEGMENT_BUDGET = 10;

function fitNotification(text: string, link: string | undefined, budget: number): string {
  if (!link || !text.endsWith(link)) return fitToSegments(text, budget);
  return fitToSegments(text.slice(0, -link.length), Math.max(budget, LINK_SEGMENT_BUDGET), { suffix: link });
}

/** A notification is one text within SMS_SEGMENT_BUDGET segments; a Twilio refusal (an opt-out) is final for this job. */
function smsNotifier(config: Config, services: ChannelServices): ChannelNotifier {
  const sms = smsSender(config, services);
  return {
    attempt(notification, recipient, now) {
      // Marketing names the brand and always ends with the opt-out, which fitting to the segment budget never cuts.
      const gsm = (text: string) => (config.SMS_TRANSLITERATE ? transliterateToGsm(text) : text);
      const marketing = notification.marketing && marketingSmsParts(notification.marketing.brand, notification.text, notification.marketing.optOut);
      const body = marketing ? fitToSegments(gsm(marketing.body), config.SMS_SEGMENT_BUDGET, { suffix: gsm(marketing.suffix) }) : fitNotification(gsm(notification.text), notification.link, config.SMS_SEGMENT_BUDGET);
      return async () => {
        const result = await sms.send({ to: recipient.externalId, bodies: [body] }, 0, now);
        return 'hold' in result ? { ok: false, retryable: false, error: result.reason } : result;
      };
    },
  };
}

/** SMS has no window: a reply fits SMS_SEGMENT_BUDGET segments, and the sender withholds it from a number that texted STOP. */
function smsAgentReplies(config: Config): AgentReplier {
  return {
    check: () => ({
      sendable: true,
      freeText: true,
      mode: 'standard',
      explanation: `SMS: your reply is fitted to ${config.SMS_SEGMENT_BUDGET} segments (longer text is trimmed); a customer who texted STOP receives nothing until they text START.`,
    }),
    job: (reply, channelUserId): SmsJob => ({ to: channelUserId, bodies: [renderSms(reply, { segmentBudget: config.SMS_SEGMENT_BUDGET }).body] }),
  };
}

export const smsChannel: ChannelAdapter = {
  id: 'sms',
  label: 'SMS',
  voice: false,
  capabilities: SEGMENT_LIMITS,
  delivery: { via: 'response', caption: 'TwiML in the HTTP response to the Twilio webhook' },
  render(reply, { config }) {
    const rendered = renderSms(reply, { segmentBudget: config.SMS_SEGMENT_BUDGET, transliterate: config.SMS_TRANSLITERATE });
    const analysis = analyzeSms(rendered.body);
    return {
      format: 'xml',
      body: twimlMessages([rendered.body]),
      facts: { segments: analysis.segments, encoding: analysis.encoding, characters: analysis.units, segmentBudget: config.SMS_SEGMENT_BUDGET, optionsLeftOut: rendered.omitted },
    };
  },
  path: '/sms',
  routes: smsRouter,
  sender: smsSender,
  notifier: smsNotifier,
  agentReplies: smsAgentReplies,
};
