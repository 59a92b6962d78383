import type { Logger } from '../../logger';
import type { AlexaEnvelope } from './envelope';

/** Alexa's regional API hosts; a request naming any other host gets no call from us. */
const ALEXA_API_HOSTS = new Set(['api.amazonalexa.com', 'api.eu.amazonalexa.com', 'api.fe.amazonalexa.com']);

/**
 * Sends a progressive response ("one moment…") through Alexa's directive service, so the shopper
 * hears something while a slow step (placing an order) runs. Best effort: a failure is logged, the
 * turn goes on.
 */
export async function sendProgressiveResponse(envelope: AlexaEnvelope, speech: string, options: { fallbackBaseUrl: string; log: Logger }): Promise<void> {
  const { apiEndpoint, apiAccessToken } = envelope.context.System;
  if (!apiAccessToken) return;
  const base = apiEndpoint && ALEXA_API_HOSTS.has(safeHost(apiEndpoint)) ? apiEndpoint : options.fallbackBaseUrl;
  try {
    const response = await fetch(new URL('/v1/directives', base), {
      method: 'POST',
      headers: { authorization: `Bearer ${apiAccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ header: { requestId: envelope.request.requestId }, directive: { type: 'VoicePlayer.Speak', speech: `<speak>${speech}</speak>` } }),
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) options.log.warn({ status: response.status }, 'alexa progressive response refused');
  } catch (error) {
    options.log.warn({ err: error }, 'alexa progressive response failed');
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
