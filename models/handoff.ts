import { model, type InferSchemaType } from 'mongoose';
import { HANDOFF_REASONS, HANDOFF_STATUSES } from '../src/core/handoff';
import { Schema, channelField } from './shared';

/**
 * A channel user's conversation with a person: one document per channel user (`key`), queued again
 * (its `round` moving on) each time they ask after a resolve. Found by `key`, `status` and `claimedBy`, all equality.
 */
const handoffConversationSchema = new Schema(
  {
    /** `${channel}:${channelUserId}`, as the session's key. */
    key: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    channel: channelField,
    channelUserId: { type: String, required: true },
    locale: { type: String, default: 'en-US' },
    status: { type: String, required: true, enum: HANDOFF_STATUSES },
    reason: { type: String, required: true, enum: HANDOFF_REASONS },
    /** Moves on each time the conversation is queued (again): a claim is unique per round. */
    round: { type: Number, required: true, default: 1 },
    queuedAt: { type: Date, required: true },
    claimedBy: { type: Schema.Types.ObjectId, ref: 'Staff' },
    claimedAt: { type: Date },
    /** The claiming agent's last action: idle past HANDOFF_IDLE_MINUTES, the conversation goes back to the queue. */
    agentActiveAt: { type: Date },
    /** The shopper was told nobody has claimed it yet (HANDOFF_CLAIM_TIMEOUT_MINUTES), once per round. */
    waitNoticeRound: { type: Number, default: 0 },
    /** When an agent first replied to the shopper in this handoff (insights: the time to a first reply); cleared when it is queued anew. */
    firstReplyAt: { type: Date },
    resolvedAt: { type: Date },
  },
  { timestamps: true },
);
handoffConversationSchema.index({ key: 1 }, { unique: true });
handoffConversationSchema.index({ status: 1 });
handoffConversationSchema.index({ claimedBy: 1 });
handoffConversationSchema.index({ customerId: 1 });

export type HandoffConversation = InferSchemaType<typeof handoffConversationSchema>;
export const HandoffConversationModel = model('HandoffConversation', handoffConversationSchema);

/**
 * One claim per conversation round (`_id` = `${conversationId}:${round}`): the insert decides which agent got it.
 * Its first agent reply is decided the same way (`${conversationId}:${round}:first-reply`, the replying agent).
 */
const handoffClaimSchema = new Schema({
  _id: { type: String, required: true },
  staffId: { type: Schema.Types.ObjectId, required: true, ref: 'Staff' },
  at: { type: Date, required: true },
});

export const HandoffClaimModel = model('HandoffClaim', handoffClaimSchema);

/**
 * How often each kind of inbox event happened, in any process (`_id` the kind: `queue`, `message`):
 * every process's live inbox polls these few documents to hear what other processes published.
 */
const handoffSignalSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
});

export const HandoffSignalModel = model('HandoffSignal', handoffSignalSchema);
