import { Router } from 'express';
import { jsonBody } from '../body';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import type { Reply } from '../../conversation/turn';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- dedupe moves into the turn pipeline (issue 15 item 2)
import { claimEvent } from '../../store/event-store';
import { buildGoogleApp } from './app';
import { verifyWebhookAuth } from './auth';
import { GOOGLE_LIMITS } from './capabilities';
import { localeOf } from './turn-mapping';
import { fromAssistant, webhookRequestSchema, type WebhookRequest } from './webhook-request';
import { escapeSsml, formatterFor, messagesFor } from '../adapter';

export interface GoogleRouterOptions {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
}

/** Answers kept for redeliveries that reach this process: enough for Dialogflow's retries, bounded in memory. */
const REMEMBERED_ANSWERS = 500;

/**
 * A redelivery that finds no remembered answer (another process answered it, or it was forgotten) gets
 * a question that changes nothing rather than a second run of the turn.
 */
function harmlessReply(request: WebhookRequest, settings: CommerceSettings): Reply {
  const locale = localeOf(request.queryResult.languageCode);
  const say = formatterFor({ voice: fromAssistant(request), currency: settings.pricing.currency, locale, timeZone: 'UTC' });
  const question = messagesFor(locale).welcomeReprompt()(say);
  return { speech: escapeSsml(question), text: question, endSession: false };
}

/**
 * POST /google: Dialogflow ES fulfilment. The shared secret (header or basic auth) is checked before
 * anything else (missing → 401, wrong → 403), the body is parsed with zod, and each responseId runs
 * once: its ProcessedEvent insert decides, and a redelivery gets the same answer or a harmless one.
 */
export function googleRouter(options: GoogleRouterOptions): Router {
  const { config, settings, log } = options;
  const app = buildGoogleApp({ settings, log, requireVoiceCode: config.DIALOGFLOW_REQUIRE_VOICE_CODE });
  const answers = new Map<string, Promise<Record<string, unknown>>>();
  const remember = (responseId: string, answer: Promise<Record<string, unknown>>) => {
    answers.set(responseId, answer);
    if (answers.size > REMEMBERED_ANSWERS) answers.delete(answers.keys().next().value!);
  };

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
      const remembered = answers.get(request.responseId);
      if (remembered) return res.json(await remembered);
      // Remembered before the claim, so a redelivery racing the first one in this process waits for its answer.
      const answer = claimEvent('google', request.responseId).then((first) =>
        first
          ? app.answer(request, req.headers)
          : // Seen with no contexts, so the harmless answer leaves the ones the first answer set as they are.
            app.answer({ ...request, queryResult: { ...request.queryResult, outputContexts: [] } }, req.headers, harmlessReply(request, settings)),
      );
      remember(request.responseId, answer);
      answer.catch(() => answers.delete(request.responseId));
      res.json(await answer);
    },
  );
  return router;
}
