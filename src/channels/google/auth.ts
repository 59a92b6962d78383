import type { IncomingHttpHeaders } from 'node:http';
import { sameSecret } from '../../core/secrets';

/**
 * Dialogflow fulfilment calls carry whatever the agent's fulfilment settings say: a custom header
 * (`x-webhook-secret: <secret>`) or HTTP basic auth. Either one is accepted; both are compared in
 * constant time, and an unset secret accepts nothing.
 */
export type WebhookAuthResult = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' };

export interface WebhookCredentials {
  secret: string | undefined;
  /** When set, the basic-auth user name must equal it too. */
  basicUser?: string;
}

export const SECRET_HEADER = 'x-webhook-secret';

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function verifyWebhookAuth(headers: IncomingHttpHeaders, credentials: WebhookCredentials): WebhookAuthResult {
  const header = headers[SECRET_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  const authorization = headers.authorization;
  if (!given && !authorization) return { ok: false, reason: 'missing' };
  const expected = credentials.secret;
  if (!expected) return { ok: false, reason: 'mismatch' };
  if (given) return sameSecret(given, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
  const basic = basicCredentials(authorization);
  if (!basic) return { ok: false, reason: 'mismatch' };
  // Both comparisons always run, so the time taken does not tell which part was wrong.
  const userOk = credentials.basicUser === undefined ? true : sameSecret(basic.user, credentials.basicUser);
  const passwordOk = sameSecret(basic.password, expected);
  return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'mismatch' };
}
