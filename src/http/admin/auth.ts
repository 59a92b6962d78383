import type { Request, RequestHandler } from 'express';
import { AppError } from '../../core/errors';
import { sameSecret } from '../../core/secrets';

/** Where a caller presents a shared secret: `x-api-key` (the admin API) or `Authorization: Bearer` (what Prometheus sends). */
type PresentedAs = 'x-api-key' | 'bearer';

const MISSING: Record<PresentedAs, string> = {
  'x-api-key': 'An x-api-key header is required.',
  bearer: 'An Authorization: Bearer header is required.',
};

function presentedSecret(req: Request, presentedAs: PresentedAs): string | undefined {
  if (presentedAs === 'x-api-key') return req.header('x-api-key');
  return /^Bearer (\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
}

/** Refuses a request without the expected secret; with no expected secret (unset in production) it refuses every request. */
export function requireApiKey(expectedKey: string | undefined, { presentedAs = 'x-api-key' }: { presentedAs?: PresentedAs } = {}): RequestHandler {
  return (req, _res, next) => {
    const given = presentedSecret(req, presentedAs);
    if (!given) return next(new AppError('UNAUTHENTICATED', MISSING[presentedAs]));
    if (!expectedKey || !sameSecret(given, expectedKey)) return next(new AppError('FORBIDDEN', 'The API key is not valid.'));
    next();
  };
}
