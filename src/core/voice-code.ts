import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const SCRYPT_COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function isWellFormedVoiceCode(code: string): boolean {
  return /^\d{4}$/.test(code);
}

/**
 * scrypt over HMAC(pepper, code): the salt defeats precomputed tables, and the server-side pepper
 * means a stolen database alone cannot brute-force the 10,000 possible codes.
 */
export async function hashVoiceCode(code: string, pepper: string, salt: Buffer = randomBytes(16)): Promise<{ hash: string; salt: string }> {
  const derived = await scryptAsync(createHmac('sha256', pepper).update(code).digest(), salt);
  return { hash: derived.toString('base64'), salt: salt.toString('base64') };
}

export async function voiceCodeMatches(code: string, stored: { hash: string; salt: string }, pepper: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const { hash } = await hashVoiceCode(code, pepper, Buffer.from(stored.salt, 'base64'));
  const actual = Buffer.from(hash, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function scryptAsync(secret: Buffer, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, SCRYPT_COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
