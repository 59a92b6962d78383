import type { Types } from 'mongoose';
import type { AgentReplyCheck, Outbox } from '../channels/adapter';
import { channelAdapter } from '../channels/registry';
import type { Config } from '../config';
import { agentReply, stillWaitingReply } from '../conversation/agent-reply';
import { AppError } from '../core/errors';
import { productsBySku } from '../services/catalog';
import { conversationHeldBy, customerLastWroteAt, markWaitNoticeSent, recordAgentMessage, requeueIdleClaims, unclaimedTooLong, type HandoffRecord, type InboxViewer } from '../services/handoff';
import type { CommerceSettings } from '../services/settings';
import { claimEvent } from '../store/event-store';
import { appendTranscript } from '../store/transcript-store';
import type { Logger } from '../logger';

/** Skus one reply may share as product cards (channels cap cards further in their renderers). */
export const MAX_SHARED_PRODUCTS = 10;

const NO_AGENT_REPLIES: AgentReplyCheck = { sendable: false, freeText: false, mode: 'refused', explanation: 'This channel answers only in the response to the customer\'s own request, so a person cannot write to it.' };

/** Whether a person may write to this conversation's customer now, and how: what the inbox shows before sending. */
export function agentReplyCheck(config: Config, conversation: HandoffRecord, lastInboundAt: Date | null, now: Date): AgentReplyCheck {
  return channelAdapter(conversation.channel)?.agentReplies?.(config).check(lastInboundAt, now) ?? NO_AGENT_REPLIES;
}

export interface AgentReplyRequest {
  viewer: InboxViewer;
  conversationId: Types.ObjectId;
  /** The browser's id for this message: a resubmission sends nothing twice. */
  messageId: string;
  text: string;
  skus: readonly string[];
}

/**
 * A person's reply, on the customer's own channel through the outbox, within that channel's rules:
 * refused (AGENT_REPLY_REFUSED, with the reason) when nothing may be sent, an approved template where
 * free text may not; recorded in the transcript as what was actually sent.
 */
export async function sendAgentReply(request: AgentReplyRequest, deps: { config: Config; settings: CommerceSettings; outbox: Outbox }, now: Date): Promise<AgentReplyCheck> {
  const conversation = await conversationHeldBy(request.viewer, request.conversationId);
  const lastInboundAt = await customerLastWroteAt(conversation);
  const replier = channelAdapter(conversation.channel)?.agentReplies?.(deps.config);
  const check = replier?.check(lastInboundAt, now) ?? NO_AGENT_REPLIES;
  if (!replier || !check.sendable) throw new AppError('AGENT_REPLY_REFUSED', check.explanation, { reason: check.explanation });
  if (!(await claimEvent(conversation.channel, `agent-reply:${request.messageId}`, now))) return check;
  const found = await productsBySku(request.skus);
  const products = request.skus.map((sku) => found.get(sku)).filter((product) => product !== undefined);
  const reply = agentReply(conversation, request.text, products, deps.settings);
  await deps.outbox.enqueue({ jobKey: `agent-reply:${request.messageId}`, kind: conversation.channel, payload: replier.job(reply, conversation.channelUserId, check) });
  const sent = check.freeText ? request.text : `(template: ${check.explanation})`;
  await recordAgentMessage(request.viewer, conversation, { author: 'agent', text: sent, cards: check.freeText && products.length > 0 ? products.map((product) => product.sku) : undefined }, deps.settings, now);
  return check;
}

export interface HandoffTimeoutDependencies {
  config: Config;
  settings: CommerceSettings;
  outbox: Outbox;
}

/**
 * The handoff's clocks: a shopper whose conversation nobody claimed in time is told, and offered the
 * assistant again ("menu") or to keep waiting, where the channel lets us write; a conversation whose
 * agent went idle returns to the queue.
 */
export async function runHandoffTimeouts({ config, settings, outbox }: HandoffTimeoutDependencies, now: Date): Promise<{ told: number; requeued: number }> {
  let told = 0;
  for (const conversation of await unclaimedTooLong(settings.handoff, now)) {
    const replier = channelAdapter(conversation.channel)?.agentReplies?.(config);
    const lastInboundAt = await customerLastWroteAt(conversation);
    const check = replier?.check(lastInboundAt, now);
    if (replier && check?.sendable && check.freeText) {
      const reply = stillWaitingReply(conversation, settings);
      await outbox.enqueue({ jobKey: `handoff-wait:${conversation._id.toHexString()}:${conversation.round}`, kind: conversation.channel, payload: replier.job(reply, conversation.channelUserId, check) });
      await appendTranscript([{ customerId: conversation.customerId, channel: conversation.channel, channelUserId: conversation.channelUserId, author: 'bot', text: reply.text, at: now }], settings.transcriptRetentionDays);
      told += 1;
    }
    await markWaitNoticeSent(conversation);
  }
  return { told, requeued: await requeueIdleClaims(settings.handoff, now) };
}

/** Runs the handoff's clocks on an interval; the returned function stops them. */
export function startHandoffTimeouts(deps: HandoffTimeoutDependencies, intervalMs: number, log: Logger): () => void {
  const timer = setInterval(() => {
    runHandoffTimeouts(deps, new Date()).then(
      (result) => log.debug(result, 'handoff timeouts done'),
      (error: unknown) => log.warn({ err: error }, 'handoff timeouts failed; retrying next interval'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
