import { Router } from 'express';
import { jsonBody } from '../body';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { buildGoogleApp } from './app';
import { verifyWebhookAuth } from './auth';
import { GOOGLE_LIMITS } from './capabilities';
import { webhookRequestSchema } from './webhook-request';

export interface GoogleRouterOptions {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
}

/**
 * POST /google: Dialogflow ES fulfilment. The shared secret (header or basic auth) is checked before
 * anything else (missing → 401, wrong → 403), the body is parsed with zod, and each responseId runs
 * once (the turn pipeline's dedupe): a redelivery gets a harmless question.
 */
export function googleRouter(options: GoogleRouterOptions): Router {
  const { config, settings, log } = options;
  const app = buildGoogleApp({ settings, log, requireVoiceCode: config.DIALOGFLOW_REQUIRE_VOICE_CODE });
  const router = Router();
  router.post(
    '/',
    (req, _res, next) => {
      const auth = verifyWebhookAuth(req.headers, { secret: config.GOOGLE_WEBHOOK_SECRET, basicUser: config.GOOGLE_WEBHOOK_BASIC_USER });
      if (auth.ok) return next();
      if (auth.reason === 'missing') return next(new AppError('UNAUTHENTICATED', 'Send the webhook secret in the x-webhook-secret header or as the basic-auth password.'));
      return next(new AppError('FORBIDDEN', 'The webhook secret is not valid.'));
    },
    ...jsonBody(GOOGLE_LIMITS.requestBodyBytes),
    async (req, res) => {
      const request = webhookRequestSchema.parse(req.body);
      res.json(await app.answer(request, req.headers));
    },
  );
  return router;
}
