import { marketingReaches } from '../../core/campaign';
import { normalizeDiscountCode } from '../../core/discount';
import { applyDiscountCode } from '../../services/cart';
import { markOffersAsked, recordMarketingChoice } from '../../services/customers';
import { answerCheckout, prepareCheckout, type BuyerContext, type CheckoutAnswer, type CheckoutRefusal } from '../../services/checkout';
import { recordFunnelStep } from '../../services/insights';
import type { PaymentOutcome } from '../../services/payments';
import { cancelMinutesLeft } from '../../core/order-rules';
import { errorReply, reply, yesNoChoices, type Flow, type FlowContext } from '../context';
import { takePending } from '../dialog';
import type { Message } from '../format';
import type { Reply } from '../turn';

function buyer(ctx: FlowContext): BuyerContext {
  return { channel: ctx.turn.channel, channelUserId: ctx.turn.channelUserId, voice: ctx.turn.voice, speakerRecognized: ctx.turn.speakerRecognized ?? !ctx.turn.voice, channelRequiresCode: ctx.turn.requireVoiceCode ?? false };
}

/** Guard step 1: the read-back of seller, items, delivery and total, bound to this exact basket. */
export async function startCheckout(ctx: FlowContext, preface: Message[] = []): Promise<Reply> {
  // Amazon's rule for selling physical goods: no purchase without a linked account.
  if (ctx.turn.accountLinked === false) return errorReply(ctx, 'ACCOUNT_NOT_LINKED', { needsAccountLink: true });
  const prepared = await prepareCheckout(ctx.work, buyer(ctx), ctx.settings, ctx.now);
  if (!prepared.ok) {
    delete ctx.dialog.guard;
    return refusalReply(ctx, prepared);
  }
  ctx.dialog.guard = prepared.guard;
  await recordFunnelStep('readBack', ctx.turn.channel, ctx.now);
  const { readBack } = prepared;
  const messages = [
    ...preface,
    ...(readBack.discountDropped ? [ctx.messages.discountNoLongerApplies(readBack.discountDropped.code, readBack.discountDropped.problem)] : []),
    ...(readBack.repriced.length > 0 ? [ctx.messages.repriced(readBack.repriced)] : []),
    ctx.messages.readBack({ sellerName: readBack.sellerName, lines: readBack.lines, deliveryTo: readBack.deliveryTo, totalMinor: readBack.totals.totalMinor, taxMinor: readBack.totals.taxMinor, deliveryFeeMinor: readBack.totals.deliveryFeeMinor, codeRequired: readBack.codeRequired, discount: readBack.discount, payment: readBack.payment }),
  ];
  return reply(ctx, messages, { choices: yesNoChoices(ctx), confirmation: { kind: 'purchase', token: prepared.guard.fingerprint }, reprompt: ctx.messages.confirmReprompt() });
}

/** The same words for a refusal at the read-back and at the yes. */
function refusalReply(ctx: FlowContext, refusal: CheckoutRefusal): Reply {
  const m = ctx.messages;
  if (refusal.code === 'OUT_OF_STOCK') return reply(ctx, refusal.items.map((item) => m.onlyInStock(item.name, item.available)), { errorCode: 'OUT_OF_STOCK' });
  if (refusal.code === 'RESTRICTED_BY_VOICE' || refusal.code === 'AGE_VERIFICATION_REQUIRED') {
    const reasons = refusal.problems.map((problem) => () => `${problem.name}: ${problem.reason}.`);
    return reply(ctx, [() => m.errors[refusal.code], ...reasons], { errorCode: refusal.code });
  }
  return errorReply(ctx, refusal.code);
}

/** What the customer hears of the payment after the order number; nothing with payments off (the read-back said "on delivery"). */
function paymentMessage(ctx: FlowContext, payment: PaymentOutcome): Message | null {
  const m = ctx.messages;
  switch (payment.kind) {
    case 'on-delivery':
      return null;
    case 'charged':
    case 'in-progress':
      return m.orderPayment(payment);
    case 'link': {
      const holdMinutes = Math.max(1, Math.round((payment.holdUntil.getTime() - ctx.now.getTime()) / 60_000));
      return m.orderPayment({ kind: 'link', why: payment.why, holdMinutes, url: payment.url, sentToPhone: ctx.turn.voice });
    }
  }
}

/**
 * "Apply code SPRING10", said or typed on any channel: kept on the shared cart when it applies now,
 * with the amount off and the new total; the read-back names it again and the order keeps it.
 */
export const applyDiscountFlow: Flow = {
  name: 'apply-discount',
  canHandle: (ctx) => ctx.intent.name === 'ApplyDiscount',
  async handle(ctx) {
    const m = ctx.messages;
    const said = ctx.intent.slots.discountCode;
    const code = said ? normalizeDiscountCode(said) : null;
    if (!code) return reply(ctx, m.whichDiscountCode());
    const outcome = await applyDiscountCode(ctx.work, ctx.work.customerId, code, ctx.settings, ctx.now);
    if (!outcome.ok) return reply(ctx, [m.discountRefused(code, outcome.refusal.problem), m.anythingElse()], { errorCode: 'DISCOUNT_NOT_APPLICABLE' });
    const { totals } = outcome.cart;
    return reply(ctx, [m.discountApplied({ code, amountMinor: totals.discountMinor ?? 0, totalMinor: totals.totalMinor }), m.anythingElse()]);
  },
};

async function askForOffers(ctx: FlowContext): Promise<Message[]> {
  const wording = ctx.messages.offersAsk(ctx.settings.sellerName);
  await markOffersAsked(ctx.customerId, ctx.turn.channel);
  ctx.dialog.pending = { kind: 'offers-ask', wording };
  return [() => wording];
}

/** The YES or NO to "would you like offers here?": either is recorded, with the words asked, and never asked again there. */
export const offersAnswerFlow: Flow = {
  name: 'offers-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'offers-ask' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const { wording } = takePending(ctx.dialog, 'offers-ask');
    const granted = ctx.intent.name === 'Yes';
    await recordMarketingChoice(ctx.customerId, ctx.turn.channel, granted, { kind: 'post-order', source: `${ctx.turn.channel}: asked after an order, answered ${granted ? 'YES' : 'NO'}`, wording }, ctx.now);
    if (!granted) return reply(ctx, ctx.messages.signupDeclined());
    const confirmed = ctx.messages.signupConfirmed(ctx.settings.sellerName);
    return reply(ctx, () => confirmed);
  },
};

/**
 * A cart reminder can be offered where one can be sent: a text channel campaigns use, with a cart still
 * holding lines. The reminder is marketing, which WhatsApp sends only as a marketing template, and
 * Meta refuses those to +1 numbers: a reminder promised there would never arrive, so none is offered.
 */
function canRemindOfCart(ctx: FlowContext): boolean {
  return marketingReaches(buyer(ctx)) && ctx.work.cart.lines.length > 0;
}

/**
 * The YES or NO to "shall I remind you about your cart?" after a declined read-back: a yes marks the
 * cart, so its one reminder goes on this channel even without a marketing opt-in (the shopper asked).
 */
export const cartReminderAnswerFlow: Flow = {
  name: 'cart-reminder-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'cart-reminder-ask' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  handle(ctx) {
    takePending(ctx.dialog, 'cart-reminder-ask');
    if (ctx.intent.name === 'No') return Promise.resolve(reply(ctx, ctx.messages.anythingElse()));
    ctx.work.requestReminder(ctx.turn.channel);
    return Promise.resolve(reply(ctx, ctx.messages.remindCartSet(ctx.settings.cartReminderAfterHours)));
  },
};

export const checkoutFlow: Flow = {
  name: 'checkout',
  canHandle: (ctx) => ctx.intent.name === 'Checkout',
  handle: (ctx) => startCheckout(ctx),
};

function answerFrom(ctx: FlowContext): CheckoutAnswer | null {
  switch (ctx.intent.name) {
    case 'Yes':
      return { type: 'yes' };
    case 'No':
      return { type: 'no' };
    case 'Silence':
      return { type: 'silence' };
    case 'VoiceCode':
      return { type: 'code', code: ctx.intent.slots.code ?? '' };
    default:
      return null;
  }
}

/**
 * Guard steps 2-5 while a purchase waits for a yes or a code. Any other intent cancels the
 * purchase first (then the engine handles that intent), as the guard requires.
 */
export const purchaseAnswerFlow: Flow = {
  name: 'purchase-answer',
  canHandle: (ctx) => !!ctx.dialog.guard && answerFrom(ctx) !== null,
  async handle(ctx) {
    const guard = ctx.dialog.guard!;
    const step = await answerCheckout(ctx.work, buyer(ctx), guard, answerFrom(ctx)!, ctx.settings, ctx.now);
    const m = ctx.messages;
    switch (step.result) {
      case 'ask-code':
        ctx.dialog.guard = step.guard;
        return reply(ctx, m.askVoiceCode(), { expectsVoiceCode: true, reprompt: m.askVoiceCode() });
      case 'code-wrong':
        ctx.dialog.guard = step.guard;
        return reply(ctx, m.voiceCodeWrong(step.attemptsLeft), { expectsVoiceCode: true, errorCode: 'VOICE_CODE_WRONG', reprompt: m.askVoiceCode() });
      case 'code-locked':
        delete ctx.dialog.guard;
        return errorReply(ctx, 'VOICE_CODE_LOCKED');
      case 'cancelled':
        delete ctx.dialog.guard;
        if (step.why === 'declined' && canRemindOfCart(ctx)) {
          ctx.dialog.pending = { kind: 'cart-reminder-ask' };
          const question = m.remindCartAsk(ctx.settings.cartReminderAfterHours);
          return reply(ctx, [m.checkoutCancelled(step.why), question], { choices: yesNoChoices(ctx), reprompt: question });
        }
        return reply(ctx, [m.checkoutCancelled(step.why), m.anythingElse()], { endSession: step.why === 'silence' });
      case 'stale':
        delete ctx.dialog.guard;
        return startCheckout(ctx, [m.basketChanged()]);
      case 'refused':
        delete ctx.dialog.guard;
        // The code is off the cart now: the basket is read back without it, after saying why.
        if (step.refusal.code === 'DISCOUNT_NOT_APPLICABLE') return startCheckout(ctx, [m.discountNoLongerApplies(step.refusal.discountCode, step.refusal.problem)]);
        return refusalReply(ctx, step.refusal);
      case 'failed':
        delete ctx.dialog.guard;
        return errorReply(ctx, step.code);
      case 'placed': {
        delete ctx.dialog.guard;
        const { order, receiptEmailed, payment } = step;
        const placed = m.orderPlaced({ orderNumber: order.orderNumber, totalMinor: order.totalMinor, windowMinutes: cancelMinutesLeft(order, ctx.settings.cancellationWindowMinutes, ctx.now), receiptEmailed });
        const paymentSaid = paymentMessage(ctx, payment);
        // Where consent is asked best: right after an order, once per customer and channel (remembered whatever the answer), where offers can reach them (the read-back decided).
        const offers = step.askOffers ? await askForOffers(ctx) : [];
        return reply(ctx, [placed, ...(paymentSaid ? [paymentSaid] : []), ...offers], {
          placedOrder: { orderNumber: order.orderNumber, totalMinor: order.totalMinor, currency: order.currency, lines: order.lines.map(({ name, quantity }) => ({ name, quantity })), receiptEmailed },
          ...(payment.kind === 'link' && !ctx.turn.voice ? { link: { label: m.labels.payNow, url: payment.url } } : {}),
          ...(offers.length > 0 ? { consentAsk: true } : {}),
          endSession: ctx.turn.voice,
        });
      }
    }
  },
};
