import { createHmac } from 'node:crypto';
import { sameSecret } from './secrets';

/** How far a signed webhook's timestamp may be from our clock, either way: older ones are replays. */
export const SIGNED_WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): what the helpdesk webhook's signature header carries, both ways. */
export function webhookSignature(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Whether `signature` signs this body at this timestamp (constant-time), and the timestamp is fresh. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: Buffer, signature: string, now: Date): boolean {
  if (!/^\d{1,13}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SIGNED_WEBHOOK_TOLERANCE_MS) return false;
  return sameSecret(signature, webhookSignature(secret, timestamp, body));
}
