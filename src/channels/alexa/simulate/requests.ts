/**
 * Alexa requests as Alexa sends them (request envelope version 1.0, signed with the stand-in PKI of ./signing), for
 * the tests and for `certify`, which drive the skill in-process and over HTTP without Amazon.
 */
import { randomUUID } from 'node:crypto';
import type { AlexaVerifierOptions } from '../verify';
import { CERT_URL, certChainPem, signingFixture, testTrustRoots, type ChainVariant } from './signing';

export const SIMULATED_API_ENDPOINT = 'https://api.amazonalexa.com';

/** Where each stand-in chain is served, so the verifier's per-URL cache never mixes them. */
export const CHAIN_URLS: Record<ChainVariant, string> = {
  valid: CERT_URL,
  'expired-leaf': 'https://s3.amazonaws.com/echo.api/expired-leaf.pem',
  'wrong-san': 'https://s3.amazonaws.com/echo.api/wrong-san.pem',
  untrusted: 'https://s3.amazonaws.com/echo.api/untrusted.pem',
};

/** Verifier options that trust the stand-in root and serve the stand-in chains per URL (nothing is fetched). */
export function simulatedVerifierOptions(): Pick<AlexaVerifierOptions, 'trustedRoots' | 'fetchCertChain'> {
  return {
    trustedRoots: testTrustRoots(),
    fetchCertChain: async (url: string) => {
      const variant = (Object.keys(CHAIN_URLS) as ChainVariant[]).find((key) => CHAIN_URLS[key] === url);
      if (!variant) throw new Error(`no stand-in chain at ${url}`);
      return variant === 'valid' ? certChainPem() : signingFixture(variant).chainPem;
    },
  };
}

export interface EnvelopeOptions {
  skillId: string;
  userId?: string;
  accessToken?: string;
  /** A recognized speaker (context.System.person); on unless false. */
  person?: boolean;
  timestamp?: Date;
  locale?: string;
  /** Without one, the skill makes no call to Alexa's APIs (no progressive response). */
  apiAccessToken?: string | null;
  sessionId?: string;
}

export type AlexaRequestBody =
  | { type: 'LaunchRequest' }
  | { type: 'SessionEndedRequest'; reason?: string }
  | { type: 'IntentRequest'; intent: { name: string; confirmationStatus?: 'NONE' | 'CONFIRMED' | 'DENIED'; slots?: Record<string, { name: string; value?: string; resolutions?: unknown }> } };

/** A request envelope in Alexa's format (version 1.0), as documented in the request reference. */
export function alexaEnvelope(body: AlexaRequestBody, options: EnvelopeOptions) {
  const userId = options.userId ?? 'amzn1.ask.account.ALICE';
  const { skillId } = options;
  const apiAccessToken = options.apiAccessToken === undefined ? 'alexa-api-token' : options.apiAccessToken;
  return {
    version: '1.0',
    session: {
      new: body.type === 'LaunchRequest',
      sessionId: options.sessionId ?? 'amzn1.echo-api.session.test',
      application: { applicationId: skillId },
      user: { userId, ...(options.accessToken ? { accessToken: options.accessToken } : {}) },
    },
    context: {
      System: {
        application: { applicationId: skillId },
        user: { userId, ...(options.accessToken ? { accessToken: options.accessToken } : {}) },
        ...(options.person === false ? {} : { person: { personId: 'amzn1.ask.person.ALICE' } }),
        device: { deviceId: 'amzn1.ask.device.TEST', supportedInterfaces: {} },
        apiEndpoint: SIMULATED_API_ENDPOINT,
        ...(apiAccessToken ? { apiAccessToken } : {}),
      },
    },
    request: {
      ...body,
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      locale: options.locale ?? 'en-US',
    },
  };
}

/** An intent with slots given as plain values; a `{ value, id }` slot carries an entity-resolution match (our ids are skus). */
export function intent(name: string, slots: Record<string, string | { value: string; id: string }> = {}, confirmationStatus: 'NONE' | 'CONFIRMED' | 'DENIED' = 'NONE'): AlexaRequestBody {
  const alexaSlots = Object.fromEntries(
    Object.entries(slots).map(([slotName, slot]) => [
      slotName,
      typeof slot === 'string'
        ? { name: slotName, value: slot }
        : { name: slotName, value: slot.value, resolutions: { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.TEST.PRODUCT', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: slot.value, id: slot.id } }] }] } },
    ]),
  );
  return { type: 'IntentRequest', intent: { name, confirmationStatus, slots: alexaSlots } };
}

/** The two signature headers Alexa sends with a raw body, signed by the stand-in chain of that variant. */
export function signatureHeaders(raw: Buffer, variant: ChainVariant = 'valid'): { SignatureCertChainUrl: string; 'Signature-256': string } {
  return { SignatureCertChainUrl: CHAIN_URLS[variant], 'Signature-256': signingFixture(variant).signBody(raw) };
}
