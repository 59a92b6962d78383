/** Why a request that claims to come from Alexa was refused. */
export type AlexaVerificationFailure =
  | 'missing-signature-headers'
  | 'bad-cert-url'
  | 'cert-fetch-failed'
  | 'cert-fetch-limited'
  | 'cert-invalid'
  | 'cert-expired'
  | 'cert-san-mismatch'
  | 'cert-untrusted'
  | 'signature-mismatch'
  | 'malformed-body'
  | 'timestamp-out-of-range'
  | 'wrong-skill';

/** The one error the verifier throws for a request it refuses; `reason` is stable, `message` is for logs only. */
export class AlexaVerificationError extends Error {
  constructor(
    readonly reason: AlexaVerificationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AlexaVerificationError';
  }
}

export function refuse(reason: AlexaVerificationFailure, message: string): never {
  throw new AlexaVerificationError(reason, message);
}
