import type { Request, RequestHandler } from 'express';
import { AppError } from '../../core/errors';
import { sameSecret } from '../../core/secrets';

/** The key from `x-api-key`, or with `acceptBearer` also from `Authorization: Bearer` (what Prometheus sends). */
function givenKey(req: Request, acceptBearer: boolean): string | undefined {
  const header = req.header('x-api-key');
  if (header || !acceptBearer) return header;
  return /^Bearer (\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
}

export function requireApiKey(expectedKey: string | undefined, { acceptBearer = false } = {}): RequestHandler {
  return (req, _res, next) => {
    const given = givenKey(req, acceptBearer);
    if (!given) return next(new AppError('UNAUTHENTICATED', acceptBearer ? 'An x-api-key header or an Authorization: Bearer header is required.' : 'An x-api-key header is required.'));
    if (!expectedKey || !sameSecret(given, expectedKey)) return next(new AppError('FORBIDDEN', 'The API key is not valid.'));
    next();
  };
}
