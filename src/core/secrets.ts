import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented shared secret (an API key, a verify token) equals the expected one. Both are
 * hashed first, so the comparison is constant-time and reveals neither content nor length.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}
