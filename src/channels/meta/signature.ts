import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta webhooks (Messenger, Instagram, WhatsApp) sign each POST with `X-Hub-Signature-256:
 * sha256=<hex>`: an HMAC-SHA256 of the raw request bytes keyed with the app secret. Verify the
 * bytes exactly as received: re-serialising parsed JSON changes escapes ("\u00e9" becomes "é",
 * "\/" becomes "/") and so changes the digest.
 */
export type MetaSignatureResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

const PREFIX = 'sha256=';
/** A SHA-256 digest is 32 bytes: 64 hex digits. */
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): MetaSignatureResult {
  const value = header?.trim();
  if (!value) return { ok: false, reason: 'missing' };
  if (!value.startsWith(PREFIX)) return { ok: false, reason: 'malformed' };
  const hex = value.slice(PREFIX.length);
  if (!HEX_DIGEST.test(hex)) return { ok: false, reason: 'malformed' };
  // An empty secret is a configuration mistake: anyone could compute that HMAC, so never accept it.
  if (appSecret.length === 0) return { ok: false, reason: 'mismatch' };
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(hex, 'hex');
  // Both are 32 bytes (the regex guarantees it for `given`), as timingSafeEqual requires.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
