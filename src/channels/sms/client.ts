import type { Config } from '../../config';
import type { ChannelSender, ChannelServices, SendResult } from '../adapter';
import { SMS_CONSENT_WORDING } from './consent';
import { SMS_LOCALE } from './router';

/** An outbox job for SMS (notifications): one Twilio message per body, in order. */
export interface SmsJob {
  to: string;
  bodies: string[];
}

/** Twilio error 21610: the recipient replied STOP; sending again is refused until they reply START. */
export const TWILIO_UNSUBSCRIBED = 21610;

interface TwilioErrorBody {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

/** Sorts a Twilio REST answer into sent, retry (Retry-After honoured) or permanent failure. */
export async function classifyTwilioResponse(response: Response): Promise<SendResult & { twilioCode?: number }> {
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as TwilioErrorBody;
  const code = typeof body.code === 'number' ? body.code : undefined;
  const error = `twilio ${response.status}${code !== undefined ? ` code ${code}` : ''}: ${body.message ?? response.statusText}`;
  const retryable = code !== TWILIO_UNSUBSCRIBED && (response.status === 429 || response.status >= 500);
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : response.status === 429 ? 60_000 : undefined;
  return { ok: false, retryable, retryAfterMs: retryable ? retryAfterMs : undefined, error, twilioCode: code };
}

/** The number opted out at the carrier or Twilio (as with STOP): remember it, so nothing else is queued for it. */
async function recordCarrierOptOut(to: string, services: ChannelServices): Promise<void> {
  await services.consent.recordSubscription({ channel: 'sms', channelUserId: to, locale: SMS_LOCALE, subscribed: false, evidence: { kind: 'carrier', source: `twilio error ${TWILIO_UNSUBSCRIBED}`, wording: SMS_CONSENT_WORDING.carrierOptOut } });
}

/** Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded, basic auth). */
export function smsSender(config: Config, services: ChannelServices): ChannelSender {
  const sid = config.TWILIO_ACCOUNT_SID;
  const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`, config.TWILIO_API_BASE_URL);
  const authorization = `Basic ${Buffer.from(`${sid}:${config.TWILIO_AUTH_TOKEN ?? ''}`).toString('base64')}`;
  return {
    recipientOf: (payload) => (payload as SmsJob).to ?? null,
    messageCount: (payload) => (payload as SmsJob).bodies.length,
    send: async (payload, index) => {
      const job = payload as SmsJob;
      const body = job.bodies[index];
      if (body === undefined) return { ok: false, retryable: false, error: `sms job has no message ${index}` };
      let result: Awaited<ReturnType<typeof classifyTwilioResponse>>;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: job.to, From: config.TWILIO_FROM, Body: body }).toString(),
          signal: AbortSignal.timeout(config.OUTBOUND_TIMEOUT_MS),
        });
        result = await classifyTwilioResponse(response);
      } catch (error) {
        return { ok: false, retryable: true, error: `twilio unreachable: ${(error as Error).message}` };
      }
      if (!result.ok && result.twilioCode === TWILIO_UNSUBSCRIBED) await recordCarrierOptOut(job.to, services).catch(() => undefined);
      if (result.ok) return { ok: true };
      const { twilioCode: _code, ...sendResult } = result;
      return sendResult;
    },
  };
}
