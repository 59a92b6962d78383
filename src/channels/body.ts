import express, { type RequestHandler } from 'express';
import { AppError } from '../core/errors';

/**
 * Refuses a body whose content type is not one the platform sends (415), before anything reads it.
 * A platform never changes its content type, so a mismatch is a client error, not something to guess at.
 */
export function requireContentType(...types: string[]): RequestHandler {
  return (req, _res, next) => {
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.header('content-type') ?? '')?.[2]?.toLowerCase();
    if (!req.is(types) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', `Expected ${types.join(' or ')} (UTF-8).`));
      return;
    }
    next();
  };
}

/** The exact bytes of a body of the given types, for a signature to be checked over them. */
export function rawBodyOf(types: string[], limit: string | number): RequestHandler[] {
  return [requireContentType(...types), express.raw({ type: () => true, limit })];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of a body that must be UTF-8: invalid bytes are refused rather than replaced with U+FFFD. */
export function decodeUtf8(raw: Buffer): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw new AppError('MALFORMED_BODY', 'The body is not valid UTF-8.');
  }
}

/** JSON of the given limit, strictly: application/json in UTF-8 only, invalid bytes refused; sets `req.body`. */
export function jsonBody(limit: string | number): RequestHandler[] {
  return [
    ...rawBodyOf(['application/json'], limit),
    (req, _res, next) => {
      req.body = parseJsonBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      next();
    },
  ];
}

export function parseJsonBody(raw: Buffer): unknown {
  const text = decodeUtf8(raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_BODY', 'The body is not JSON.');
  }
}
