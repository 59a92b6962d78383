import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors';
import { sameSecret } from '../../core/secrets';

export function requireApiKey(expectedKey: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const given = req.header('x-api-key');
    if (!given) return next(new AppError('UNAUTHENTICATED', 'An x-api-key header is required.'));
    if (!expectedKey || !sameSecret(given, expectedKey)) return next(new AppError('FORBIDDEN', 'The API key is not valid.'));
    next();
  };
}
