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
/**
 * The throttling codes among them (Graph's rate limiting: 4 app, 17 user, 32 page, 613 calls in an
 * hour, 80001/80006 the Page's and Messenger's business-use-case limits): retried no sooner than the
 * platform says access returns, and never sooner than a minute, so a throttled Page is not hammered.
 */
const THROTTLING_GRAPH_CODES = new Set([4, 17, 32, 613, 80001, 80006]);
const THROTTLE_BACKOFF_MS = 60_000;

/**
 * The longest `estimated_time_to_regain_access` (minutes) in the X-Business-Use-Case-Usage header
 * (a JSON object of business ids, each a list of usage entries), in milliseconds; 0 when none.
 */
function regainAccessMs(header: string | null): number {
  if (!header || header.length > 10_000) return 0;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: unknown }[]>;
    const minutes = Object.values(usage).flatMap((entries) => (Array.isArray(entries) ? entries : [])).map((entry) => Number(entry?.estimated_time_to_regain_access));
    const longest = Math.max(0, ...minutes.filter((value) => Number.isFinite(value) && value > 0 && value <= 24 * 60));
    return longest * 60_000;
  } catch {
    return 0;
  }
}

/** Sorts a Graph API answer into sent, retry (with the delay a rate limit asks for) or permanent failure. */
export async function classifyGraphResponse(response: Response): Promise<SendResult> {
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: number; message?: string; is_transient?: boolean; error_subcode?: number } };
  const code = body.error?.code;
  const error = `graph ${response.status}${code !== undefined ? ` code ${code}` : ''}: ${body.error?.message ?? response.statusText}`;
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const throttled = code !== undefined && THROTTLING_GRAPH_CODES.has(code);
  const asked = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : response.status === 429 ? 60_000 : undefined;
  const retryAfterMs = throttled ? Math.max(asked ?? 0, THROTTLE_BACKOFF_MS, regainAccessMs(response.headers.get('x-business-use-case-usage'))) : asked;
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
