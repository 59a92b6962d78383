import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Link codes: twelve digits a customer reads on one channel and types (or says) on another. The first
 * six are a locator that finds the code, the last six its secret. Without a locator a wrong guess
 * could not be counted against any code, and a limit on guesses per code would mean nothing; with
 * one, five guesses at a code give a one-in-200,000 chance of hitting its secret. Six locator digits
 * (a million) keep a sweep from finding live codes by chance, and keep one customer per live code
 * (see issueLinkCode) far from filling the space.
 */

export const LINK_CODE_LIFETIME_MS = 10 * 60_000;
export const LINK_CODE_MAX_ATTEMPTS = 5;
/**
 * Guesses per hour from one redeemer and from one source address (a channel user, or the IP behind
 * web chat sessions and the sign-in page). Below LINK_CODE_MAX_ATTEMPTS, so one source alone can never
 * lock somebody else's code.
 */
export const LINK_CODE_GUESSES_PER_HOUR = 4;
const LOCATOR_DIGITS = 6;
const SECRET_DIGITS = 6;
const CODE_DIGITS = LOCATOR_DIGITS + SECRET_DIGITS;

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

/** How the code is shown: "4821 9073 1640" (groups of four are easy to read out and type). */
export function formatLinkCode(parts: LinkCodeParts): string {
  return `${parts.locator}${parts.secret}`.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A typed or spoken code with spaces, dashes or dots between digits; null unless exactly twelve digits. */
export function parseLinkCode(input: string): LinkCodeParts | null {
  const compact = input.replace(/[\s.-]/g, '');
  if (compact.length !== CODE_DIGITS || !/^\d+$/.test(compact)) return null;
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
