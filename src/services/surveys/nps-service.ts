import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { INSIGHT_METRICS, utcDay } from '../../core/insights';
import { NPS_COMMENT_MAX } from '../../core/nps';
import { countInsight } from '../../store/insight-store';
import { lastNpsAskedAt, recordNpsComment, recordNpsQuestion, recordNpsResponse } from '../../store/nps-store';
import type { OrderRecord } from '../../store/order-store';
import { enqueueJob } from '../../store/outbox-store';
import { closeSurveyOnSession, openSurveyOnSession, type SessionRecord } from '../../store/session-store';

/**
 * The NPS question after delivery: queued once per order when it becomes delivered, asked by the
 * outbox (`notify/nps-sender.ts` decides delay, consent, channel and frequency at send time), opened
 * on the session of the channel user it went to, answered in a later turn, counted in insights.
 */

export const NPS_JOB_KIND = 'nps';

export interface NpsJobPayload {
  customerId: string;
  orderNumber: string;
  /** The channel the order was placed on, tried first. */
  orderChannel: string;
  /** When the order was delivered (ms): the question waits NPS_DELAY_HOURS after it. */
  deliveredAt: number;
}

/** Queues the NPS question for a delivered order, once: the job key is the order number, so a repeated status event adds nothing. */
export function queueNpsQuestion(order: Pick<OrderRecord, 'orderNumber' | 'customerId' | 'channel'>, now: Date): Promise<boolean> {
  const payload: NpsJobPayload = { customerId: String(order.customerId), orderNumber: order.orderNumber, orderChannel: order.channel, deliveredAt: now.getTime() };
  return enqueueJob({ jobKey: npsJobKey(order.orderNumber), kind: NPS_JOB_KIND, customerId: order.customerId, payload }, now);
}

/** One NPS question per order. */
export function npsJobKey(orderNumber: string): string {
  return `nps:${orderNumber}`;
}

/** Whether the customer was asked about another order within `everyDays`: frequent buyers are not pestered. */
export async function npsAskedWithin(customerId: Types.ObjectId, orderNumber: string, everyDays: number, now: Date): Promise<boolean> {
  const last = await lastNpsAskedAt(customerId, orderNumber);
  return last !== null && now.getTime() - last.getTime() < everyDays * 24 * 60 * 60_000;
}

export interface NpsAsk {
  customerId: Types.ObjectId;
  orderNumber: string;
  channel: Channel;
  channelUserId: string;
  locale: string;
  timeZone: string;
}

/**
 * Records the question and opens it on the channel user's session, before it is sent: an answer can
 * never arrive before the question it answers is known. Repeating it (a retried send) changes nothing.
 */
export async function openNpsQuestion(ask: NpsAsk, openDays: number, now: Date): Promise<void> {
  const openUntil = new Date(now.getTime() + openDays * 24 * 60 * 60_000);
  await recordNpsQuestion({ orderNumber: ask.orderNumber, customerId: ask.customerId, channel: ask.channel, askedAt: now, openUntil });
  await openSurveyOnSession({ channel: ask.channel, channelUserId: ask.channelUserId, customerId: ask.customerId, locale: ask.locale, timeZone: ask.timeZone }, { orderNumber: ask.orderNumber, openUntil }, now);
}

/** The NPS question open on this session now, if any. */
export function openNpsQuestionOf(session: Pick<SessionRecord, 'survey'>, now: Date): { orderNumber: string } | null {
  const survey = session.survey;
  return survey?.orderNumber && new Date(survey.openUntil).getTime() > now.getTime() ? { orderNumber: survey.orderNumber } : null;
}

/**
 * The score answering the session's open question: recorded once per question (a unique insert) and
 * only then counted in insights; the question closes either way. False when it had been answered.
 */
export async function answerNpsQuestion(session: SessionRecord, customerId: Types.ObjectId, score: number, now: Date): Promise<boolean> {
  const orderNumber = session.survey!.orderNumber;
  const recorded = await recordNpsResponse({ orderNumber, customerId, channel: session.channel, score, answeredAt: now });
  if (recorded) await countInsight(utcDay(now), INSIGHT_METRICS.npsScore, String(score));
  await closeSurveyOnSession(session.key);
  session.survey = null;
  return recorded;
}

/** A detractor's "what could we have done better?", kept with their answer (cut to NPS_COMMENT_MAX characters), once. */
export function keepNpsComment(orderNumber: string, text: string, now: Date): Promise<boolean> {
  return recordNpsComment(orderNumber, text.trim().slice(0, NPS_COMMENT_MAX), now);
}
