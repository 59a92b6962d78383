import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The Official Account server signature (plain-text mode): sha1 hex of the token, timestamp and nonce,
 * sorted lexicographically and concatenated. The same scheme signs the GET handshake and every POST.
 */
export function computeWechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

export function verifyWechatSignature(token: string, signature: string, timestamp: string, nonce: string): boolean {
  if (!token) return false;
  const expected = Buffer.from(computeWechatSignature(token, timestamp, nonce), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  // The length (40 hex chars for SHA-1) is public, so checking it first leaks nothing.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** True when the signed timestamp (Unix seconds) is within `windowSeconds` of now, either way. */
export function isFreshTimestamp(timestamp: string, now: Date, windowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}
