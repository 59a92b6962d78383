import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Link codes: ten digits a customer reads on one channel and types (or says) on another. The first
 * four are a locator that finds the code, the last six its secret. Without a locator a wrong guess
 * could not be counted against any code, and a limit on guesses per code would mean nothing; with
 * one, five guesses at a code give a one-in-200,000 chance of hitting its secret.
 */

export const LINK_CODE_LIFETIME_MS = 10 * 60_000;
export const LINK_CODE_MAX_ATTEMPTS = 5;
const LOCATOR_DIGITS = 4;
const SECRET_DIGITS = 6;

export interface LinkCodeParts {
  locator: string;
  secret: string;
}

function digits(count: number): string {
  return String(randomInt(0, 10 ** count)).padStart(count, '0');
}

export function newLinkCodeParts(): LinkCodeParts {
  return { locator: digits(LOCATOR_DIGITS), secret: digits(SECRET_DIGITS) };
}

/** How the code is shown: "4821 907316" (grouped so it is easy to read out and type). */
export function formatLinkCode(parts: LinkCodeParts): string {
  return `${parts.locator} ${parts.secret}`;
}

/** A typed or spoken code with spaces, dashes or dots between digits; null unless exactly ten digits. */
export function parseLinkCode(input: string): LinkCodeParts | null {
  const compact = input.replace(/[\s.-]/g, '');
  if (!/^\d{10}$/.test(compact)) return null;
  return { locator: compact.slice(0, LOCATOR_DIGITS), secret: compact.slice(LOCATOR_DIGITS) };
}

/** Bound to the code's id, so equal secrets of two codes hash differently. */
export function hashLinkCodeSecret(codeId: string, secret: string, pepper: string): string {
  return createHmac('sha256', pepper).update(`link-code:${codeId}:${secret}`).digest('base64url');
}

export function linkCodeSecretMatches(codeId: string, secret: string, storedHash: string, pepper: string): boolean {
  const actual = Buffer.from(hashLinkCodeSecret(codeId, secret, pepper));
  const expected = Buffer.from(storedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
