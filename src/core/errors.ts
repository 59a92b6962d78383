/**
 * The one catalog of errors. Each code is stable (clients and tests may rely on it), carries the
 * HTTP status it maps to, and a hint for the developer. What the customer is told lives in the
 * locale bundles (conversation/locales), keyed by the same code, so each channel says it in its own voice.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { httpStatus: 400, hint: 'The payload did not match the expected schema; `details` lists each problem.' },
  MALFORMED_BODY: { httpStatus: 400, hint: 'The body is not valid JSON/XML/form data for this endpoint, or its content type is wrong.' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, hint: 'The Content-Type is not the one this endpoint (and its platform) uses: JSON or form data, in UTF-8.' },
  BODY_TOO_LARGE: { httpStatus: 413, hint: 'The body exceeds the endpoint limit; platforms never send bodies this large.' },
  UNAUTHENTICATED: { httpStatus: 401, hint: 'A required signature, secret or API key header is missing.' },
  FORBIDDEN: { httpStatus: 403, hint: 'The signature, secret or API key did not verify.' },
  NOT_FOUND: { httpStatus: 404, hint: 'No route or record matches; check the path and identifiers.' },
  CONFLICT: { httpStatus: 409, hint: 'The record already exists or changed under you; re-read and retry.' },
  DATABASE_UNAVAILABLE: { httpStatus: 503, hint: 'The database did not answer; the service retries and /readyz reports it.' },
  PRODUCT_NOT_FOUND: { httpStatus: 404, hint: 'No catalog product matched; the matcher asks back when several are close.' },
  OUT_OF_STOCK: { httpStatus: 409, hint: 'The inventory ledger balance is below the quantity asked for.' },
  CART_EMPTY: { httpStatus: 409, hint: 'Checkout needs at least one line in the cart.' },
  RESTRICTED_BY_VOICE: { httpStatus: 403, hint: 'The product has restrictions.notSoldByVoice; offer the app or a chat channel instead.' },
  AGE_VERIFICATION_REQUIRED: { httpStatus: 403, hint: 'The product has restrictions.minimumAge and the customer has no verified birth date old enough.' },
  ORDER_LIMIT_EXCEEDED: { httpStatus: 403, hint: 'The total is above ORDER_LIMIT_MINOR or the customer limit.' },
  DAILY_LIMIT_EXCEEDED: { httpStatus: 403, hint: "Today's placed orders plus this one exceed DAILY_LIMIT_MINOR or the customer limit." },
  VOICE_CODE_NOT_SET: { httpStatus: 403, hint: 'A voice code is required for this order but the customer has none; it can be set by chat.' },
  VOICE_CODE_WRONG: { httpStatus: 403, hint: 'The spoken code did not match; attempts are counted per code.' },
  VOICE_CODE_REQUIRED: { httpStatus: 403, hint: 'The guard asks for the voice code on this order: send it with the confirmation (place_order `voice_code`). Nothing was placed and no attempt was counted.' },
  VOICE_CODE_LOCKED: { httpStatus: 403, hint: 'Three wrong codes invalidated the code; the customer must set a new one by chat.' },
  CONFIRMATION_STALE: { httpStatus: 409, hint: 'The basket or its prices changed after the read-back, or the read-back expired; read back again.' },
  NO_ADDRESS: { httpStatus: 409, hint: 'The customer has no delivery address on file.' },
  ORDER_NOT_FOUND: { httpStatus: 404, hint: 'No order of this customer matches that number or date.' },
  CANCEL_WINDOW_CLOSED: { httpStatus: 409, hint: 'Past CANCELLATION_WINDOW_MINUTES after placing, or already packed: staff must cancel.' },
  INVALID_STATUS_CHANGE: { httpStatus: 409, hint: 'The order lifecycle does not allow this status after the current one (see core/order-rules).' },
  ACCOUNT_NOT_LINKED: { httpStatus: 403, hint: 'The voice platform sent no valid account-linking token; purchases need a linked account (Alexa rule for physical goods).' },
  REQUEST_NOT_VERIFIED: { httpStatus: 400, hint: 'The platform signature, certificate, timestamp or skill id did not verify; `details.reason` says which.' },
  LINK_CODE_WRONG: { httpStatus: 403, hint: 'No link code matches, or its secret is wrong; each code allows five guesses (core/link-code).' },
  LINK_CODE_LOCKED: { httpStatus: 403, hint: 'Five guesses were made at this link code, so it no longer works, even with the right digits; ask for a new one.' },
  LINK_CODE_EXPIRED: { httpStatus: 410, hint: 'Link codes live 10 minutes (LINK_CODE_LIFETIME_MS); ask for a new one.' },
  LINK_CODE_USED: { httpStatus: 409, hint: 'A link code works once (LinkCodeRedemption is unique per code); ask for a new one.' },
  LINK_CODE_THROTTLED: { httpStatus: 429, hint: 'Too many link-code guesses from this customer or source address this hour (LINK_CODE_GUESSES_PER_HOUR); wait for the next hour.' },
  WEBCHAT_SESSIONS_THROTTLED: { httpStatus: 429, hint: 'Too many new web chat sessions from this source address this hour (WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR); reuse the token you have or wait for the next hour.' },
  LINK_CODE_UNAVAILABLE: { httpStatus: 503, hint: 'No free link-code locator was found after several tries; the locator space is unusually full. Retry in a few minutes.' },
  DISCOUNT_NOT_APPLICABLE: { httpStatus: 409, hint: 'The discount code is unknown, inactive, outside its dates, below its minimum basket, for none of these items, or used up; `details.problem` says which.' },
  ORDER_IN_PROGRESS: { httpStatus: 409, hint: 'Another request with the same idempotency key is still placing this order; retry shortly.' },
  PAYMENT_UNAVAILABLE: { httpStatus: 503, hint: 'Stripe did not answer or refused our request (STRIPE_API_BASE_URL, STRIPE_SECRET_KEY); an order placed at that moment is cancelled and what it held given back.' },
  REFUND_NOT_ALLOWED: { httpStatus: 409, hint: 'Nothing was paid for this order through Stripe yet, or the amount is above what was paid minus earlier refunds; `details.refundableMinor` says what is left.' },
  SIGN_IN_THROTTLED: { httpStatus: 429, hint: 'Too many staff sign-in attempts for this e-mail or from this address (STAFF_SIGN_IN_ATTEMPTS per 15 minutes); wait and try again.' },
  CAMPAIGN_TEST_THROTTLED: { httpStatus: 429, hint: 'A campaign allows 5 test sends per clock hour (to numbers in OUTBOUND_COUNTRY_PREFIXES that did not opt out); wait for the next hour.' },
  AGENT_REPLY_REFUSED: { httpStatus: 409, hint: "The customer's channel does not allow this reply now (a closed messaging window, an opt-out, no approved template); `details.reason` says which." },
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

/** Whether an error means the database is out of reach (retryable, "try again shortly") rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  return /^Mongo(Network|ServerSelection|NotConnected|PoolClosed|Topology)/.test(name) || name === 'MongooseServerSelectionError';
}

/** The catalog code for an unexpected error: every caller maps failures the same way. */
export function codeForUnexpected(error: unknown): ErrorCode {
  if (isAppError(error)) return error.code;
  return isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'INTERNAL';
}
