import type { SendResult } from '../adapter';

export interface GraphSettings {
  baseUrl: string;
  version: string;
  accessToken: string;
  /** A platform call that takes longer is abandoned and retried later. */
  timeoutMs: number;
}

/** Graph error codes that mean "slow down or try again" (rate limits, temporary outages). */
const RETRYABLE_GRAPH_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80001, 80002, 80006, 130429, 131056]);

/** Sorts a Graph API answer into sent, retry (with the delay a rate limit asks for) or permanent failure. */
export async function classifyGraphResponse(response: Response): Promise<SendResult> {
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: number; message?: string; is_transient?: boolean; error_subcode?: number } };
  const code = body.error?.code;
  const error = `graph ${response.status}${code !== undefined ? ` code ${code}` : ''}: ${body.error?.message ?? response.statusText}`;
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : response.status === 429 ? 60_000 : undefined;
  const retryable = response.status >= 500 || response.status === 429 || body.error?.is_transient === true || (code !== undefined && RETRYABLE_GRAPH_CODES.has(code));
  return { ok: false, retryable, retryAfterMs: retryable ? retryAfterMs : undefined, error };
}

export async function postToGraph(settings: GraphSettings, path: string, body: unknown): Promise<SendResult> {
  try {
    const response = await fetch(new URL(`/${settings.version}${path}`, settings.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    return await classifyGraphResponse(response);
  } catch (error) {
    return { ok: false, retryable: true, error: `graph unreachable: ${(error as Error).message}` };
  }
}
