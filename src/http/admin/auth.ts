import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors';

/** Compares digests so neither the key's length nor its content leaks through timing. */
export function requireApiKey(expectedKey: string | undefined): RequestHandler {
  const expected = expectedKey ? createHash('sha256').update(expectedKey).digest() : undefined;
  return (req, _res, next) => {
    const given = req.header('x-api-key');
    if (!given) return next(new AppError('UNAUTHENTICATED', 'An x-api-key header is required.'));
    if (!expected || !timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
      return next(new AppError('FORBIDDEN', 'The API key is not valid.'));
    }
    next();
  };
}
