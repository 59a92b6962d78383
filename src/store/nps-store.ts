import type { Types } from 'mongoose';
import { NpsQuestionModel, NpsResponseModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';

/** NPS questions (one per delivered order) and their answers (one per question): both unique inserts. */

export interface NewNpsQuestion {
  orderNumber: string;
  customerId: Types.ObjectId;
  channel: Channel;
  askedAt: Date;
  openUntil: Date;
}

/** Records the question for an order; false when it was already recorded (a retried send). */
export function recordNpsQuestion(question: NewNpsQuestion): Promise<boolean> {
  return insertOnce(NpsQuestionModel, question);
}

/** When the customer was last asked, other orders' questions only (equality on the customer; a few a year at most). */
export async function lastNpsAskedAt(customerId: Types.ObjectId, exceptOrderNumber: string): Promise<Date | null> {
  const questions = await NpsQuestionModel.find({ customerId }).select({ orderNumber: 1, askedAt: 1 }).lean();
  const times = questions.filter((question) => question.orderNumber !== exceptOrderNumber).map((question) => question.askedAt.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

export interface NewNpsResponse {
  orderNumber: string;
  customerId: Types.ObjectId;
  channel: Channel;
  score: number;
  answeredAt: Date;
}

/** Records the answer to a question; false when that question was answered already (only the first answer counts). */
export function recordNpsResponse(response: NewNpsResponse): Promise<boolean> {
  return insertOnce(NpsResponseModel, response);
}

/** Keeps a detractor's comment with their answer, once: a later message does not replace it. */
export async function recordNpsComment(orderNumber: string, comment: string, at: Date): Promise<boolean> {
  const result = await NpsResponseModel.updateOne({ orderNumber, comment: { $exists: false } }, { $set: { comment, commentedAt: at } });
  return result.modifiedCount > 0;
}
