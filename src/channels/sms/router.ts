import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError, isDatabaseUnavailable } from '../../core/errors';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- consent keywords move into the turn pipeline (issue 15 item 2)
import { identifyCustomer } from '../../services/customer-service';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- dedupe moves into the turn pipeline (issue 15 item 2)
import { claimEvent } from '../../store/event-store';
import { type ChannelDependencies, handleTurn, unavailableReply } from '../adapter';
import { isSmsOptedOut, recordSmsKeywordChoice } from './consent';
import { classifyKeyword } from './keywords';
import { renderSms } from './render';
import { verifyTwilioSignature, type TwilioParams } from './signature';
import { twimlMessages } from './twiml';

/**
 * Twilio's incoming-message webhook (form-encoded). Only the fields we use are checked; Twilio adds
 * more (NumMedia, NumSegments, MessagingServiceSid, From* geo fields, ApiVersion ...), which pass.
 */
const inboundSchema = z
  .object({
    MessageSid: z.string().min(1).max(64),
    AccountSid: z.string().max(64).optional(),
    From: z.string().min(1).max(64),
    To: z.string().min(1).max(64),
    Body: z.string().max(10_000),
  })
  .passthrough();

const SMS_LOCALE = 'en-US';

/** The URL Twilio signed: the configured public address (TLS-terminating proxies change host and scheme) plus the query as received. */
export function signedUrl(config: Config, req: Request): string {
  const url = new URL('/sms', config.PUBLIC_BASE_URL).toString();
  const queryStart = req.originalUrl.indexOf('?');
  return queryStart === -1 ? url : url + req.originalUrl.slice(queryStart);
}

export function helpText(config: Config): string {
  return `${config.SELLER_NAME}: shop and track orders by text, e.g. "show me coffee" or "where is my order". Reply STOP to unsubscribe.`;
}

function formParams(body: unknown): TwilioParams {
  if (!body || typeof body !== 'object') return {};
  const params: TwilioParams = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
  }
  return params;
}

type InboundSms = z.infer<typeof inboundSchema>;

/** The message bodies to answer with (none for the empty response). */
async function answerMessage(message: InboundSms, deps: ChannelDependencies): Promise<string[]> {
  const { config, settings, log } = deps;
  if (!(await claimEvent('sms', message.MessageSid))) return [];

  const keyword = classifyKeyword(message.Body);
  const word = message.Body.trim().toUpperCase();
  const { customerId } = await identifyCustomer('sms', message.From, SMS_LOCALE);
  if (keyword === 'opt-out') {
    await recordSmsKeywordChoice(customerId, false, word);
    return [];
  }
  const optedOut = await isSmsOptedOut(customerId);
  // YES is also a purchase confirmation: it is an opt-in only for a number that is opted out.
  if (keyword === 'opt-in' && (word !== 'YES' || optedOut)) {
    await recordSmsKeywordChoice(customerId, true, word);
    return [];
  }
  if (optedOut) return [];
  if (keyword === 'help') return [helpText(config)];

  const reply = await handleTurn({ channel: 'sms', channelUserId: message.From, locale: SMS_LOCALE, text: message.Body, voice: false, eventId: message.MessageSid }, settings, log);
  return [renderSms(reply, { segmentBudget: config.SMS_SEGMENT_BUDGET }).body];
}

/**
 * POST /sms: verifies X-Twilio-Signature (401 missing, 403 wrong or another account, nothing
 * processed), then answers synchronously with TwiML: keywords record consent (STOP gets no message:
 * Twilio confirms it, and a message would fail with 21610), an opted-out number gets nothing, anything
 * else is one conversation turn rendered into one `<Message>` within SMS_SEGMENT_BUDGET segments.
 * A redelivered MessageSid gets the empty response.
 */
export function smsRouter(deps: ChannelDependencies): Router {
  const { config } = deps;
  const router = Router();

  router.post('/', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const signature = req.header('x-twilio-signature');
    if (!signature) throw new AppError('UNAUTHENTICATED', 'X-Twilio-Signature is required.');
    const params = formParams(req.body);
    if (!verifyTwilioSignature(config.TWILIO_AUTH_TOKEN ?? '', signature, signedUrl(config, req), params)) {
      throw new AppError('FORBIDDEN', 'X-Twilio-Signature does not match the request.');
    }
    const message = inboundSchema.parse(params);
    if (message.AccountSid !== config.TWILIO_ACCOUNT_SID) throw new AppError('FORBIDDEN', 'The message is for another Twilio account.');

    const bodies = await answerMessage(message, deps).catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      // Twilio texts whatever TwiML says; an error status would leave the customer with silence.
      return [renderSms(unavailableReply(SMS_LOCALE), { segmentBudget: config.SMS_SEGMENT_BUDGET }).body];
    });
    res.status(200).type('text/xml').send(twimlMessages(bodies));
  });

  return router;
}

