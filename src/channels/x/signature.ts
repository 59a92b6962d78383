import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * X's webhook security (developer.x.com, "Securing webhooks"): both the challenge-response check and
 * the `x-twitter-webhooks-signature` header of every POST are `sha256=` + base64(HMAC-SHA256) keyed
 * with the app's consumer secret, over the `crc_token` and over the raw body respectively.
 */
const PREFIX = 'sha256=';
/** A SHA-256 digest in base64: 43 characters and one '='. */
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/**
 * What a CRC token may look like. The CRC answer is an HMAC of the caller's token under the same key as
 * a POST signature, so an unrestricted token would let anyone obtain the signature of a body of their
 * choosing; no token of these characters is a JSON object, which every webhook body must be.
 * UNCONFIRMED: X documents no format for crc_token (its examples are UUIDs and base64 strings).
 */
const CRC_TOKEN = /^[A-Za-z0-9_\-=+/.]{1,256}$/;

function digest(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('base64');
}

/** The JSON `response_token` for a CRC challenge, or null for a token that cannot be X's. */
export function crcResponseToken(crcToken: unknown, consumerSecret: string): string | null {
  if (typeof crcToken !== 'string' || !CRC_TOKEN.test(crcToken) || consumerSecret.length === 0) return null;
  return `${PREFIX}${digest(consumerSecret, crcToken)}`;
}

export type XSignatureResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/** Checks `x-twitter-webhooks-signature` over the bytes exactly as received, in constant time. */
export function verifyXSignature(rawBody: Buffer, header: string | undefined, consumerSecret: string): XSignatureResult {
  const value = header?.trim();
  if (!value) return { ok: false, reason: 'missing' };
  if (!value.startsWith(PREFIX) || !BASE64_DIGEST.test(value.slice(PREFIX.length))) return { ok: false, reason: 'malformed' };
  // An empty secret would make the HMAC anyone's to compute: refuse everything instead.
  if (consumerSecret.length === 0) return { ok: false, reason: 'mismatch' };
  const given = Buffer.from(value.slice(PREFIX.length), 'base64');
  const expected = Buffer.from(digest(consumerSecret, rawBody), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
