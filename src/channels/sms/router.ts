import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { type ChannelDependencies, handleTurn } from '../adapter';
import { SMS_CONSENT_WORDING } from './consent';
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

/** Texts carry no locale: every SMS customer is spoken to, and made on first contact, in this one. */
export const SMS_LOCALE = 'en-US';

/** The URL Twilio signed: the configured public address (TLS-terminating proxies change host and scheme) plus the query as received. */
export function signedUrl(config: Config, req: Request): string {
  const url = new URL('/sms', config.PUBLIC_BASE_URL).toString();
  const queryStart = req.originalUrl.indexOf('?');
  return queryStart === -1 ? url : url + req.originalUrl.slice(queryStart);
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
  const carrierKeywords = SMS_CONSENT_WORDING;
  const turn = { channel: 'sms' as const, channelUserId: message.From, locale: SMS_LOCALE, text: message.Body, voice: false, eventId: message.MessageSid, carrierKeywords, silentWhenOptedOut: true };
  const reply = await handleTurn(turn, settings, log);
  if (reply.duplicate || reply.silent) return [];
  return [renderSms(reply, { segmentBudget: config.SMS_SEGMENT_BUDGET, transliterate: config.SMS_TRANSLITERATE }).body];
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

    // A database outage is answered by the turn's error mapping: Twilio texts whatever TwiML says, so it still gets a 200.
    const bodies = await answerMessage(message, deps);
    res.status(200).type('text/xml').send(twimlMessages(bodies));
  });

  return router;
}

