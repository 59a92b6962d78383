import express, { Router } from 'express';
import { handleTurn } from '../conversation/engine';
import { understandPayload } from '../conversation/understand';
import type { ChannelAdapter, ChannelDependencies, WebhookRequest } from './adapter';

const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

const CONTENT_TYPES = { json: 'application/json', xml: 'text/xml', text: 'text/plain' } as const;

/**
 * The endpoint of a channel that answers in the HTTP response and needs nothing of its own: POST with
 * the raw body, `verify` first (an AppError refuses the request before anything else runs), `parse`
 * into one message, one turn (its dedupe by the message's eventId is the pipeline's), and the reply
 * `render`ed into the response. An outage gets the turn's apology in the channel's own format.
 */
export function standardEndpoint(adapter: ChannelAdapter<unknown>, { config, settings, log }: ChannelDependencies): Router {
  const { verify, parse } = adapter;
  if (!verify || !parse) throw new Error(`channel "${adapter.id}" has no verify and parse for the standard endpoint`);
  const limit = typeof adapter.capabilities.requestBodyBytes === 'number' ? adapter.capabilities.requestBodyBytes : DEFAULT_BODY_LIMIT_BYTES;

  const router = Router();
  router.post('/', express.raw({ type: () => true, limit }), async (req, res) => {
    const request: WebhookRequest = { headers: req.headers, url: req.originalUrl, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
    await verify(request, config);
    const message = parse(request);
    const locale = message.locale ?? 'en-US';
    const intent = message.payload ? (understandPayload(message.payload) ?? undefined) : undefined;
    const text = intent ? undefined : (message.text ?? message.payload);
    const reply = await handleTurn({ channel: adapter.id, channelUserId: message.channelUserId, locale, intent, text, voice: adapter.voice, eventId: message.eventId }, settings, log);
    const output = adapter.render(reply, { config, channelUserId: message.channelUserId });
    res.status(200).type(CONTENT_TYPES[output.format]).send(output.body);
  });
  return router;
}
