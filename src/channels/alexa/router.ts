import type { RequestEnvelope } from 'ask-sdk-model';
import { Router } from 'express';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { parseJsonBody, rawBodyOf } from '../body';
import { ALEXA_LIMITS } from './capabilities';
import { alexaEnvelopeSchema } from './envelope';
import { buildAlexaSkill } from './skill';
import { AlexaRequestVerifier, AlexaVerificationError, type AlexaVerifierOptions } from './verify';

export interface AlexaRouterOptions {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  /** Tests inject their own trust roots and certificate fetcher. */
  verifier?: Partial<AlexaVerifierOptions>;
  progressiveAfterMs?: number;
}

/**
 * POST /alexa: the raw body is verified (certificate chain, signature, timestamp, skill id) before
 * anything else runs; a request that fails gets 400 and touches nothing.
 */
export function alexaRouter(options: AlexaRouterOptions): Router {
  const { config, log } = options;
  const verifier = config.ALEXA_VERIFY_SIGNATURE ? new AlexaRequestVerifier({ skillId: config.ALEXA_SKILL_ID, ...options.verifier }) : null;
  if (!verifier) log.warn('ALEXA_VERIFY_SIGNATURE=false: Alexa requests are NOT verified. Anyone can call /alexa as any user. Development only.');
  const skill = buildAlexaSkill({ settings: options.settings, log, apiBaseUrl: config.ALEXA_API_BASE_URL, progressiveAfterMs: options.progressiveAfterMs });

  const router = Router();
  router.post('/', ...rawBodyOf(['application/json'], ALEXA_LIMITS.requestBodyBytes), async (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = verifier ? await verifier.verify(req.headers, raw) : parseJsonBody(raw);
    } catch (error) {
      const reason = error instanceof AlexaVerificationError ? error.reason : 'malformed-body';
      throw new AppError('REQUEST_NOT_VERIFIED', 'The request could not be verified as coming from Alexa.', { reason });
    }
    const envelope = alexaEnvelopeSchema.parse(body);
    if (envelope.context.System.application.applicationId !== config.ALEXA_SKILL_ID) {
      throw new AppError('REQUEST_NOT_VERIFIED', 'The request is for another skill.', { reason: 'wrong-skill' });
    }
    res.json(await skill.invoke(envelope as unknown as RequestEnvelope));
  });
  return router;
}
