import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, ERROR_CATALOG, isAppError, isDatabaseUnavailable, type ErrorCode } from '../core/errors';

/** The single place where errors become HTTP statuses, for every router. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'The request is not valid.', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const bodyParserType = (error as { type?: unknown })?.type;
  if (bodyParserType === 'entity.too.large') return new AppError('BODY_TOO_LARGE', 'The request body is too large.');
  if (typeof bodyParserType === 'string' && bodyParserType.startsWith('entity.') || bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
    return new AppError('MALFORMED_BODY', 'The request body could not be read.');
  }
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return clientError(status, error);
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE', 'The service is briefly unavailable; please try again shortly.');
  return new AppError('INTERNAL', 'Something went wrong on our side.');
}

/**
 * Express and its middleware mark the caller's mistakes with a 4xx `status` (a path parameter that
 * is not valid percent-encoding, say); that is a 4xx here too, never INTERNAL. Their own messages may
 * echo the input, so the reply says it in our words.
 */
function clientError(status: number, error: unknown): AppError {
  if (error instanceof URIError) return new AppError('VALIDATION_FAILED', 'The path is not valid percent-encoding.');
  const byStatus: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'BODY_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };
  return new AppError(byStatus[status] ?? 'VALIDATION_FAILED', 'The request could not be accepted.');
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', 'Nothing here.'));
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (appError.httpStatus >= 500) req.log?.error({ err: error }, 'request failed');
  else req.log?.info({ errorCode: appError.code, details: appError.details }, 'request refused');
  res.status(appError.httpStatus).json({
    error: { code: appError.code, message: appError.message, hint: ERROR_CATALOG[appError.code].hint, details: appError.details },
  });
};
