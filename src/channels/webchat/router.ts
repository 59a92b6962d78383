import express, { Router } from 'express';
import { z } from 'zod';
import type { Intent } from '../../conversation/turn';
import { AppError } from '../../core/errors';
import { jsonBody } from '../body';
import { type ChannelDependencies, handleTurn, understandPayload, type WebchatSession } from '../adapter';
import { WEBCHAT_LIMITS as L } from './capabilities';
import { renderWebchat } from './render';

const sessionRequestSchema = z
  .object({
    locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'expected a locale such as en-US').optional(),
  })
  .strict();

export const webchatMessageSchema = z
  .object({
    messageId: z
      .string()
      .min(1)
      .max(L.messageIdCharacters)
      .regex(/^[\w.:-]+$/, 'expected letters, digits, _ . : or -'),
    text: z.string().max(L.inboundTextCharacters).optional(),
    choiceId: z.string().min(1).max(L.choiceIdCharacters).optional(),
  })
  .strict()
  .refine((m) => (m.text?.trim() ?? '') !== '' || m.choiceId !== undefined, { message: 'send text or a choiceId', path: ['text'] });

export type WebchatMessage = z.infer<typeof webchatMessageSchema>;

const HOUR_MS = 60 * 60_000;

function bearerToken(req: express.Request): string {
  const header = req.header('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim()) : null;
  if (!header) throw new AppError('UNAUTHENTICATED', 'Authorization: Bearer <token> is required; get one from POST /webchat/sessions.');
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header is not a web chat bearer token.');
  return match[1]!;
}

/** One session's messages one after another, so two quick messages never race on the dialog state. */
const tails = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(work);
  tails.set(key, mine);
  void mine.finally(() => {
    if (tails.get(key) === mine) tails.delete(key);
  }).catch(() => undefined);
  return mine;
}

/**
 * POST /webchat/sessions issues a session token for a new web chat user id; the customer behind it is
 * made by the session's first message, so a token that never writes leaves nothing but itself (and the
 * sweeper takes an anonymous customer whose token expired). POST /webchat answers
 * one message synchronously with the rendered reply. Each message carries the client's `messageId`,
 * the turn's event id: the pipeline's dedupe keeps the answer, so a resend gets the same reply and
 * never runs the turn (or places an order) again; the same id with another message is a 409.
 */
export function webchatRouter(deps: ChannelDependencies): Router {
  const { config, settings, log, services } = deps;
  const router = Router();
  const json = express.json({ limit: L.requestBodyBytes, type: () => true });

  router.post('/sessions', json, async (req, res) => {
    const { locale = 'en-US' } = sessionRequestSchema.parse(req.body ?? {});
    // Sessions are free to open, so they are counted per source address; the key is hashed in RateSlot.
    if (!(await services.takeRateSlot(`webchat-session|${req.ip ?? 'unknown'}`, config.WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR, HOUR_MS, new Date()))) {
      throw new AppError('WEBCHAT_SESSIONS_THROTTLED', 'Too many new web chat sessions from this address this hour; reuse your token or try again later.');
    }
    const issued = await services.webchatSessions.issue(locale, config.WEBCHAT_SESSION_TTL_MINUTES * 60_000);
    res.status(201).json({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), limits: L });
  });

  router.post('/', async (req, res, next) => {
    // The token is checked before the body is even read: an unauthenticated caller costs no parsing.
    const token = bearerToken(req);
    const session = await services.webchatSessions.find(token);
    if (!session) throw new AppError('UNAUTHENTICATED', 'The web chat token is unknown or has expired; start a new session.');
    res.locals.webchatSession = session;
    next();
  }, ...jsonBody(L.requestBodyBytes), async (req, res) => {
    const session = res.locals.webchatSession as WebchatSession;
    const message = webchatMessageSchema.parse(req.body);
    const intent: Intent | undefined = message.choiceId ? (understandPayload(message.choiceId) ?? undefined) : undefined;
    const text = intent ? undefined : (message.text ?? message.choiceId);
    const turn = {
      channel: 'webchat' as const,
      channelUserId: session.channelUserId,
      locale: session.locale,
      intent,
      text,
      voice: false,
      sourceAddress: req.ip,
      // Message ids are the client's, so they are unique per session only; the answer is kept as long as the session lives.
      eventId: `${session.channelUserId}:${message.messageId}`,
      keepAnswerUntil: session.expiresAt,
    };
    const reply = await oneAtATime(session.tokenHash, () => handleTurn(turn, settings, log));
    if (reply.duplicate === 'different-request') throw new AppError('CONFLICT', 'This messageId was already used for a different message.');
    if (reply.duplicate === 'still-answering') throw new AppError('CONFLICT', 'This messageId is still being answered; resend it in a moment.');
    const body = renderWebchat(reply);
    res.status(200).json(body);
  });

  return router;
}
