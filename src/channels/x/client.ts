import type { Config } from '../../config';
import type { ChannelSender, SendResult } from '../adapter';

/** An outbox job: direct messages to one X user, sent in order. */
export interface XJob {
  recipientId: string;
  texts: string[];
}

/** The JSON body of one v2 send request (what the developer console previews). */
export function dmRequestBody(text: string): { text: string } {
  return { text };
}

/** When X says the rate-limit window resets (`x-rate-limit-reset`, epoch seconds), as a delay; a minute when it does not say. */
function retryAfter(response: Response, now: number): number {
  const resetSeconds = Number(response.headers.get('x-rate-limit-reset'));
  const delay = Number.isFinite(resetSeconds) && resetSeconds > 0 ? resetSeconds * 1000 - now : NaN;
  return delay > 0 && delay <= 24 * 60 * 60 * 1000 ? delay : 60_000;
}

/**
 * POST /2/dm_conversations/with/:participant_id/messages with the shop account's user token. A 429 is
 * retried when X's window resets; a 5xx or a network failure is retried; any other refusal (the user
 * does not accept DMs from us, a revoked token) is final for the job.
 */
export async function sendDirectMessage(config: Config, recipientId: string, text: string, now: number = Date.now()): Promise<SendResult> {
  try {
    const url = new URL(`/2/dm_conversations/with/${encodeURIComponent(recipientId)}/messages`, config.X_API_BASE_URL);
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.X_USER_ACCESS_TOKEN ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(dmRequestBody(text)),
      signal: AbortSignal.timeout(config.OUTBOUND_TIMEOUT_MS),
    });
    if (response.ok) return { ok: true };
    const detail = ((await response.json().catch(() => ({}))) as { title?: unknown; detail?: unknown }).detail;
    const error = `x dm ${response.status}${typeof detail === 'string' ? `: ${detail.slice(0, 200)}` : ''}`;
    if (response.status === 429) return { ok: false, retryable: true, retryAfterMs: retryAfter(response, now), error };
    return { ok: false, retryable: response.status >= 500, error };
  } catch (error) {
    return { ok: false, retryable: true, error: `x unreachable: ${(error as Error).message}` };
  }
}

export function xSender(config: Config): ChannelSender {
  return {
    recipientOf: (payload) => (payload as XJob).recipientId ?? null,
    messageCount: (payload) => (payload as XJob).texts.length,
    send: (payload, index, now) => {
      const job = payload as XJob;
      const text = job.texts[index];
      if (text === undefined) return Promise.resolve({ ok: false, retryable: false, error: `x job has no message ${index}` });
      return sendDirectMessage(config, job.recipientId, text, now.getTime());
    },
  };
}
