import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { CERT_URL, certChainPem, signBody, signingFixture, testTrustRoots, type ChainVariant } from './alexa-signing';
import { testConfig } from './config';

export const SKILL_ID = testConfig().ALEXA_SKILL_ID;
export const API_ENDPOINT = 'https://api.amazonalexa.com';

/** Where each test chain is served, so the verifier's per-URL cache never mixes them. */
export const CHAIN_URLS: Record<ChainVariant, string> = {
  valid: CERT_URL,
  'expired-leaf': 'https://s3.amazonaws.com/echo.api/expired-leaf.pem',
  'wrong-san': 'https://s3.amazonaws.com/echo.api/wrong-san.pem',
  untrusted: 'https://s3.amazonaws.com/echo.api/untrusted.pem',
};

/** The verifier options the app under test uses: our test root, and chains served per URL. */
export const testVerifierOptions = {
  trustedRoots: testTrustRoots(),
  fetchCertChain: async (url: string) => {
    const variant = (Object.keys(CHAIN_URLS) as ChainVariant[]).find((key) => CHAIN_URLS[key] === url);
    if (!variant) throw new Error(`no test chain at ${url}`);
    return variant === 'valid' ? certChainPem() : signingFixture(variant).chainPem;
  },
};

export interface EnvelopeOptions {
  userId?: string;
  accessToken?: string;
  /** A recognized speaker (context.System.person). */
  person?: boolean;
  skillId?: string;
  timestamp?: Date;
  locale?: string;
}

export type AlexaRequestBody =
  | { type: 'LaunchRequest' }
  | { type: 'SessionEndedRequest'; reason?: string }
  | { type: 'IntentRequest'; intent: { name: string; confirmationStatus?: 'NONE' | 'CONFIRMED' | 'DENIED'; slots?: Record<string, { name: string; value?: string; resolutions?: unknown }> } };

/** A request envelope in Alexa's format (version 1.0), as documented in the request reference. */
export function alexaEnvelope(body: AlexaRequestBody, options: EnvelopeOptions = {}) {
  const userId = options.userId ?? 'amzn1.ask.account.ALICE';
  const skillId = options.skillId ?? SKILL_ID;
  return {
    version: '1.0',
    session: { new: body.type === 'LaunchRequest', sessionId: 'amzn1.echo-api.session.test', application: { applicationId: skillId }, user: { userId, ...(options.accessToken ? { accessToken: options.accessToken } : {}) } },
    context: {
      System: {
        application: { applicationId: skillId },
        user: { userId, ...(options.accessToken ? { accessToken: options.accessToken } : {}) },
        ...(options.person === false ? {} : { person: { personId: 'amzn1.ask.person.ALICE' } }),
        device: { deviceId: 'amzn1.ask.device.TEST', supportedInterfaces: {} },
        apiEndpoint: API_ENDPOINT,
        apiAccessToken: 'alexa-api-token',
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

/** POSTs an envelope signed with the test chain, as Alexa would. */
export function postSigned(app: Express, envelope: object, options: { variant?: ChainVariant; certUrl?: string; mutate?: (raw: Buffer) => Buffer } = {}) {
  const raw = Buffer.from(JSON.stringify(envelope));
  const signature = signingFixture(options.variant ?? 'valid').signBody(raw);
  const sent = options.mutate ? options.mutate(raw) : raw;
  return request(app)
    .post('/alexa')
    .set('content-type', 'application/json')
    .set('SignatureCertChainUrl', options.certUrl ?? CHAIN_URLS[options.variant ?? 'valid'])
    .set('Signature-256', signature)
    // A string goes out byte for byte; superagent would JSON-encode a Buffer under a JSON content type.
    .send(sent.toString('utf8'));
}

export { signBody };
