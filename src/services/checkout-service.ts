import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Channel } from '../../models';
import { localDateOf, startOfLocalDay } from '../core/dates';
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
import { findCustomer } from '../store/customer-store';
import { spentSince, type OrderRecord } from '../store/order-store';
import { clearCart, viewCart, type CartView } from './cart-service';
import { placeOrder } from './order-service';
import type { CommerceSettings } from './settings';
import { checkVoiceCode, hasUsableVoiceCode } from './voice-code-service';

export interface BuyerContext {
  customerId: Types.ObjectId;
  channel: Channel;
  voice: boolean;
  speakerRecognized: boolean;
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
export async function prepareCheckout(buyer: BuyerContext, settings: CommerceSettings, now = new Date()): Promise<Prepared> {
  const [cart, customer] = await Promise.all([viewCart(buyer.customerId, settings), findCustomer(buyer.customerId)]);
  if (!customer) throw new Error(`customer ${buyer.customerId} vanished`);
  if (cart.lines.length === 0) return { ok: false, code: 'CART_EMPTY' };

  const restricted = restrictionProblems(cart.lines.map((line) => line.product), { voice: buyer.voice, customerAge: ageOn(customer.birthDate, now) });
  if (restricted.length > 0) return { ok: false, code: restricted[0]!.code, problems: restricted };

  const short = cart.lines.filter((line) => line.inStock < line.quantity);
  if (short.length > 0) return { ok: false, code: 'OUT_OF_STOCK', items: short.map((line) => ({ name: line.name, available: line.inStock })) };

  const address = customer.addresses?.[0];
  if (!address) return { ok: false, code: 'NO_ADDRESS' };

  const limits = {
    perOrderMinor: Math.min(settings.limits.perOrderMinor, customer.limits?.perOrderMinor ?? Infinity),
    perDayMinor: Math.min(settings.limits.perDayMinor, customer.limits?.perDayMinor ?? Infinity),
  };
  const dayStart = startOfLocalDay(localDateOf(now, customer.timeZone), customer.timeZone);
  const overLimit = limitProblem(cart.totals.totalMinor, await spentSince(buyer.customerId, dayStart), limits);
  if (overLimit) return { ok: false, code: overLimit };

  const codeReasons = voiceCodeReasons({
    voice: buyer.voice,
    speakerRecognized: buyer.speakerRecognized,
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

export type CheckoutAnswer = { type: 'yes' } | { type: 'no' } | { type: 'silence' } | { type: 'other-intent' } | { type: 'code'; code: string };

export type CheckoutStep =
  | { result: 'ask-code'; guard: GuardState }
  | { result: 'code-wrong'; guard: GuardState; attemptsLeft: number }
  | { result: 'code-locked' }
  | { result: 'cancelled'; why: 'declined' | 'silence' | 'changed-subject' }
  | { result: 'stale' }
  | { result: 'placed'; order: OrderRecord; replayed: boolean }
  | { result: 'failed'; code: Extract<ErrorCode, 'OUT_OF_STOCK' | 'ORDER_IN_PROGRESS'> };

/**
 * Steps 2-5 of the guard: the customer's answer to the read-back or the code prompt. The basket is
 * re-read and re-fingerprinted first, so a change made anywhere since the read-back voids the yes.
 * The order is placed only when the guard approves, with a placement key derived from the guard,
 * so a repeated "yes" to the same read-back cannot place a second order.
 */
export async function answerCheckout(buyer: BuyerContext, guard: GuardState, answer: CheckoutAnswer, settings: CommerceSettings, now = new Date()): Promise<CheckoutStep> {
  const cart = await viewCart(buyer.customerId, settings);
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
      const check = await checkVoiceCode(buyer.customerId, answer.code, settings.voiceCodePepper, now);
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

  const customer = await findCustomer(buyer.customerId);
  const placement = await placeOrder(
    {
      idempotencyKey: placementKey(buyer.customerId, guard),
      customerId: buyer.customerId,
      channel: buyer.channel,
      lines: cart.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
      totals: cart.totals,
      deliveryAddress: customer?.addresses?.[0] ?? null,
    },
    settings,
    now,
  );
  if (!placement.ok) return { result: 'failed', code: placement.code };
  if (!placement.replayed) await clearCart(buyer.customerId);
  return { result: 'placed', order: placement.order, replayed: placement.replayed };
}

function placementKey(customerId: Types.ObjectId, guard: GuardState): string {
  return createHash('sha256').update(`${customerId}:${guard.fingerprint}:${guard.issuedAt}`).digest('base64url');
}
