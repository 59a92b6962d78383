import type { Logger } from '../logger';
import { turnDuration } from '../metrics';
import { codeForUnexpected } from '../core/errors';
import { boundedNumber, clipFreeText } from '../core/free-text';
import type { CommerceSettings } from '../services/settings';
import { openUnitOfWork } from '../store/unit-of-work';
import { errorMessage, messagesForTurn, reply, type Flow, type FlowContext } from './context';
import { escapeSsml } from './format';
import { messagesFor } from './locales';
import { freshDialog } from './dialog';
import { confirmLinkAnswerFlow, consentFlow, duringHandoffFlow, handoffFlow, linkAccountFlow, newVoiceCodeAnswerFlow, setVoiceCodeFlow } from './flows/account';
import { fallbackFlow, helpFlow, launchFlow, stopFlow } from './flows/basics';
import { checkoutFlow, purchaseAnswerFlow } from './flows/checkout';
import { giftAnswerFlow, giftFinderFlow } from './flows/gift-finder';
import { cancelAnswerFlow, cancelOrderFlow, orderStatusFlow, reorderAnswerFlow, reorderFlow } from './flows/orders';
import { elicitProductFlow, pickProductFlow } from './flows/pending-product';
import { addToCartFlow, browseFlow, productQuestionFlow, removeFromCartFlow, stockAlertFlow, viewCartFlow } from './flows/shopping';
import type { Intent, Reply, Turn } from './turn';
import { understandText } from './understand';

/** Flows that answer what the previous turn asked; they see the pending state, the others clear it. */
const ANSWER_FLOWS: Flow[] = [purchaseAnswerFlow, reorderAnswerFlow, cancelAnswerFlow, confirmLinkAnswerFlow, newVoiceCodeAnswerFlow, giftAnswerFlow, pickProductFlow, elicitProductFlow];

const REQUEST_FLOWS: Flow[] = [
  launchFlow,
  browseFlow,
  productQuestionFlow,
  stockAlertFlow,
  addToCartFlow,
  removeFromCartFlow,
  viewCartFlow,
  checkoutFlow,
  reorderFlow,
  orderStatusFlow,
  cancelOrderFlow,
  setVoiceCodeFlow,
  consentFlow,
  linkAccountFlow,
  handoffFlow,
  giftFinderFlow,
  helpFlow,
  stopFlow,
  fallbackFlow,
];

/**
 * One turn of any channel: who is this, what do they want, which flow answers, and what is
 * remembered for the next turn. Channel adapters call only this.
 */
export async function handleTurn(untrusted: Turn, settings: CommerceSettings, log?: Logger): Promise<Reply> {
  const turn = boundedTurn(untrusted);
  const now = turn.now ?? new Date();
  const messages = messagesForTurn(turn);
  const endTurn = turnDuration.startTimer({ channel: turn.channel });
  try {
    const work = await openUnitOfWork({ channel: turn.channel, channelUserId: turn.channelUserId, locale: turn.locale, currency: settings.pricing.currency });
    const { session, customer, customerId } = work;
    const dialog = freshDialog(session.dialog, now.getTime());
    const intent =
      turn.intent ?? understandText(turn.text ?? '', { awaitingCode: dialog.guard?.step === 'awaiting-code', lastChoices: turn.voice ? [] : (dialog.lastChoices ?? []), locale: turn.locale });
    const ctx: FlowContext = { turn, intent, session, work, dialog, customerId, customer, settings, messages, now };

    const result = await route(ctx);
    ctx.dialog.lastChoices = result.choices ?? [];
    ctx.dialog.updatedAt = now.getTime();
    session.dialog = ctx.dialog as Record<string, unknown>;
    // A flow may have joined this channel user to another customer (account linking).
    session.customerId = ctx.customerId;
    if (!turn.voice) session.lastInboundAt = now;
    await work.save(now);
    endTurn({ outcome: 'answered' });
    return result;
  } catch (error) {
    const code = codeForUnexpected(error);
    log?.error({ err: error, channel: turn.channel, errorCode: code }, 'turn failed');
    endTurn({ outcome: code });
    return reply({ turn, settings, messages }, errorMessage(messages, code), { errorCode: code, endSession: turn.voice && code === 'DATABASE_UNAVAILABLE' });
  }
}

/**
 * Every flow reads the shopper's words (the text, or the slots a voice platform filled) with patterns
 * and the catalog matcher; cutting them here, once, bounds the time a turn can take whatever arrived.
 */
function boundedTurn(turn: Turn): Turn {
  const text = turn.text === undefined ? undefined : clipFreeText(turn.text);
  if (!turn.intent) return { ...turn, text };
  const slots = { ...turn.intent.slots };
  for (const key of ['product', 'date', 'category', 'sku', 'code', 'orderNumber', 'choiceId'] as const) {
    const value = slots[key];
    if (typeof value === 'string') slots[key] = clipFreeText(value);
  }
  for (const key of ['quantity', 'age', 'budgetMinor'] as const) {
    const value = slots[key];
    // A budget is in minor units, so its bound is a hundred times a spoken number's.
    if (value !== undefined && boundedNumber(key === 'budgetMinor' ? value / 100 : value) === undefined) delete slots[key];
  }
  const intent: Intent = { ...turn.intent, slots };
  return { ...turn, text, intent };
}

/** What a channel says when a turn cannot even start because the database is out of reach. */
export function unavailableReply(locale: string): Reply {
  const text = messagesFor(locale).errors.DATABASE_UNAVAILABLE;
  return { speech: escapeSsml(text), text, errorCode: 'DATABASE_UNAVAILABLE', endSession: false };
}

async function route(ctx: FlowContext): Promise<Reply> {
  if (duringHandoffFlow.canHandle(ctx)) return duringHandoffFlow.handle(ctx);

  const answer = ANSWER_FLOWS.find((flow) => flow.canHandle(ctx));
  if (answer) return answer.handle(ctx);

  // Anything but an answer moves on: what was asked is dropped, and a purchase waiting for a yes is cancelled and said so.
  const abandonedPurchase = !!ctx.dialog.guard;
  delete ctx.dialog.guard;
  delete ctx.dialog.pending;
  const flow = REQUEST_FLOWS.find((candidate) => candidate.canHandle(ctx))!;
  const result = await flow.handle(ctx);
  if (!abandonedPurchase || result.silent) return result;
  const notice = reply(ctx, ctx.messages.checkoutCancelled('changed-subject'));
  return { ...result, speech: `${notice.speech} ${result.speech}`, text: `${notice.text} ${result.text}` };
}
