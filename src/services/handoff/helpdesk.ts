import type { Types } from 'mongoose';
import { enqueueJob } from '../../store/outbox-store';
import type { HandoffRecord } from '../../store/handoff-store';
import type { TranscriptAuthor } from '../../store/transcript-store';
import type { HandoffSettings } from '../settings';

/** Outbox jobs for the connected helpdesk (notify/helpdesk-webhook.ts sends them, signed). */
export const HELPDESK_JOB_KIND = 'helpdesk';

export type HelpdeskEventType = 'handoff.queued' | 'handoff.claimed' | 'handoff.message' | 'handoff.resolved';

/** What the helpdesk receives (documented in docs/HELPDESK.md): the conversation by id, never the customer's channel address. */
export interface HelpdeskEvent {
  id: string;
  type: HelpdeskEventType;
  at: string;
  conversation: { id: string; channel: string; status: string; reason: string; round: number; locale: string };
  customerId: string;
  message?: { author: TranscriptAuthor; text: string };
}

/** Queues one event for the helpdesk, once per `eventKey`, when a helpdesk is connected. */
export async function queueHelpdeskEvent(settings: HandoffSettings, type: HelpdeskEventType, eventKey: string, conversation: HandoffRecord, now: Date, message?: HelpdeskEvent['message']): Promise<void> {
  if (!settings.helpdesk) return;
  const id = `${type}:${conversation._id.toHexString()}:${eventKey}`;
  const payload: HelpdeskEvent = {
    id,
    type,
    at: now.toISOString(),
    conversation: { id: conversation._id.toHexString(), channel: conversation.channel, status: conversation.status, reason: conversation.reason, round: conversation.round, locale: conversation.locale },
    customerId: conversation.customerId.toHexString(),
    ...(message ? { message } : {}),
  };
  await enqueueJob({ jobKey: `helpdesk:${id}`, kind: HELPDESK_JOB_KIND, customerId: conversation.customerId as Types.ObjectId, payload }, now);
}
