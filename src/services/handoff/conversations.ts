import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { AppError } from '../../core/errors';
import { isOpen, opensAt, type HandoffReason } from '../../core/handoff';
import type { StaffRole } from '../../core/staff-roles';
import {
  enqueueHandoff,
  findHandoff,
  findHandoffByKey,
  handoffsIn,
  holdSessionForHandoff,
  insertFirstReplyClaim,
  insertHandoffClaim,
  releaseSessionFromHandoff,
  updateHandoff,
  writeBackIdentity,
  type HandoffRecord,
} from '../../store/handoff-store';
import { appendTranscript, lastInboundAt, transcriptOf, type StoredTranscriptEntry, type TranscriptEntry } from '../../store/transcript-store';
import { recordFirstAgentReply, recordHandoffStarted } from '../insights';
import type { CommerceSettings, HandoffSettings } from '../settings';
import { publishHandoffEvent } from './events';
import { queueHelpdeskEvent } from './helpdesk';

export type { HandoffRecord };

/** What the shopper is honestly told: the expected wait inside opening hours, or when people answer again. */
export type HandoffExpectation = { open: true; waitMinutes: number } | { open: false; opensAt: string; timeZone: string };

export function handoffExpectation(settings: HandoffSettings, now: Date): HandoffExpectation {
  const hours = settings.openingHours;
  if (!hours || isOpen(hours, now)) return { open: true, waitMinutes: settings.expectedWaitMinutes };
  return { open: false, opensAt: opensAt(hours), timeZone: hours.timeZone };
}

/** Queues the channel user's conversation for a person (once: a queued or claimed one stays as it is). */
export async function requestHandoff(settings: HandoffSettings, request: { customerId: Types.ObjectId; channel: Channel; channelUserId: string; locale: string; reason: HandoffReason; now: Date }): Promise<HandoffRecord> {
  const { conversation, started } = await enqueueHandoff(request);
  // Queued by this request (not one already waiting or claimed): a handoff started.
  if (started) await recordHandoffStarted(request.channel, request.now);
  await publishHandoffEvent({ kind: 'queue' });
  await queueHelpdeskEvent(settings, 'handoff.queued', `round-${conversation.round}`, conversation, request.now);
  return conversation;
}

/** The shopper wrote while a person has the conversation: the inbox re-reads it, and a connected helpdesk is told. */
export async function customerWroteDuringHandoff(settings: HandoffSettings, message: { customerId: Types.ObjectId; channel: Channel; channelUserId: string; text: string; now: Date }): Promise<void> {
  await publishHandoffEvent({ kind: 'message' });
  if (!settings.helpdesk) return;
  const conversation = await findHandoffByKey(message.channel, message.channelUserId);
  if (conversation && conversation.status !== 'resolved') {
    await queueHelpdeskEvent(settings, 'handoff.message', `customer-${message.now.getTime()}`, conversation, message.now, { author: 'customer', text: message.text });
  }
}

/** A voice request answered on the customer's text channel: queued there, with that channel's assistant held quiet. */
export async function requestWriteBack(settings: HandoffSettings, request: { customerId: Types.ObjectId; locale: string; now: Date }): Promise<HandoffRecord | null> {
  const identity = await writeBackIdentity(request.customerId);
  if (!identity) return null;
  const conversation = await requestHandoff(settings, { ...request, ...identity, reason: 'voice-write-back' });
  await holdSessionForHandoff(identity.channel, identity.channelUserId, request.customerId, request.locale, request.now);
  return conversation;
}

/** The shopper chose the assistant again while waiting: the conversation leaves the queue. */
export async function leaveHandoff(settings: HandoffSettings, channel: Channel, channelUserId: string, now: Date): Promise<void> {
  const conversation = await findHandoffByKey(channel, channelUserId);
  if (!conversation || conversation.status === 'resolved') return;
  await updateHandoff(conversation._id, { status: 'resolved', resolvedAt: now });
  await publishHandoffEvent({ kind: 'queue' });
  await queueHelpdeskEvent(settings, 'handoff.resolved', `round-${conversation.round}`, { ...conversation, status: 'resolved' }, now);
}

/** A member of staff as the inbox's permissions see them. */
export interface InboxViewer {
  id: Types.ObjectId;
  role: StaffRole;
}

function seesEverything(viewer: InboxViewer): boolean {
  return viewer.role === 'supervisor' || viewer.role === 'admin';
}

/** The queue, and the claimed conversations: a supervisor's view has everyone's, an agent's only their own. */
export async function inboxConversations(viewer: InboxViewer): Promise<{ queued: HandoffRecord[]; claimed: HandoffRecord[] }> {
  const [queued, claimed] = await Promise.all([handoffsIn('queued'), handoffsIn('claimed', seesEverything(viewer) ? undefined : viewer.id)]);
  const byTime = (a: HandoffRecord, b: HandoffRecord) => a.queuedAt.getTime() - b.queuedAt.getTime();
  return { queued: queued.sort(byTime), claimed: claimed.sort(byTime) };
}

/** One conversation, if this viewer may see it: an agent sees the queue and their own; NOT_FOUND otherwise (never whose it is). */
export async function conversationFor(viewer: InboxViewer, id: Types.ObjectId): Promise<HandoffRecord> {
  const conversation = await findHandoff(id);
  const visible = conversation && (seesEverything(viewer) || conversation.status === 'queued' || conversation.claimedBy?.equals(viewer.id));
  if (!visible) throw new AppError('NOT_FOUND', 'No such conversation in your inbox.');
  return conversation;
}

/** A conversation this viewer holds (a supervisor may act on any claimed one). */
async function heldBy(viewer: InboxViewer, id: Types.ObjectId): Promise<HandoffRecord> {
  const conversation = await conversationFor(viewer, id);
  if (conversation.status !== 'claimed' || !(conversation.claimedBy?.equals(viewer.id) || seesEverything(viewer))) throw new AppError('CONFLICT', 'Claim the conversation first.');
  return conversation;
}

/** The first agent to claim this round gets it (a unique insert decides); CONFLICT for the others. */
export async function claimConversation(settings: HandoffSettings, viewer: InboxViewer, id: Types.ObjectId, now: Date): Promise<HandoffRecord> {
  const conversation = await conversationFor(viewer, id);
  if (conversation.status !== 'queued' || !(await insertHandoffClaim(conversation, viewer.id, now))) throw new AppError('CONFLICT', 'Someone else has claimed this conversation.');
  await updateHandoff(conversation._id, { status: 'claimed', claimedBy: viewer.id, claimedAt: now, agentActiveAt: now });
  await publishHandoffEvent({ kind: 'queue' });
  const claimed = (await findHandoff(conversation._id))!;
  await queueHelpdeskEvent(settings, 'handoff.claimed', `round-${claimed.round}`, claimed, now);
  return claimed;
}

/** Done: the assistant answers the shopper again and greets them back on their next message. */
export async function resolveConversation(settings: HandoffSettings, viewer: InboxViewer, id: Types.ObjectId, now: Date): Promise<void> {
  const conversation = await heldBy(viewer, id);
  await updateHandoff(conversation._id, { status: 'resolved', resolvedAt: now });
  await releaseSessionFromHandoff(conversation.channel, conversation.channelUserId);
  await publishHandoffEvent({ kind: 'queue' });
  await queueHelpdeskEvent(settings, 'handoff.resolved', `round-${conversation.round}`, { ...conversation, status: 'resolved' }, now);
}

/** An agent's reply or note enters the transcript (the agent counts as active); the round's first reply is counted once for insights, timed from when it was queued. */
export async function recordAgentMessage(viewer: InboxViewer, conversation: HandoffRecord, entry: Pick<TranscriptEntry, 'author' | 'text' | 'cards'>, settings: CommerceSettings, now: Date): Promise<void> {
  // The conversation as read says whether a reply may be the first; of replies racing (two tabs, a resend), the unique insert picks one.
  const firstReply = entry.author === 'agent' && !conversation.firstReplyAt && (await insertFirstReplyClaim(conversation, viewer.id, now));
  await Promise.all([
    appendTranscript([{ customerId: conversation.customerId, channel: conversation.channel, channelUserId: conversation.channelUserId, staffId: viewer.id, ...entry, at: now }], settings.transcriptRetentionDays),
    updateHandoff(conversation._id, firstReply ? { agentActiveAt: now, firstReplyAt: now } : { agentActiveAt: now }),
  ]);
  if (firstReply) await recordFirstAgentReply(conversation.channel, conversation.queuedAt, now);
  await publishHandoffEvent({ kind: 'message' });
  // Private notes stay in the inbox; what the customer was sent goes to a connected helpdesk too.
  if (entry.author === 'agent') await queueHelpdeskEvent(settings.handoff, 'handoff.message', `agent-${now.getTime()}`, conversation, now, { author: 'agent', text: entry.text });
}

/** A conversation the viewer holds, for a reply or a note. */
export function conversationHeldBy(viewer: InboxViewer, id: Types.ObjectId): Promise<HandoffRecord> {
  return heldBy(viewer, id);
}

/** The customer's whole story on every channel, and when they last wrote on this conversation's channel (messaging windows run from it). */
export async function conversationTranscript(conversation: HandoffRecord): Promise<{ entries: StoredTranscriptEntry[]; lastInboundAt: Date | null }> {
  const [entries, lastWrote] = await Promise.all([transcriptOf(conversation.customerId), customerLastWroteAt(conversation)]);
  return { entries, lastInboundAt: lastWrote };
}

/** When the customer last wrote on this conversation's channel user, however much they wrote elsewhere since. */
export function customerLastWroteAt(conversation: HandoffRecord): Promise<Date | null> {
  return lastInboundAt(conversation.customerId, conversation.channel, conversation.channelUserId);
}

const MINUTE_MS = 60_000;

/** Queued conversations nobody claimed within HANDOFF_CLAIM_TIMEOUT_MINUTES whose shopper has not been told this round. */
export async function unclaimedTooLong(settings: HandoffSettings, now: Date): Promise<HandoffRecord[]> {
  const cutoff = now.getTime() - settings.claimTimeoutMinutes * MINUTE_MS;
  return (await handoffsIn('queued')).filter((conversation) => conversation.queuedAt.getTime() <= cutoff && (conversation.waitNoticeRound ?? 0) < conversation.round);
}

/** The shopper was told this round that nobody has claimed it yet (once per round). */
export async function markWaitNoticeSent(conversation: HandoffRecord): Promise<void> {
  await updateHandoff(conversation._id, { waitNoticeRound: conversation.round });
}

/** Claimed conversations whose agent did nothing for HANDOFF_IDLE_MINUTES go back to the queue (a new round, so any agent may claim it). */
export async function requeueIdleClaims(settings: HandoffSettings, now: Date): Promise<number> {
  const cutoff = now.getTime() - settings.idleMinutes * MINUTE_MS;
  const idle = (await handoffsIn('claimed')).filter((conversation) => (conversation.agentActiveAt ?? conversation.claimedAt ?? now).getTime() <= cutoff);
  for (const conversation of idle) {
    await updateHandoff(conversation._id, { status: 'queued', round: conversation.round + 1, queuedAt: now }, ['claimedBy', 'claimedAt', 'agentActiveAt']);
    await queueHelpdeskEvent(settings, 'handoff.queued', `round-${conversation.round + 1}`, { ...conversation, status: 'queued', round: conversation.round + 1 }, now);
  }
  if (idle.length > 0) await publishHandoffEvent({ kind: 'queue' });
  return idle.length;
}
