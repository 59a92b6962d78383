import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, ERROR_CATALOG, isAppError, isDatabaseUnavailable } from '../core/errors';

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
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE', 'The service is briefly unavailable; please try again shortly.');
  return new AppError('INTERNAL', 'Something went wrong on our side.');
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
