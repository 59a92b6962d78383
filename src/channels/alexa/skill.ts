import { SkillBuilders, type ErrorHandler, type RequestHandler, type Skill } from 'ask-sdk-core';
import type { CommerceSettings } from '../../services/settings';
import type { Logger } from '../../logger';
import type { AlexaEnvelope } from './envelope';
import { sendProgressiveResponse } from './progressive';
import { renderAlexaResponse } from './render';
import { intentsWithMeaning, toTurn } from './turn-mapping';
import { escapeSsml, handleTurn, messagesFor } from '../adapter';

export interface AlexaSkillOptions {
  settings: CommerceSettings;
  log: Logger;
  apiBaseUrl: string;
  /** How long a turn that may place an order runs before a progressive response is sent. */
  progressiveAfterMs?: number;
}

/** Request types the conversation handler answers; System.ExceptionEncountered has its own handler. */
const CONVERSATION_REQUEST_TYPES = ['LaunchRequest', 'IntentRequest', 'SessionEndedRequest'];

/**
 * What the skill handles, read from the same tables its handlers use, so `certify` can compare the
 * interaction model with the code without a second hand-written list.
 */
export function alexaSkillCoverage(): { requestTypes: string[]; intents: string[] } {
  return { requestTypes: [...CONVERSATION_REQUEST_TYPES, 'System.ExceptionEncountered'], intents: intentsWithMeaning() };
}

/** Turns whose answer may place an order: the slow path worth a "one moment". */
function mayPlaceOrder(envelope: AlexaEnvelope): boolean {
  const intent = envelope.request.intent;
  if (!intent) return false;
  return intent.name === 'AMAZON.YesIntent' || intent.name === 'VoiceCodeIntent' || (intent.name === 'CheckoutIntent' && intent.confirmationStatus === 'CONFIRMED');
}

/**
 * The ask-sdk skill: LaunchRequest, every intent of the vocabulary and SessionEndedRequest go
 * to the conversation engine; System.ExceptionEncountered is logged; any error still gets a polite answer.
 */
export function buildAlexaSkill(options: AlexaSkillOptions): Skill {
  const { settings, log } = options;

  const conversationHandler: RequestHandler = {
    canHandle: ({ requestEnvelope }) => CONVERSATION_REQUEST_TYPES.includes(requestEnvelope.request.type),
    async handle({ requestEnvelope, responseBuilder }) {
      const envelope = requestEnvelope as unknown as AlexaEnvelope;
      const turn = toTurn(envelope);
      const answer = handleTurn(turn, settings, log);
      // Amazon requires a progressive response to arrive before the final one, so a started one is awaited.
      let progress: Promise<void> | undefined;
      const sayOneMoment = () => {
        progress = sendProgressiveResponse(envelope, escapeSsml(messagesFor(turn.locale).progress.placingOrder), { fallbackBaseUrl: options.apiBaseUrl, log });
      };
      const delay = options.progressiveAfterMs ?? 300;
      let timer: NodeJS.Timeout | undefined;
      if (mayPlaceOrder(envelope)) {
        if (delay <= 0) sayOneMoment();
        else timer = setTimeout(sayOneMoment, delay);
      }
      const result = await answer;
      clearTimeout(timer);
      await progress;
      return renderAlexaResponse(responseBuilder, result, envelope.request.type);
    },
  };

  const exceptionEncounteredHandler: RequestHandler = {
    canHandle: ({ requestEnvelope }) => requestEnvelope.request.type === 'System.ExceptionEncountered',
    handle({ requestEnvelope, responseBuilder }) {
      log.error({ error: (requestEnvelope.request as { error?: unknown }).error }, 'alexa reported an error with our last response');
      return responseBuilder.getResponse();
    },
  };

  const politeErrorHandler: ErrorHandler = {
    canHandle: () => true,
    handle({ requestEnvelope, responseBuilder }, error) {
      log.error({ err: error }, 'alexa request failed');
      const locale = (requestEnvelope.request as { locale?: string }).locale ?? 'en-US';
      const sorry = escapeSsml(messagesFor(locale).errors.INTERNAL);
      return responseBuilder.speak(sorry).reprompt(sorry).withShouldEndSession(false).getResponse();
    },
  };

  return SkillBuilders.custom().addRequestHandlers(conversationHandler, exceptionEncounteredHandler).addErrorHandlers(politeErrorHandler).withCustomUserAgent('voice-commerce-backend').create();
}
