import { Router, type Request, type Response } from 'express';
import { decodeUtf8, rawBodyOf } from '../body';
import { z } from 'zod';
import type { Intent } from '../../conversation/turn';
import { AppError } from '../../core/errors';
import { handleTurn, type InboundHandler, type StoredInboundEvent, understandPayload } from '../adapter';
import { platformTime } from '../messaging-inbound';
import type { ChannelDependencies } from '../adapter';
import { WECHAT_ACK, WECHAT_LIMITS } from './capabilities';
import type { WechatJob } from './client';
import { WECHAT_CONSENT_WORDING } from './consent';
import { parseWechatInbound, type WechatInbound } from './inbound';
import { passiveTextReplyXml, renderWechatText } from './render';
import { isFreshTimestamp, verifyWechatSignature } from './signature';

/** The bundles have en-US only so far; a zh-CN bundle would be picked here once it exists. */
/** WeChat's shoppers write Chinese unless their first message says otherwise (or they ask for another language). */
const WECHAT_LOCALE = 'zh-CN';

const signedQuerySchema = z
  .object({
    signature: z.string().max(128),
    timestamp: z.string().max(32),
    nonce: z.string().max(128),
    /** GET handshake only. */
    echostr: z.string().max(1_024).optional(),
    /**
     * POST only, and required there: the sender's OpenID, which must match the body's FromUserName.
     * It is the one part of the signed URL that names the sender (unconfirmed: that WeChat adds openid
     * to every message push of an Official Account; the docs show it in their examples).
     */
    openid: z.string().min(1).max(128).optional(),
  })
  .passthrough();

type SignedQuery = z.infer<typeof signedQuerySchema>;

/** 401 when the signature parameters are missing, 403 when they do not verify with WECHAT_TOKEN. */
function verifiedQuery(token: string, req: Request): SignedQuery {
  const query = req.query as Record<string, unknown>;
  if (query.signature === undefined || query.timestamp === undefined || query.nonce === undefined) {
    throw new AppError('UNAUTHENTICATED', 'signature, timestamp and nonce are required.');
  }
  const params = signedQuerySchema.parse(query);
  if (!verifyWechatSignature(token, params.signature, params.timestamp, params.nonce)) {
    throw new AppError('FORBIDDEN', 'The signature does not match WECHAT_TOKEN.');
  }
  return params;
}

type Outcome = { state: 'answered'; content: string } | { state: 'deferred' };

/**
 * Pushes waiting in this process for their passive reply, by event key. Whoever settles first wins,
 * synchronously: the worker handing over the content, or the deadline (then the worker queues it for
 * the customer-service API instead). Exactly one of the two ever delivers it.
 */
const awaitingPassiveReply = new Map<string, (outcome: Outcome) => boolean>();

function awaitPassiveReply(key: string, budgetMs: number): { outcome: Promise<Outcome>; giveUp: () => void } {
  let settle: (outcome: Outcome) => boolean = () => false;
  const outcome = new Promise<Outcome>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    settle = (result) => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      awaitingPassiveReply.delete(key);
      resolve(result);
      return true;
    };
    awaitingPassiveReply.set(key, settle);
    if (Number.isFinite(budgetMs)) timer = setTimeout(() => settle({ state: 'deferred' }), budgetMs);
  });
  return { outcome, giveUp: () => settle({ state: 'deferred' }) };
}

/** One pushed message or event to the reply content ('' for none). */
async function runInbound(inbound: WechatInbound, deps: ChannelDependencies): Promise<string> {
  const { settings, log, services } = deps;
  const turn = { channel: 'wechat' as const, channelUserId: inbound.openId, locale: WECHAT_LOCALE, voice: false, silentWhenOptedOut: true };
  // Follow and unfollow are events, not messages: there is no turn to record them in.
  const subscription = { channel: 'wechat' as const, channelUserId: inbound.openId, locale: WECHAT_LOCALE };
  switch (inbound.kind) {
    case 'subscribe': {
      // Following is consent to service and order messages here, not to marketing.
      await services.consent.recordSubscription({ ...subscription, subscribed: true, evidence: { kind: 'follow', source: 'wechat event: subscribe', wording: WECHAT_CONSENT_WORDING.follow } });
      return renderWechatText(await handleTurn({ ...turn, intent: { name: 'Launch', slots: {} } }, settings, log));
    }
    case 'unsubscribe': {
      // Nothing can reach someone who has just unfollowed; only the decision is recorded.
      await services.consent.recordSubscription({ ...subscription, subscribed: false, evidence: { kind: 'follow', source: 'wechat event: unsubscribe', wording: WECHAT_CONSENT_WORDING.unfollow } });
      return '';
    }
    case 'click': {
      const intent: Intent | undefined = understandPayload(inbound.key) ?? undefined;
      return renderWechatText(await handleTurn({ ...turn, intent, text: intent ? undefined : inbound.key }, settings, log));
    }
    case 'text':
      return renderWechatText(await handleTurn({ ...turn, text: inbound.text }, settings, log));
    case 'ignored':
      return '';
  }
}

/**
 * The worker's side: one recorded push to its reply, handed to the HTTP response still waiting for it
 * in this process, or else queued for the customer-service API (sent once per event, retried). A turn
 * that fails lets the waiting response answer "success" at once; the event is worked again later.
 */
export function wechatInboundHandler(deps: ChannelDependencies): InboundHandler {
  return async (event: StoredInboundEvent) => {
    const inbound = event.payload as WechatInbound;
    let content: string;
    try {
      content = await runInbound(inbound, deps);
    } catch (error) {
      awaitingPassiveReply.get(event.key)?.({ state: 'deferred' });
      throw error;
    }
    if (awaitingPassiveReply.get(event.key)?.({ state: 'answered', content })) return;
    if (content === '') return;
    const job: WechatJob = { toUser: inbound.openId, contents: [content] };
    await deps.outbox.enqueue({ jobKey: `wechat:${inbound.eventId}`, kind: 'wechat', payload: job });
  };
}

function acknowledge(res: Response): void {
  res.status(200).type('text/plain').send(WECHAT_ACK);
}

/**
 * GET /wechat: the server-configuration handshake (signature of WECHAT_TOKEN, timestamp and nonce),
 * answered with `echostr` as plain text.
 *
 * POST /wechat: a pushed message or event in plain-text mode. The signature is checked (401 missing,
 * 403 wrong) and the timestamp must be within the freshness window (400), before the body is read;
 * nothing is processed or stored for a refused push. `openid` is required and must be FromUserName, and
 * a signed (timestamp, nonce) pair already used for another message is refused (400). Each MsgId (events: FromUserName + CreateTime)
 * is handled once: a redelivery gets "success" and no reply. The reply is the passive XML answer when
 * the turn finishes within WECHAT_REPLY_BUDGET_MS, else "success" at the deadline and the reply goes
 * out later through the customer-service API, queued in the outbox (retried, sent once).
 */
export interface WechatRouterOptions {
  /** Test seam: the passive-reply budget instead of WECHAT_REPLY_BUDGET_MS (Infinity: always passive, so a busy test machine cannot flip the path). */
  replyBudgetMs?: number;
}

export function wechatRouter(deps: ChannelDependencies & WechatRouterOptions): Router {
  const { config } = deps;
  const replyBudgetMs = deps.replyBudgetMs ?? config.WECHAT_REPLY_BUDGET_MS;
  const token = config.WECHAT_TOKEN ?? '';
  const router = Router();

  router.get('/', (req, res) => {
    const params = verifiedQuery(token, req);
    if (params.echostr === undefined) throw new AppError('VALIDATION_FAILED', 'echostr is required for the handshake.');
    res.status(200).type('text/plain').send(params.echostr);
  });

  router.post('/', ...rawBodyOf(['text/xml', 'application/xml'], WECHAT_LIMITS.bodyLimit), async (req, res) => {
    const started = Date.now();
    const params = verifiedQuery(token, req);
    if (!isFreshTimestamp(params.timestamp, new Date(), WECHAT_LIMITS.freshnessWindowSeconds)) {
      throw new AppError('REQUEST_NOT_VERIFIED', 'The timestamp is outside the freshness window.', { reason: 'stale-timestamp' });
    }
    if (params.openid === undefined) throw new AppError('VALIDATION_FAILED', 'openid is required.');
    const inbound = parseWechatInbound(decodeUtf8(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)));
    if (params.openid !== inbound.openId) {
      throw new AppError('VALIDATION_FAILED', 'The openid parameter does not match FromUserName.');
    }
    // The signature does not cover the body: a captured URL could carry any message of this sender.
    const nonce = await deps.services.claimSignedNonce('wechat', params.timestamp, params.nonce, inbound.eventId, WECHAT_LIMITS.freshnessWindowSeconds * 1000);
    if (nonce === 'replayed') {
      throw new AppError('REQUEST_NOT_VERIFIED', 'This timestamp and nonce were already used for another message.', { reason: 'replayed-nonce' });
    }
    const key = `wechat:${inbound.eventId}`;
    // Waiting is registered before the event is recorded: the worker may pick it up at once.
    const budgetMs = replyBudgetMs - (Date.now() - started);
    // Only a process that works messages itself can answer in the response; others leave it to the API.
    const waiting = deps.inbound.works && budgetMs > 0 ? awaitPassiveReply(key, budgetMs) : undefined;
    let recorded: StoredInboundEvent[] | undefined;
    try {
      recorded = await deps.inbound.record([{ channel: 'wechat', eventId: inbound.eventId, channelUserId: inbound.openId, payload: inbound, sentAt: platformTime(Number(inbound.createTime) * 1000) }]);
    } finally {
      if (!recorded?.length) waiting?.giveUp();
    }
    if (!waiting || recorded.length === 0) return acknowledge(res);
    const outcome = await waiting.outcome;
    if (outcome.state === 'deferred' || outcome.content === '') return acknowledge(res);
    res
      .status(200)
      .type('text/xml')
      .send(passiveTextReplyXml({ toUser: inbound.openId, fromAccount: inbound.account, content: outcome.content, now: new Date() }));
  });

  return router;
}
