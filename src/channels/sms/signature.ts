import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio webhook signatures (X-Twilio-Signature) for form-encoded POSTs:
 * base64(HMAC-SHA1(authToken, url + key1 + value1 + key2 + value2 ...)), keys sorted, the url being the
 * full webhook URL as configured in Twilio, query string included. A repeated key (array value)
 * contributes key+value for each distinct value, values sorted (as the official helper does).
 *
 * Verification mirrors the official helper (`twilio` validateRequest): the URL is tried as given, with
 * its port removed, and with the scheme's default port added (https 443, http 80), because Twilio may
 * have signed either form; then, as the helper's fallback, the same forms of the WHATWG-normalized URL
 * (percent-encodes chars such as `'`). Comparison is constant-time.
 */

export type TwilioParams = Record<string, string | string[]>;

function paramData(key: string, value: string | string[]): string {
  if (Array.isArray(value)) {
    return [...new Set(value)]
      .sort()
      .map((item) => key + item)
      .join('');
  }
  return key + value;
}

export function computeTwilioSignature(authToken: string, url: string, params: TwilioParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + paramData(key, params[key] ?? ''), url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: string;
  rest: string;
}

/** Splits without normalizing, so the path and query keep the exact characters Twilio signed. */
function splitUrl(url: string): UrlParts | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme = '', authority = ''] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the port colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function normalized(url: string): string | null {
  try {
    return new URL(url).toString();
  } catch {
    return null;
  }
}

/** The URLs a valid signature may have been computed over, in the order the official helper tries them. */
export function candidateUrls(url: string): string[] {
  const candidates = [url, withoutPort(url), withDefaultPort(url)];
  const whatwg = normalized(url);
  if (whatwg !== null) candidates.push(whatwg, withoutPort(whatwg), withDefaultPort(whatwg));
  return [...new Set(candidates)];
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // The expected length is fixed by SHA-1 (28 base64 chars) and not secret, so an early length check leaks nothing.
  return left.length === right.length && timingSafeEqual(left, right);
}

export function verifyTwilioSignature(
  authToken: string,
  signatureHeader: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!authToken || !signatureHeader) return false;
  let valid = false;
  // Every candidate is checked (no early exit), so timing does not depend on which form matched.
  for (const candidate of candidateUrls(url)) {
    if (safeEqual(signatureHeader, computeTwilioSignature(authToken, candidate, params))) valid = true;
  }
  return valid;
}
