import { carrierKeywordIn } from '../../core/consent';
import { asksForTheAssistant, handoffWordIn, FALLBACKS_BEFORE_HANDOFF, type HandoffReason } from '../../core/handoff';
import { handoffExpectation, leaveHandoff, requestHandoff, requestWriteBack } from '../../services/handoff';
import { reply, type Flow, type FlowContext } from '../context';
import type { Reply } from '../turn';
import { channelName } from './account';

/** Puts the conversation in a person's queue and tells the shopper honestly what to expect. */
export async function handOff(ctx: FlowContext, reason: HandoffReason): Promise<Reply> {
  const expectation = handoffExpectation(ctx.settings.handoff, ctx.now);
  const m = ctx.messages;
  if (ctx.turn.voice) {
    // Nobody can take over a voice speaker: a person writes back on the customer's text channel instead.
    const writeBack = await requestWriteBack(ctx.settings.handoff, { customerId: ctx.customerId, locale: ctx.turn.locale, now: ctx.now });
    if (!writeBack) return reply(ctx, [m.handoffByVoice(), m.anythingElse()]);
    const channel = channelName(writeBack.channel);
    return reply(ctx, expectation.open ? m.handoffWriteBack(channel, expectation.waitMinutes) : m.handoffWriteBackAfterHours(channel, expectation.opensAt, expectation.timeZone));
  }
  await requestHandoff(ctx.settings.handoff, { customerId: ctx.customerId, channel: ctx.turn.channel, channelUserId: ctx.turn.channelUserId, locale: ctx.turn.locale, reason, now: ctx.now });
  ctx.session.handoff = true;
  ctx.dialog = {};
  return reply(ctx, expectation.open ? m.handoff(expectation.waitMinutes) : m.handoffAfterHours(expectation.opensAt, expectation.timeZone), { handoff: true, endSession: true });
}

/** "Talk to a person", or one of the configured handoff words ("complaint", "refund", "broken"). */
export const handoffFlow: Flow = {
  name: 'handoff',
  canHandle: (ctx) => ctx.intent.name === 'Handoff' || (!!ctx.turn.text && handoffWordIn(ctx.turn.text, ctx.settings.handoff.words) !== null),
  handle: (ctx) => handOff(ctx, ctx.intent.name === 'Handoff' ? 'asked' : 'keyword'),
};

/** Intents that always work while a person has the conversation: the carrier's and our own STOP and HELP. */
const ALWAYS_ANSWERED = new Set(['Stop', 'Help', 'Consent']);

/**
 * While a person has the conversation, the assistant keeps quiet (the message reaches the agent
 * through the transcript), except for STOP and HELP; "menu" leaves the queue and comes back to it.
 */
export const duringHandoffFlow: Flow = {
  name: 'during-handoff',
  canHandle: (ctx) => ctx.session.handoff && !ALWAYS_ANSWERED.has(ctx.intent.name) && !(ctx.turn.carrierKeywords && carrierKeywordIn(ctx.turn.text ?? '')),
  async handle(ctx) {
    if (ctx.intent.name === 'Launch' && asksForTheAssistant(ctx.turn.text ?? '')) {
      ctx.session.handoff = false;
      await leaveHandoff(ctx.settings.handoff, ctx.turn.channel, ctx.turn.channelUserId, ctx.now);
      return reply(ctx, ctx.messages.handoffEnded());
    }
    return { speech: '', text: '', silent: true, handoff: true, endSession: true };
  },
};

/** Fallbacks in a row so far, counted in the dialog; the second hands the conversation to a person. */
export function countFallback(ctx: FlowContext, fellBack: boolean): boolean {
  const dialog = ctx.dialog as { fallbacksInARow?: number };
  dialog.fallbacksInARow = fellBack ? (dialog.fallbacksInARow ?? 0) + 1 : 0;
  return fellBack && dialog.fallbacksInARow >= FALLBACKS_BEFORE_HANDOFF && !ctx.turn.voice;
}
