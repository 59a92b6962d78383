import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { Router, type Request } from 'express';
import { jsonBody } from '../body';
import { z } from 'zod';
import type { Intent } from '../../conversation/turn';
import { AppError, type ErrorCode } from '../../core/errors';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- not yet behind ChannelDependencies: session throttling
import { takeRateSlot } from '../../store/rate-store';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- not yet behind ChannelDependencies: session tokens and message claims
import { claimWebchatMessage, findWebchatSession, issueWebchatToken, readClaim, releaseWebchatClaim, storeWebchatReply, type MessageClaim, type WebchatSession } from '../../store/webchat-store';
import { type ChannelDependencies, handleTurn, understandPayload } from '../adapter';
import { WEBCHAT_LIMITS as L } from './capabilities';
import { renderWebchat, type WebchatReplyBody } from './render';

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

/** A resend arriving while the first delivery is still being answered waits this long for its reply, then gets a 409. */
const PENDING_WAIT_MS = 5_000;
const PENDING_POLL_MS = 100;
const HOUR_MS = 60 * 60_000;
/** Error codes of a turn that broke (rather than a refusal the shopper should hear again on a resend). */
const UNEXPECTED_FAILURES: ReadonlySet<string> = new Set<ErrorCode>(['INTERNAL', 'DATABASE_UNAVAILABLE']);

function bearerToken(req: Request): string {
  const header = req.header('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim()) : null;
  if (!header) throw new AppError('UNAUTHENTICATED', 'Authorization: Bearer <token> is required; get one from POST /webchat/sessions.');
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header is not a web chat bearer token.');
  return match[1]!;
}

function requestHash(message: WebchatMessage): string {
  return createHash('sha256').update(JSON.stringify([message.text ?? null, message.choiceId ?? null])).digest('hex');
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

async function waitForStoredReply(session: WebchatSession, message: WebchatMessage, hash: string): Promise<WebchatReplyBody> {
  let claim: MessageClaim<WebchatReplyBody> = { kind: 'pending' };
  for (let waited = 0; waited < PENDING_WAIT_MS && claim.kind === 'pending'; waited += PENDING_POLL_MS) {
    await sleep(PENDING_POLL_MS);
    claim = await readClaim<WebchatReplyBody>(session.tokenHash, message.messageId, hash);
  }
  if (claim.kind === 'answered') return claim.reply;
  throw new AppError('CONFLICT', 'This messageId is still being answered; resend it in a moment.');
}

/**
 * POST /webchat/sessions issues a session token for a new web chat user id; the customer behind it is
 * made by the session's first message, so a token that never writes leaves nothing but itself (and the
 * sweeper takes an anonymous customer whose token expired). POST /webchat answers
 * one message synchronously with the rendered reply. Each message carries the client's `messageId`:
 * a resend gets the stored reply and never runs the turn (or places an order) again.
 */
export function webchatRouter(deps: ChannelDependencies): Router {
  const { config, settings, log } = deps;
  const router = Router();
  const json = express.json({ limit: L.requestBodyBytes, type: () => true });

  router.post('/sessions', json, async (req, res) => {
    const { locale = 'en-US' } = sessionRequestSchema.parse(req.body ?? {});
    // Sessions are free to open, so they are counted per source address; the key is hashed in RateSlot.
    if (!(await takeRateSlot(`webchat-session|${req.ip ?? 'unknown'}`, config.WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR, HOUR_MS, new Date()))) {
      throw new AppError('WEBCHAT_SESSIONS_THROTTLED', 'Too many new web chat sessions from this address this hour; reuse your token or try again later.');
    }
    const issued = await issueWebchatToken(locale, config.WEBCHAT_SESSION_TTL_MINUTES * 60_000);
    res.status(201).json({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), limits: L });
  });

  router.post('/', async (req, res, next) => {
    // The token is checked before the body is even read: an unauthenticated caller costs no parsing.
    const token = bearerToken(req);
    const session = await findWebchatSession(token);
    if (!session) throw new AppError('UNAUTHENTICATED', 'The web chat token is unknown or has expired; start a new session.');
    res.locals.webchatSession = session;
    next();
  }, ...jsonBody(L.requestBodyBytes), async (req, res) => {
    const session = res.locals.webchatSession as WebchatSession;
    const message = webchatMessageSchema.parse(req.body);
    const hash = requestHash(message);

    const body = await oneAtATime(session.tokenHash, async () => {
      const claim = await claimWebchatMessage<WebchatReplyBody>(session.tokenHash, message.messageId, hash, session.expiresAt);
      if (claim.kind === 'different-message') throw new AppError('CONFLICT', 'This messageId was already used for a different message.');
      if (claim.kind === 'answered') return claim.reply;
      if (claim.kind === 'pending') return waitForStoredReply(session, message, hash);

      // Until a reply is stored, the claim must not outlive a failure: a kept claim with no reply would
      // answer every resend of this messageId with 409 for the token's lifetime.
      try {
        const intent: Intent | undefined = message.choiceId ? (understandPayload(message.choiceId) ?? undefined) : undefined;
        const text = intent ? undefined : (message.text ?? message.choiceId);
        const reply = await handleTurn({ channel: 'webchat', channelUserId: session.channelUserId, locale: session.locale, intent, text, voice: false, sourceAddress: req.ip }, settings, log);
        const rendered = renderWebchat(reply);
        // A turn that failed unexpectedly apologises; that apology is not this message's answer, so a resend runs the turn again.
        if (reply.errorCode !== undefined && UNEXPECTED_FAILURES.has(reply.errorCode)) {
          await releaseWebchatClaim(session.tokenHash, message.messageId);
          return rendered;
        }
        await storeWebchatReply(session.tokenHash, message.messageId, rendered);
        return rendered;
      } catch (error) {
        await releaseWebchatClaim(session.tokenHash, message.messageId).catch((releaseError: unknown) => log.warn({ err: releaseError }, 'web chat claim not released'));
        throw error;
      }
    });
    res.status(200).json(body);
  });

  return router;
}
