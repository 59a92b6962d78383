import type { Types } from 'mongoose';
import type { AgentReplier, AgentReplyCheck, Outbox } from '../channels/adapter';
import { channelAdapter } from '../channels/registry';
import type { Config } from '../config';
import { agentPaymentLinkReply, agentReply, stillWaitingReply } from '../conversation/agent-reply';
import { AppError } from '../core/errors';
import { productsBySku } from '../services/catalog';
import { findCustomerOrderByNumber } from '../services/orders';
import { pendingPaymentLink, type PendingLink } from '../services/payments';
import { conversationHeldBy, customerLastWroteAt, markWaitNoticeSent, recordAgentMessage, requeueIdleClaims, unclaimedTooLong, type HandoffRecord, type InboxViewer } from '../services/handoff';
import type { CommerceSettings } from '../services/settings';
import { claimEvent } from '../store/event-store';
import { appendTranscript } from '../store/transcript-store';
import type { Logger } from '../logger';
import { repeatEvery } from '../repeat';

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

export interface AgentReplyDependencies {
  config: Config;
  settings: CommerceSettings;
  outbox: Outbox;
}

/** The conversation this viewer holds and how its channel lets a person write now; AGENT_REPLY_REFUSED (with the reason) when it does not. */
async function heldConversationReplier(viewer: InboxViewer, conversationId: Types.ObjectId, config: Config, now: Date): Promise<{ conversation: HandoffRecord; replier: AgentReplier; check: AgentReplyCheck }> {
  const conversation = await conversationHeldBy(viewer, conversationId);
  const lastInboundAt = await customerLastWroteAt(conversation);
  const replier = channelAdapter(conversation.channel)?.agentReplies?.(config);
  const check = replier?.check(lastInboundAt, now) ?? NO_AGENT_REPLIES;
  if (!replier || !check.sendable) throw refused(check.explanation);
  return { conversation, replier, check };
}

function refused(reason: string): AppError {
  return new AppError('AGENT_REPLY_REFUSED', reason, { reason });
}

/**
 * A person's reply, on the customer's own channel through the outbox, within that channel's rules:
 * refused (AGENT_REPLY_REFUSED, with the reason) when nothing may be sent, an approved template where
 * free text may not; recorded in the transcript as what was actually sent.
 */
export async function sendAgentReply(request: AgentReplyRequest, deps: AgentReplyDependencies, now: Date): Promise<AgentReplyCheck> {
  const { conversation, replier, check } = await heldConversationReplier(request.viewer, request.conversationId, deps.config, now);
  if (!(await claimEvent(conversation.channel, `agent-reply:${request.messageId}`, now))) return check;
  const found = await productsBySku(request.skus);
  const products = request.skus.map((sku) => found.get(sku)).filter((product) => product !== undefined);
  const reply = agentReply(conversation, request.text, products, deps.settings);
  await deps.outbox.enqueue({ jobKey: `agent-reply:${request.messageId}`, kind: conversation.channel, payload: replier.job(reply, conversation.channelUserId, check) });
  const sent = check.freeText ? request.text : `(template: ${check.explanation})`;
  await recordAgentMessage(request.viewer, conversation, { author: 'agent', text: sent, cards: check.freeText && products.length > 0 ? products.map((product) => product.sku) : undefined }, deps.settings, now);
  return check;
}

export interface AgentPaymentLinkRequest {
  viewer: InboxViewer;
  conversationId: Types.ObjectId;
  /** The browser's id for this message: a resubmission sends nothing twice. */
  messageId: string;
  orderNumber: string;
}

const PAYMENT_LINK_REFUSALS: Record<Exclude<PendingLink, { ok: true }>['why'], string> = {
  'payments-off': 'Payments are off (PAYMENTS=off): orders are paid on delivery, so there is no link to send.',
  'not-awaiting-payment': 'This order is not awaiting payment, so there is no link to send.',
  'hold-over': "This order's payment hold is over; it is being cancelled and its stock released, so the link no longer works.",
};

/**
 * The Checkout link of one of the conversation's customer's orders awaiting payment, sent as the
 * channel shows a link (a button where it has one), under the same rules as a reply but only as free
 * text: an approved template cannot carry it. ORDER_NOT_FOUND for an order that is not this
 * customer's; AGENT_REPLY_REFUSED with the reason otherwise. Nothing is asked of Stripe.
 */
export async function sendAgentPaymentLink(request: AgentPaymentLinkRequest, deps: AgentReplyDependencies, now: Date): Promise<AgentReplyCheck> {
  const { conversation, replier, check } = await heldConversationReplier(request.viewer, request.conversationId, deps.config, now);
  if (!check.freeText) throw refused(`A payment link goes only as a message of its own, not in a template. ${check.explanation}`);
  const order = await findCustomerOrderByNumber(conversation.customerId, request.orderNumber);
  if (!order) throw new AppError('ORDER_NOT_FOUND', `No order ${request.orderNumber} of this customer.`);
  const link = await pendingPaymentLink(order, deps.settings, now);
  if (!link.ok) throw refused(PAYMENT_LINK_REFUSALS[link.why]);
  if (!(await claimEvent(conversation.channel, `agent-reply:${request.messageId}`, now))) return check;
  const reply = agentPaymentLinkReply(conversation, link, deps.settings, now);
  await deps.outbox.enqueue({ jobKey: `agent-reply:${request.messageId}`, kind: conversation.channel, payload: replier.job(reply, conversation.channelUserId, check) });
  await recordAgentMessage(request.viewer, conversation, { author: 'agent', text: reply.text }, deps.settings, now);
  return check;
}

export type HandoffTimeoutDependencies = AgentReplyDependencies;

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

/** Runs the handoff's clocks on an interval, never two runs at once; the returned function stops them once the run in flight is done. */
export function startHandoffTimeouts(deps: HandoffTimeoutDependencies, intervalMs: number, log: Logger): () => Promise<void> {
  return repeatEvery(
    intervalMs,
    async () => {
      log.debug(await runHandoffTimeouts(deps, new Date()), 'handoff timeouts done');
    },
    (error) => log.warn({ err: error }, 'handoff timeouts failed; retrying next interval'),
  );
}
