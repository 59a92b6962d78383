// The Dialogflow part alone: the package's index also loads its smart-home service and with it all of googleapis (~600 modules, a quarter of a process start).
import { dialogflow } from 'actions-on-google/dist/service/dialogflow';
import type { Reply } from '../../conversation/turn';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { renderAssistant, renderFulfillment } from './render';
import { toTurn } from './turn-mapping';
import { fromAssistant, type WebhookRequest } from './webhook-request';
import { handleTurn } from '../adapter';

export interface GoogleAppOptions {
  settings: CommerceSettings;
  /** DIALOGFLOW_REQUIRE_VOICE_CODE: every order asks for the voice code, whatever the integration. */
  requireVoiceCode: boolean;
  log: Logger;
}

/** What one webhook call answered: the neutral reply, kept so the route can add the generic fulfilment. */
interface Exchange {
  request: WebhookRequest;
  reply?: Reply;
}

/**
 * The library verifies a Google Sign-In `idToken` when the Assistant sends one, and needs an OAuth client
 * id to do so; we use no sign-in, so the token is not handed to it (and cannot fail the request).
 */
function withoutSignInToken(request: WebhookRequest): WebhookRequest {
  const payload = request.originalDetectIntentRequest?.payload;
  const user = payload?.user;
  if (!user || typeof user !== 'object' || !('idToken' in user)) return { ...request };
  const { idToken: _ignored, ...rest } = user as Record<string, unknown>;
  return { ...request, originalDetectIntentRequest: { ...request.originalDetectIntentRequest, payload: { ...payload, user: rest } } };
}

export interface FulfillmentApp {
  /** Runs one verified, parsed webhook request through the conversation and returns the response body. */
  answer(request: WebhookRequest, headers: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/**
 * The actions-on-google `dialogflow()` app. Every intent goes to one handler (the vocabulary, not a
 * handler per intent, decides what an intent means); the library builds the Assistant rich response
 * when the Assistant sent the request, and the route adds what every other integration reads.
 */
export function buildGoogleApp(options: GoogleAppOptions): FulfillmentApp {
  const { settings, log, requireVoiceCode } = options;
  // The library keeps the body it was given as conv.body: that object identifies the exchange.
  const exchanges = new WeakMap<object, Exchange>();
  const app = dialogflow({ debug: false });

  app.fallback(async (conv) => {
    const exchange = exchanges.get(conv.body as object)!;
    const reply = await handleTurn(toTurn(exchange.request, { requireVoiceCode }), settings, log);
    exchange.reply = reply;
    if (fromAssistant(exchange.request) && !reply.silent) renderAssistant(conv, reply);
    else conv.json({});
  });

  return {
    async answer(request, headers) {
      const exchange: Exchange = { request };
      const forLibrary = withoutSignInToken(request);
      exchanges.set(forLibrary, exchange);
      const result = await app.handler(forLibrary, headers as Record<string, string>);
      // The library's part is `payload.google` (Assistant only); the generic part and our contexts are added for every integration.
      const reply = exchange.reply!;
      // A redelivery is answered as if no context were alive, so the contexts the first answer set stay as they are.
      const answered = reply.duplicate ? { ...request, queryResult: { ...request.queryResult, outputContexts: [] } } : request;
      return { ...(result.body as Record<string, unknown>), ...renderFulfillment(reply, answered) };
    },
  };
}
