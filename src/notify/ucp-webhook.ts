import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Types } from 'mongoose';
import type { HoldResult, OutboxSender, SendResult } from '../channels/adapter';
import type { Config } from '../config';
import { orderForNotification, type UcpOrderUpdatePayload } from '../services/notifications';
import { ucpOrderBody } from './ucp-order';

/**
 * Order updates of UCP checkouts, sent to the platform's order webhook and signed as UCP signs every
 * HTTP message: RFC 9421 HTTP Message Signatures over the method, target URI, content type and an
 * RFC 9530 `Content-Digest` of the body, with an ES256 key whose public half is in our profile's
 * `signing_keys` (/.well-known/ucp). https://ucp.dev/specification/signatures
 */

export interface UcpSigningKey {
  privateKey: KeyObject;
  publicJwk: JsonWebKey & { kid: string; use: 'sig'; alg: 'ES256' };
}

const keys = new WeakMap<Config, UcpSigningKey>();

/** The configured signing key (UCP_SIGNING_KEY), or one for this process when unset (development). */
export function ucpSigningKey(config: Config): UcpSigningKey {
  let key = keys.get(config);
  if (!key) {
    const privateKey = config.UCP_SIGNING_KEY ? createPrivateKey(config.UCP_SIGNING_KEY) : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    // The kid is the key's own thumbprint-like digest, so a rotated key gets a new kid by itself.
    const kid = createHash('sha256').update(`${jwk.x}.${jwk.y}`).digest('base64url').slice(0, 16);
    key = { privateKey, publicJwk: { ...jwk, kid, use: 'sig', alg: 'ES256' } };
    keys.set(config, key);
  }
  return key;
}

/** The headers that sign `body` for a POST to `url` (RFC 9421, label `sig1`). */
export function signedWebhookHeaders(key: UcpSigningKey, url: string, body: string, now: Date): Record<string, string> {
  const contentType = 'application/json';
  const contentDigest = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
  const components = ['"@method"', '"@target-uri"', '"content-type"', '"content-digest"'];
  const params = `(${components.join(' ')});created=${Math.floor(now.getTime() / 1000)};keyid="${key.publicJwk.kid}"`;
  const base = [`"@method": POST`, `"@target-uri": ${url}`, `"content-type": ${contentType}`, `"content-digest": ${contentDigest}`, `"@signature-params": ${params}`].join('\n');
  const signature = sign('sha256', Buffer.from(base), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  return { 'content-type': contentType, 'content-digest': contentDigest, 'signature-input': `sig1=${params}`, signature: `sig1=:${signature}:` };
}

/** The outbox sender for UCP order updates: one signed POST per status change, retried until the platform takes it. */
export function ucpOrderUpdateSender(config: Config, fetchImpl: typeof fetch = fetch): OutboxSender {
  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as UcpOrderUpdatePayload;
      if (!config.UCP_ORDER_WEBHOOK_URL) return { hold: 'withheld', reason: 'no UCP order webhook is configured' };
      const order = await orderForNotification(new Types.ObjectId(payload.orderId));
      if (!order) return { hold: 'withheld', reason: `order ${payload.orderNumber} no longer exists` };
      const body = JSON.stringify(await ucpOrderBody(config, order, payload));
      const url = config.UCP_ORDER_WEBHOOK_URL;
      try {
        const response = await fetchImpl(url, { method: 'POST', headers: signedWebhookHeaders(ucpSigningKey(config), url, body, now), body, signal: AbortSignal.timeout(10_000) });
        if (response.ok) return { ok: true };
        return { ok: false, retryable: response.status >= 500 || response.status === 429, error: `UCP order webhook answered ${response.status}` };
      } catch (error) {
        return { ok: false, retryable: true, error: `UCP order webhook: ${(error as Error).name}` };
      }
    },
  };
}
