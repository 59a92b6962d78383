import type { Config } from '../../config';
import type { ChannelSender, ChannelServices, SendResult } from '../adapter';
import { postToGraph, type GraphSettings } from '../meta/graph-client';
import { MESSENGER_SEND_LIMIT, type MessengerPlatform } from './capabilities';
import type { MessengerMessage } from './render';

export function messengerGraphSettings(config: Config): GraphSettings {
  return { baseUrl: config.GRAPH_API_BASE_URL, version: config.GRAPH_API_VERSION, accessToken: config.META_PAGE_ACCESS_TOKEN ?? '', timeoutMs: config.OUTBOUND_TIMEOUT_MS };
}

export interface MessengerJob {
  recipientId: string;
  messages: MessengerMessage[];
  /** A person's reply after the 24-hour window (within 7 days): sent with the HUMAN_AGENT message tag. */
  humanAgentTag?: boolean;
}

/** The body of one Send API request answering a customer (what the developer console previews). */
export function sendApiRequestBody(recipientId: string, message: MessengerMessage | undefined, humanAgentTag = false): Record<string, unknown> {
  if (humanAgentTag) return { recipient: { id: recipientId }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message };
  return { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message };
}

/**
 * One Send API call within the account's published rate (MESSENGER_SEND_LIMIT, shared by every process
 * through a unique-insert allowance); over it, the send is retried in the next second rather than
 * throttled by Meta.
 */
export async function postWithinSendLimit(graph: GraphSettings, services: ChannelServices, platform: MessengerPlatform, body: unknown, now: Date): Promise<SendResult> {
  // Without the database (the outage apology is sent exactly then) the calls cannot be counted: one
  // uncounted call is better than leaving the customer in silence.
  const withinLimit = await services.takeRateSlot(`${platform}:send-api`, MESSENGER_SEND_LIMIT.callsPerSecond, 1000, now).catch(() => true);
  if (!withinLimit) {
    return { ok: false, retryable: true, retryAfterMs: 1000, error: `${platform}: over ${MESSENGER_SEND_LIMIT.callsPerSecond} Send API calls this second` };
  }
  return postToGraph(graph, '/me/messages', body);
}

/** The Send API (Messenger and Instagram share it): replies to a customer's message, in order. */
export function messengerSender(graph: GraphSettings, services: ChannelServices, platform: MessengerPlatform): ChannelSender {
  return {
    recipientOf: (payload) => (payload as MessengerJob).recipientId ?? null,
    messageCount: (payload) => (payload as MessengerJob).messages.length,
    send: (payload, index, now) => {
      const job = payload as MessengerJob;
      return postWithinSendLimit(graph, services, platform, sendApiRequestBody(job.recipientId, job.messages[index], job.humanAgentTag), now);
    },
  };
}

/** Shows "typing…" while the reply is worked out. Best effort: a failure changes nothing. */
export async function showTyping(graph: GraphSettings, recipientId: string): Promise<void> {
  await postToGraph(graph, '/me/messages', { recipient: { id: recipientId }, sender_action: 'typing_on' });
}
