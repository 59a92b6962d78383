import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Channel } from '../core/channels';
import { localDateOf } from '../core/dates';
import type { ErrorCode } from '../core/errors';
import {
  advanceGuard,
  ageOn,
  basketFingerprint,
  limitProblem,
  restrictionProblems,
  voiceCodeReasons,
  type GuardEvent,
  type GuardState,
  type RestrictionProblem,
} from '../core/guard';
import type { Totals } from '../core/money';
import type { CustomerRecord } from '../store/customer-store';
import type { OrderRecord } from '../store/order-store';
import { spendDayOf, spendHeadOn } from '../store/spend-ledger-store';
import type { TurnUnitOfWork } from '../store/unit-of-work';
import { viewCart, type CartView } from './cart-service';
import { emailsReceipts } from './notification-service';
import { placeOrder } from './order-service';
import type { CommerceSettings } from './settings';
import { checkVoiceCode, hasUsableVoiceCode } from './voice-code-service';

/** What checkout needs of the turn: the customer and their cart, as loaded once for the turn. */
export type CheckoutWork = Pick<TurnUnitOfWork, 'customer' | 'cart' | 'replaceCartLines' | 'products'>;

export interface BuyerContext {
  channel: Channel;
  voice: boolean;
  speakerRecognized: boolean;
  /** The channel asks for the voice code on every order, voice or text (see `GuardContext.channelRequiresCode`). */
  channelRequiresCode?: boolean;
}

/** Everything the customer must hear or read before saying yes (Amazon's physical-goods rules). */
export interface ReadBack {
  sellerName: string;
  lines: CartView['lines'];
  totals: Totals;
  deliveryTo: string;
  repriced: CartView['repriced'];
  codeRequired: boolean;
}

export type CheckoutRefusal =
  | { code: 'CART_EMPTY' | 'NO_ADDRESS' | 'VOICE_CODE_NOT_SET' | 'VOICE_CODE_LOCKED' | 'ORDER_LIMIT_EXCEEDED' | 'DAILY_LIMIT_EXCEEDED' }
  | { code: 'OUT_OF_STOCK'; items: { name: string; available: number }[] }
  | { code: 'RESTRICTED_BY_VOICE' | 'AGE_VERIFICATION_REQUIRED'; problems: RestrictionProblem[] };

export type Prepared = { ok: true; readBack: ReadBack; guard: GuardState } | ({ ok: false } & CheckoutRefusal);

/**
 * Step 1 of the guard: checks the basket (stock, restrictions, limits, code availability) and
 * returns the read-back with a guard state bound to this exact basket. Nothing is reserved yet.
 */
export async function prepareCheckout(work: CheckoutWork, buyer: BuyerContext, settings: CommerceSettings, now = new Date()): Promise<Prepared> {
  const customer = await work.customer();
  const cart = await viewCart(work, settings);
  const refusal = await basketRefusal(buyer, cart, customer, settings, now);
  if (refusal) return { ok: false, ...refusal };
  const address = customer.addresses![0]!;

  const codeReasons = voiceCodeReasons({
    voice: buyer.voice,
    speakerRecognized: buyer.speakerRecognized,
    channelRequiresCode: buyer.channelRequiresCode ?? false,
    kidMode: customer.preferences?.kidMode ?? false,
    // A code that was invalidated still counts as set: the purchase stays locked until a new one is set.
    customerHasVoiceCode: !!customer.voiceCode?.hash,
    totalMinor: cart.totals.totalMinor,
    voiceCodeThresholdMinor: settings.voiceCodeThresholdMinor,
  });
  if (codeReasons.length > 0 && !hasUsableVoiceCode(customer)) return { ok: false, code: customer.voiceCode?.invalidatedAt ? 'VOICE_CODE_LOCKED' : 'VOICE_CODE_NOT_SET' };

  return {
    ok: true,
    readBack: {
      sellerName: settings.sellerName,
      lines: cart.lines,
      totals: cart.totals,
      deliveryTo: `${address.line1}, ${address.city}`,
      repriced: cart.repriced,
      codeRequired: codeReasons.length > 0,
    },
    guard: { step: 'awaiting-confirmation', fingerprint: basketFingerprint(cart.lines, cart.totals), codeReasons, issuedAt: now.getTime() },
  };
}

/**
 * Everything that may refuse this basket for this buyer now: emptiness, restrictions, stock, address,
 * the per-order limit and today's spend. Run at the read-back and again when the yes is approved,
 * because any of them can change in between (another order, a restock, a new limit).
 */
async function basketRefusal(buyer: BuyerContext, cart: CartView, customer: CustomerRecord, settings: CommerceSettings, now: Date): Promise<CheckoutRefusal | null> {
  if (cart.lines.length === 0) return { code: 'CART_EMPTY' };

  const restricted = restrictionProblems(cart.lines.map((line) => line.product), { voice: buyer.voice, customerAge: ageOn(customer.birthDate, now) });
  if (restricted.length > 0) return { code: restricted[0]!.code, problems: restricted };

  const short = cart.lines.filter((line) => line.inStock < line.quantity);
  if (short.length > 0) return { code: 'OUT_OF_STOCK', items: short.map((line) => ({ name: line.name, available: line.inStock })) };

  if (!customer.addresses?.[0]) return { code: 'NO_ADDRESS' };

  const { day, limits } = spendingOf(customer, settings, now);
  const overLimit = limitProblem(cart.totals.totalMinor, (await spendHeadOn(customer._id, day)).spentMinor, limits);
  if (overLimit) return { code: overLimit };
  return null;
}

function spendingOf(customer: CustomerRecord, settings: CommerceSettings, now: Date) {
  return {
    day: spendDayOf(localDateOf(now, customer.timeZone)),
    limits: {
      perOrderMinor: Math.min(settings.limits.perOrderMinor, customer.limits?.perOrderMinor ?? Infinity),
      perDayMinor: Math.min(settings.limits.perDayMinor, customer.limits?.perDayMinor ?? Infinity),
    },
  };
}

export type CheckoutAnswer = { type: 'yes' } | { type: 'no' } | { type: 'silence' } | { type: 'other-intent' } | { type: 'code'; code: string };

export type CheckoutStep =
  | { result: 'ask-code'; guard: GuardState }
  | { result: 'code-wrong'; guard: GuardState; attemptsLeft: number }
  | { result: 'code-locked' }
  | { result: 'cancelled'; why: 'declined' | 'silence' | 'changed-subject' }
  | { result: 'stale' }
  | { result: 'placed'; order: OrderRecord; replayed: boolean }
  | { result: 'refused'; refusal: CheckoutRefusal }
  | { result: 'failed'; code: Extract<ErrorCode, 'OUT_OF_STOCK' | 'ORDER_IN_PROGRESS' | 'DAILY_LIMIT_EXCEEDED'> };

/**
 * Steps 2-5 of the guard: the customer's answer to the read-back or the code prompt. The basket is
 * re-read and re-fingerprinted first, so a change made anywhere since the read-back voids the yes.
 * The order is placed only when the guard approves and the basket still passes every check of the
 * read-back. Its placement key names the customer's basket revision and content, not the read-back,
 * so however many read-backs (on however many channels) were answered yes, one basket is one order.
 */
export async function answerCheckout(work: CheckoutWork, buyer: BuyerContext, guard: GuardState, answer: CheckoutAnswer, settings: CommerceSettings, now = new Date()): Promise<CheckoutStep> {
  const customer = await work.customer();
  const cart = await viewCart(work, settings);
  const current = { fingerprint: basketFingerprint(cart.lines, cart.totals), now: now.getTime() };

  let event: GuardEvent;
  let attemptsLeft = 0;
  if (answer.type === 'code') {
    if (guard.step !== 'awaiting-code') {
      // Digits in answer to "shall I place it?" are not a yes.
      event = { type: 'other-intent' };
    } else if (guard.fingerprint !== current.fingerprint) {
      // Stale: the guard says so before any code is checked, so no attempt is spent on it.
      event = { type: 'yes' };
    } else {
      const check = await checkVoiceCode(customer._id, answer.code, settings.voiceCodePepper, now);
      if (check.outcome === 'wrong') attemptsLeft = check.attemptsLeft;
      event = { type: 'code-checked', outcome: check.outcome === 'right' ? 'right' : check.outcome === 'wrong' ? 'wrong' : 'locked' };
    }
  } else {
    event = answer;
  }

  const outcome = advanceGuard(guard, event, current);
  switch (outcome.result) {
    case 'ask-code':
      return { result: 'ask-code', guard: outcome.state };
    case 'code-wrong':
      return { result: 'code-wrong', guard: outcome.state, attemptsLeft };
    case 'code-locked':
    case 'stale':
      return { result: outcome.result };
    case 'cancelled':
      return { result: 'cancelled', why: outcome.why };
    case 'approved':
      break;
  }

  const refusal = await basketRefusal(buyer, cart, customer, settings, now);
  if (refusal) return { result: 'refused', refusal };
  const { day, limits } = spendingOf(customer, settings, now);
  const placement = await placeOrder(
    {
      idempotencyKey: placementKey(customer._id, cart.revision, current.fingerprint),
      customerId: customer._id,
      channel: buyer.channel,
      lines: cart.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
      totals: cart.totals,
      deliveryAddress: customer.addresses?.[0] ?? null,
      spend: { day, perDayMinor: limits.perDayMinor },
      cartRevision: cart.revision,
      receipt: emailsReceipts(customer),
    },
    settings,
    now,
  );
  if (!placement.ok) return { result: 'failed', code: placement.code };
  // The placement emptied the stored cart itself (a step it resumes after a crash); this turn's copy is not written back.
  return { result: 'placed', order: placement.order, replayed: placement.replayed };
}

/**
 * The revision tells apart two baskets of the same content (bought again after the cart was emptied);
 * the fingerprint tells apart two contents that raced to the same revision.
 */
function placementKey(customerId: Types.ObjectId, revision: number, fingerprint: string): string {
  return createHash('sha256').update(`${customerId}:${revision}:${fingerprint}`).digest('base64url');
}
