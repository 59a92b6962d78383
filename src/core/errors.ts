/**
 * The one catalog of errors. Each code is stable (clients and tests may rely on it), carries the
 * HTTP status it maps to, and a hint for the developer. What the customer is told lives in the
 * locale bundles (conversation/locales), keyed by the same code, so each channel says it in its own voice.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { httpStatus: 400, hint: 'The payload did not match the expected schema; `details` lists each problem.' },
  MALFORMED_BODY: { httpStatus: 400, hint: 'The body is not valid JSON/XML/form data for this endpoint, or its content type is wrong.' },
  BODY_TOO_LARGE: { httpStatus: 413, hint: 'The body exceeds the endpoint limit; platforms never send bodies this large.' },
  UNAUTHENTICATED: { httpStatus: 401, hint: 'A required signature, secret or API key header is missing.' },
  FORBIDDEN: { httpStatus: 403, hint: 'The signature, secret or API key did not verify.' },
  NOT_FOUND: { httpStatus: 404, hint: 'No route or record matches; check the path and identifiers.' },
  CONFLICT: { httpStatus: 409, hint: 'The record already exists or changed under you; re-read and retry.' },
  DATABASE_UNAVAILABLE: { httpStatus: 503, hint: 'The database did not answer; the service retries and /readyz reports it.' },
  INTERNAL: { httpStatus: 500, hint: 'An unexpected error; the log line with this request id has the cause.' },
} as const satisfies Record<string, { httpStatus: number; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export class AppError extends Error {
  readonly httpStatus: number;
  readonly hint: string;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.httpStatus = ERROR_CATALOG[code].httpStatus;
    this.hint = ERROR_CATALOG[code].hint;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
