import type { Config } from '../../config';
import type { ChannelSender, SendResult } from '../adapter';

/**
 * The Official Account customer-service message API, for replies that missed the 5-second passive
 * window: POST /cgi-bin/message/custom/send?access_token=... with a JSON text message. The access token
 * comes from /cgi-bin/token (client_credential) and is cached until shortly before it expires.
 */

/** An outbox job: text messages for one customer, sent in order. */
export interface WechatJob {
  toUser: string;
  contents: string[];
}

interface WechatApiAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** The access token is invalid or expired: fetch a new one and retry. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
/** Retrying cannot help: missing or bad app id or secret, server IP not whitelisted, the user unfollowed or has not written in 48 h, quota for this user used up, bad OpenID. */
const PERMANENT = new Set([41002, 41004, 40013, 40125, 40164, 43004, 45015, 45047, 40003]);
/** Refresh the token this long before WeChat says it expires, so a request never carries one that expires in flight. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

function failure(errcode: number, errmsg: string | undefined, what: string): SendResult {
  return { ok: false, retryable: !PERMANENT.has(errcode), error: `wechat ${what} errcode ${errcode}: ${errmsg ?? 'no message'}` };
}

async function readAnswer(response: Response): Promise<WechatApiAnswer | null> {
  return ((await response.json().catch(() => null)) as WechatApiAnswer | null) ?? null;
}

export function wechatSender(config: Config, now: () => number = Date.now): ChannelSender {
  let cached: CachedToken | undefined;

  async function accessToken(): Promise<{ token: string } | { failed: SendResult }> {
    if (cached && cached.expiresAt > now()) return { token: cached.value };
    const url = new URL('/cgi-bin/token', config.WECHAT_API_BASE_URL);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: config.WECHAT_APP_ID, secret: config.WECHAT_APP_SECRET ?? '' }).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(config.OUTBOUND_TIMEOUT_MS) });
    const answer = await readAnswer(response);
    if (!response.ok || !answer) return { failed: { ok: false, retryable: true, error: `wechat token http ${response.status}` } };
    if (answer.errcode || !answer.access_token) return { failed: failure(answer.errcode ?? -1, answer.errmsg, 'token') };
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    cached = { value: answer.access_token, expiresAt: now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
    return { token: cached.value };
  }

  async function sendText(toUser: string, content: string): Promise<SendResult> {
    const token = await accessToken();
    if ('failed' in token) return token.failed;
    const url = new URL('/cgi-bin/message/custom/send', config.WECHAT_API_BASE_URL);
    url.search = new URLSearchParams({ access_token: token.token }).toString();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ touser: toUser, msgtype: 'text', text: { content } }),
      signal: AbortSignal.timeout(config.OUTBOUND_TIMEOUT_MS),
    });
    const answer = await readAnswer(response);
    if (!response.ok || !answer) return { ok: false, retryable: true, error: `wechat custom send http ${response.status}` };
    const errcode = answer.errcode ?? 0;
    if (errcode === 0) return { ok: true };
    if (TOKEN_REJECTED.has(errcode)) cached = undefined;
    return failure(errcode, answer.errmsg, 'custom send');
  }

  return {
    recipientOf: (payload) => (payload as WechatJob).toUser ?? null,
    messageCount: (payload) => (payload as WechatJob).contents.length,
    send: async (payload, index) => {
      const job = payload as WechatJob;
      const content = job.contents[index];
      if (content === undefined) return { ok: false, retryable: false, error: `wechat job has no message ${index}` };
      try {
        return await sendText(job.toUser, content);
      } catch (error) {
        return { ok: false, retryable: true, error: `wechat unreachable: ${(error as Error).message}` };
      }
    },
  };
}
