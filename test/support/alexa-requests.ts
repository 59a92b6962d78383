import type { Express } from 'express';
import request from 'supertest';
import {
  alexaEnvelope as simulatedEnvelope,
  CHAIN_URLS,
  SIMULATED_API_ENDPOINT,
  simulatedVerifierOptions,
  type AlexaRequestBody,
  type EnvelopeOptions as SimulatedEnvelopeOptions,
} from '../../src/channels/alexa/simulate/requests';
import { signBody, signingFixture, type ChainVariant } from '../../src/channels/alexa/simulate/signing';
import { testConfig } from './config';

export { CHAIN_URLS, intent, type AlexaRequestBody } from '../../src/channels/alexa/simulate/requests';

export const SKILL_ID = testConfig().ALEXA_SKILL_ID;
export const API_ENDPOINT = SIMULATED_API_ENDPOINT;

/** The verifier options the app under test uses: the stand-in root, and chains served per URL. */
export const testVerifierOptions = simulatedVerifierOptions();

export type EnvelopeOptions = Partial<SimulatedEnvelopeOptions>;

/** A request envelope in Alexa's format for the test skill id. */
export function alexaEnvelope(body: AlexaRequestBody, options: EnvelopeOptions = {}) {
  return simulatedEnvelope(body, { ...options, skillId: options.skillId ?? SKILL_ID });
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
