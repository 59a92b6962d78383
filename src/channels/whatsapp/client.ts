import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import { isBusinessScopedUserId, type WhatsAppPricingCategory } from '../../core/whatsapp';
import type { ChannelSender, ChannelServices, SendResult } from '../adapter';
import { classifyGraphResponse, type GraphSettings } from '../meta/graph-client';
import type { WhatsAppMessage } from './render';

/** One reply to a WhatsApp user: the rendered messages, sent in order to `to` (a phone number, or a BSUID when none is shared). */
export interface WhatsAppJob {
  to: string;
  messages: WhatsAppMessage[];
}

/**
 * Cloud API errors that retrying cannot fix, whatever the HTTP status or `is_transient` say:
 * 131047 re-engagement (outside the 24-hour service window: only a template can be delivered).
 * 130429 (throughput) and 131056 (pair rate limit) stay retryable, as classifyGraphResponse has them.
 */
const PERMANENT_WHATSAPP_CODES = new Set([131047]);

export function whatsappGraphSettings(config: Config): GraphSettings {
  return { baseUrl: config.GRAPH_API_BASE_URL, version: config.GRAPH_API_VERSION, accessToken: config.WHATSAPP_ACCESS_TOKEN ?? '', timeoutMs: config.OUTBOUND_TIMEOUT_MS };
}

async function errorCode(response: Response): Promise<number | undefined> {
  if (response.ok) return undefined;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { error?: { code?: unknown } };
  return typeof body.error?.code === 'number' ? body.error.code : undefined;
}

/**
 * The JSON body of one Cloud API send (what the developer console previews), addressed as the Cloud API
 * takes each kind of id: a phone number in `to`, a business-scoped user id in `recipient`.
 * UNCONFIRMED: the `recipient` field name for BSUIDs; Meta's business-scoped user IDs page was not
 * readable here, and partners' docs (8x8, Vonage) only show their own APIs accepting BSUIDs.
 */
export function cloudApiRequestBody(address: string, message: WhatsAppMessage): Record<string, unknown> {
  const addressed = isBusinessScopedUserId(address) ? { recipient: address } : { to: address };
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...addressed, ...message };
}

/** POST /{version}/{phone-number-id}/messages, classified like every Graph call, 131047 made permanent. */
export async function postWhatsAppMessage(graph: GraphSettings, phoneNumberId: string, to: string, message: WhatsAppMessage): Promise<SendResult> {
  try {
    const response = await fetch(new URL(`/${graph.version}/${encodeURIComponent(phoneNumberId)}/messages`, graph.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${graph.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(cloudApiRequestBody(to, message)),
      signal: AbortSignal.timeout(graph.timeoutMs),
    });
    const code = await errorCode(response);
    const result = await classifyGraphResponse(response);
    if (!result.ok && code !== undefined && PERMANENT_WHATSAPP_CODES.has(code)) return { ok: false, retryable: false, error: result.error };
    return result;
  } catch (error) {
    return { ok: false, retryable: true, error: `graph unreachable: ${(error as Error).message}` };
  }
}

/**
 * Records a sent message's pricing category and its estimated cost from WHATSAPP_RATES_PER_1000. Never
 * throws: the message is out, and a failure here must not make the outbox send it again.
 */
export async function recordWhatsAppCost(config: Config, services: ChannelServices, sendKey: string, category: WhatsAppPricingCategory, sentAt: Date): Promise<void> {
  await services.messageCosts
    .record({ sendKey, channel: 'whatsapp', category, costMilliMinor: config.WHATSAPP_RATES_PER_1000[category], currency: config.CURRENCY, sentAt })
    .catch(() => undefined);
}

/**
 * The WhatsApp Cloud API sender: each rendered message of a job, in order, from our business number.
 * Replies answer a customer inside their service window: free-form messages, priced as service.
 */
export function whatsappSender(config: Config, services: ChannelServices): ChannelSender {
  const graph = whatsappGraphSettings(config);
  return {
    recipientOf: (payload) => (payload as WhatsAppJob).to ?? null,
    messageCount: (payload) => (payload as WhatsAppJob).messages.length,
    send: async (payload, index, now, job) => {
      const { to, messages } = payload as WhatsAppJob;
      const message = messages[index];
      if (!message) return { ok: false, retryable: false, error: `no message ${index} in the job` };
      const result = await postWhatsAppMessage(graph, config.WHATSAPP_PHONE_NUMBER_ID, to, message);
      if (result.ok) await recordWhatsAppCost(config, services, job ? `${job.jobKey}#${index}` : `unqueued:${randomUUID()}`, 'service', now);
      return result;
    },
  };
}
