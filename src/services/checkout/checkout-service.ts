import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { marketingReaches } from '../../core/campaign';
import type { Channel } from '../../core/channels';
import type { DiscountProblem } from '../../core/discount';
import { localDateOf } from '../../core/dates';
import type { ErrorCode } from '../../core/errors';
import {
  advanceGuard,
  ageOn,
  basketFingerprint,
  limitProblem,
  readBackExpired,
  restrictionProblems,
  voiceCodeReasons,
  type GuardEvent,
  type GuardState,
  type RestrictionProblem,
  type SpendingLimits,
} from '../../core/guard';
import type { Totals } from '../../core/money';
import type { CustomerRecord } from '../../store/customer-store';
import type { StockHead } from '../../store/inventory-store';
import type { OrderRecord } from '../../store/order-store';
import { spendDayOf, spendHeadOn, type SpendHead } from '../../store/spend-ledger-store';
import type { TurnUnitOfWork } from '../../store/unit-of-work';
import { basketWork, removeDiscountCode, viewCart, type CartView } from '../cart';
import { emailsReceipts } from '../notifications';
import { earlierPlacement, placeOrder, type PlacementResult } from '../orders';
import { payForOrder, usableCard, type CardFacts, type Payer, type PaymentOutcome } from '../payments';
import type { CommerceSettings } from '../settings';
import { checkVoiceCode, hasUsableVoiceCode } from './voice-code-service';

/** What checkout needs of the turn: the customer and their cart, as loaded once for the turn. */
export type CheckoutWork = Pick<TurnUnitOfWork, 'customer' | 'cart' | 'replaceCartLines' | 'setDiscountCode' | 'products'>;
/** The answer also knows whose turn it is and their time zone (the session keeps both), so it need not read the customer. */
export type AnswerWork = CheckoutWork & Pick<TurnUnitOfWork, 'customerId' | 'timeZone'>;

/**
 * What the read-back read of the customer and their day's spend, kept with the guard in the session:
 * the yes confirms exactly what was read back (the delivery address heard, the receipt promised) and
 * places the order on it without reading the customer or the spend again. The spend head is where the
 * day's ledger stood: the charge is appended after it and decided again if another order (on another
 * channel) was charged since. Bound to the customer and the cart revision read back.
 */
export interface ReadBackFacts {
  customerId: string;
  cartRevision: number;
  deliveryAddress: unknown;
  receipt: boolean;
  /** For age-restricted products, on the day of the read-back. */
  customerAge: number | null;
  limits: SpendingLimits;
  spend: { day: string } & SpendHead;
  /** Ask after this order whether they want offers on this channel: a text channel campaigns reach, never asked there before. */
  askOffers?: boolean;
  /** With payments on: the customer's Stripe customer and saved card as read back, charged at the yes. */
  payer?: Payer | null;
}

/** The purchase guard as the dialogue keeps it: the guard's state and what its read-back read. */
export type CheckoutGuard = GuardState & { readBack?: ReadBackFacts };

export interface BuyerContext {
  channel: Channel;
  /** The shopper's id on the channel, where a channel's marketing rules depend on it (a WhatsApp number). */
  channelUserId?: string;
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
  /** How the order will be paid: the saved card named, a payment link, or on delivery (payments off). */
  payment: ReadBackPayment;
  /** The discount the total includes (named in the read-back), or null. */
  discount: { code: string; amountMinor: number } | null;
  /** A code the cart had that no longer applies: told, and taken off the cart, never dropped silently. */
  discountDropped: { code: string; problem: DiscountProblem } | null;
}

export type ReadBackPayment = { kind: 'card'; card: CardFacts } | { kind: 'link' } | { kind: 'on-delivery' };

function readBackPayment(facts: ReadBackFacts, settings: CommerceSettings): ReadBackPayment {
  if (settings.payments.provider === 'off') return { kind: 'on-delivery' };
  const card = usableCard(facts.payer);
  return card ? { kind: 'card', card: { brand: card.brand, last4: card.last4 } } : { kind: 'link' };
}

export type CheckoutRefusal =
  | { code: 'CART_EMPTY' | 'NO_ADDRESS' | 'VOICE_CODE_NOT_SET' | 'VOICE_CODE_LOCKED' | 'ORDER_LIMIT_EXCEEDED' | 'DAILY_LIMIT_EXCEEDED' }
  | { code: 'OUT_OF_STOCK'; items: { name: string; available: number }[] }
  | { code: 'RESTRICTED_BY_VOICE' | 'AGE_VERIFICATION_REQUIRED'; problems: RestrictionProblem[] }
  | { code: 'DISCOUNT_NOT_APPLICABLE'; discountCode: string; problem: DiscountProblem };

export type Prepared = { ok: true; readBack: ReadBack; guard: CheckoutGuard } | ({ ok: false } & CheckoutRefusal);

/**
 * Step 1 of the guard: checks the basket (stock, restrictions, limits, code availability) and
 * returns the read-back with a guard state bound to this exact basket. Nothing is reserved yet.
 */
export async function prepareCheckout(work: CheckoutWork, buyer: BuyerContext, settings: CommerceSettings, now = new Date()): Promise<Prepared> {
  const customer = await work.customer();
  let cart = await viewCart(work, settings, now);
  const dropped = cart.discount && !cart.discount.ok ? { code: cart.discount.code, problem: cart.discount.problem } : null;
  if (dropped) {
    removeDiscountCode(work);
    cart = await viewCart(work, settings, now);
  }
  const facts = await readBackFacts(customer, cart, settings, now);
  const refusal = basketRefusal(buyer, cart, facts);
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
      payment: readBackPayment(facts, settings),
      discount: cart.discount?.ok ? { code: cart.discount.code, amountMinor: cart.discount.amountMinor } : null,
      discountDropped: dropped,
    },
    guard: {
      step: 'awaiting-confirmation',
      fingerprint: basketFingerprint(cart.lines, cart.totals),
      codeReasons,
      issuedAt: now.getTime(),
      readBack: { ...facts, askOffers: marketingReaches(buyer) && !customer.offersAskedOn?.includes(buyer.channel) },
    },
  };
}

/**
 * Everything that may refuse this basket for this buyer: emptiness, restrictions, stock, address, the
 * per-order limit and the day's spend. Run at the read-back and again when the yes is approved, on
 * the products as they are then (a price or stock change since) and the facts the read-back read.
 */
function basketRefusal(buyer: BuyerContext, cart: CartView, facts: ReadBackFacts): CheckoutRefusal | null {
  if (cart.lines.length === 0) return { code: 'CART_EMPTY' };

  const restricted = restrictionProblems(cart.lines.map((line) => line.product), { voice: buyer.voice, customerAge: facts.customerAge });
  if (restricted.length > 0) return { code: restricted[0]!.code, problems: restricted };

  const short = cart.lines.filter((line) => line.inStock < line.quantity);
  if (short.length > 0) return { code: 'OUT_OF_STOCK', items: short.map((line) => ({ name: line.name, available: line.inStock })) };

  if (!facts.deliveryAddress) return { code: 'NO_ADDRESS' };

  const overLimit = limitProblem(cart.totals.totalMinor, facts.spend.spentMinor, facts.limits);
  if (overLimit) return { code: overLimit };
  return null;
}

function spendingOf(customer: Pick<CustomerRecord, 'timeZone' | 'limits'>, settings: CommerceSettings, now: Date) {
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
  | { result: 'ask-code'; guard: CheckoutGuard }
  | { result: 'code-wrong'; guard: CheckoutGuard; attemptsLeft: number }
  | { result: 'code-locked' }
  | { result: 'cancelled'; why: 'declined' | 'silence' | 'changed-subject' }
  | { result: 'stale' }
  | { result: 'placed'; order: OrderRecord; replayed: boolean; receiptEmailed: boolean; payment: PaymentOutcome; askOffers: boolean }
  | { result: 'refused'; refusal: CheckoutRefusal }
  | { result: 'failed'; code: Extract<ErrorCode, 'OUT_OF_STOCK' | 'ORDER_IN_PROGRESS' | 'DAILY_LIMIT_EXCEEDED'> };

/**
 * Steps 2-5 of the guard: the customer's answer to the read-back or the code prompt. The basket is
 * re-read and re-fingerprinted first, so a change made anywhere since the read-back voids the yes.
 * The order is placed only when the guard approves and the basket still passes every check of the
 * read-back. Its placement key names the customer's basket revision and content, not the read-back,
 * so however many read-backs (on however many channels) were answered yes, one basket is one order.
 */
export async function answerCheckout(work: AnswerWork, buyer: BuyerContext, guard: CheckoutGuard, answer: CheckoutAnswer, settings: CommerceSettings, now = new Date()): Promise<CheckoutStep> {
  const cart = await viewCart(work, settings, now);
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
      const check = await checkVoiceCode(work.customerId, answer.code, settings.voiceCodePepper, now);
      if (check.outcome === 'wrong') attemptsLeft = check.attemptsLeft;
      event = { type: 'code-checked', outcome: check.outcome === 'right' ? 'right' : check.outcome === 'wrong' ? 'wrong' : 'locked' };
    }
  } else {
    event = answer;
  }

  const outcome = advanceGuard(guard, event, current);
  switch (outcome.result) {
    case 'ask-code':
      return { result: 'ask-code', guard: { ...outcome.state, readBack: guard.readBack } };
    case 'code-wrong':
      return { result: 'code-wrong', guard: { ...outcome.state, readBack: guard.readBack }, attemptsLeft };
    case 'code-locked':
      return { result: outcome.result };
    case 'stale':
      return (await orderedSinceReadBack(work.customerId, buyer, guard, answer, settings, now)) ?? { result: 'stale' };
    case 'cancelled':
      return { result: 'cancelled', why: outcome.why };
    case 'approved':
      break;
  }

  const facts = await factsForYes(work, guard, cart, settings, now);
  // Read back for another revision of the cart (same content, changed and changed back): read it back again.
  if (!facts) return { result: 'stale' };
  const refusal = basketRefusal(buyer, cart, facts);
  if (refusal) return { result: 'refused', refusal };
  const placement = await placeOrder(
    { ...basketOrder(work.customerId, buyer, cart, facts), idempotencyKey: placementKey(work.customerId, cart.revision, current.fingerprint), cartRevision: cart.revision },
    settings,
    now,
  );
  if (!placement.ok && placement.code === 'DISCOUNT_NOT_APPLICABLE') {
    // Its last use went to another buyer since the read-back: off the cart, and the shopper hears the basket without it.
    removeDiscountCode(work);
    return { result: 'refused', refusal: { code: 'DISCOUNT_NOT_APPLICABLE', discountCode: placement.discountCode, problem: 'used-up' } };
  }
  // The placement emptied the stored cart itself (a step it resumes after a crash); this turn's copy is not written back.
  return placedStep(placement, facts, buyer, settings, now);
}

/**
 * A yes to a read-back whose basket was ordered since, by the yes to another read-back of it (on
 * another channel, a moment earlier): the cart it read back is emptied, so the guard calls it stale,
 * yet the shopper hears that order, as that yes did, while the read-back is still current and the
 * order still stands. Anything else is a stale read-back as before: one that wanted the voice code
 * and has not had it (it learns nothing of the order), an expired one, a placement that failed (its
 * basket is read back again, naming what ran out), an order cancelled since, a read-back kept by a
 * release before read-back facts.
 */
async function orderedSinceReadBack(customerId: Types.ObjectId, buyer: BuyerContext, guard: CheckoutGuard, answer: CheckoutAnswer, settings: CommerceSettings, now: Date): Promise<CheckoutStep | null> {
  const kept = guard.readBack;
  if (answer.type !== 'yes' || guard.step !== 'awaiting-confirmation' || guard.codeReasons.length > 0 || kept?.customerId !== String(customerId)) return null;
  if (readBackExpired(guard, now.getTime())) return null;
  const placement = await earlierPlacement(placementKey(customerId, kept.cartRevision, guard.fingerprint), kept.receipt, now);
  if (!placement?.ok || !STANDING_ORDER_STATUSES.has(placement.order.status)) return null;
  return placedStep(placement, kept, buyer, settings, now);
}

/** An order placed moments ago by another yes is in one of these; one cancelled or refunded since is not confirmed again. */
const STANDING_ORDER_STATUSES: ReadonlySet<string> = new Set(['placed', 'awaiting_payment', 'paid']);

/** What the shopper hears of a placement their yes made or repeated: the order and its payment, or why it failed. */
async function placedStep(placement: Exclude<PlacementResult, { code: 'DISCOUNT_NOT_APPLICABLE' }>, facts: ReadBackFacts, buyer: BuyerContext, settings: CommerceSettings, now: Date): Promise<CheckoutStep> {
  if (!placement.ok) return { result: 'failed', code: placement.code };
  // Payment is the placement's last step: charged once per order however many yeses replay it.
  const payment = await payForOrder(placement.order, facts.payer ?? null, settings, { tellByNotification: buyer.voice }, now);
  return { result: 'placed', order: placement.order, replayed: placement.replayed, receiptEmailed: facts.receipt, payment, askOffers: !placement.replayed && (facts.askOffers ?? false) };
}

/** A basket bought outside the customer's one cart (an assistant's checkout session): its lines at the prices last shown. */
export interface SessionBasket {
  /** Names the session: one session is one order, however often its completion is sent. */
  sessionKey: string;
  lines: readonly { sku: string; quantity: number; unitPriceMinor: number }[];
}

export type BasketPlacement =
  | { result: 'placed'; order: OrderRecord; replayed: boolean }
  | { result: 'refused'; refusal: CheckoutRefusal }
  | { result: 'failed'; code: Extract<ErrorCode, 'OUT_OF_STOCK' | 'ORDER_IN_PROGRESS' | 'DAILY_LIMIT_EXCEEDED' | 'DISCOUNT_NOT_APPLICABLE'> };

/**
 * Places an assistant checkout session's basket with every check of the read-back (restrictions,
 * stock, address, per-order and daily limits) on the products as they are now, through the same
 * placement as a yes, keyed by the session. The customer's cart is neither read nor emptied. The
 * platform's own confirmation (the buyer's tap on "buy" in its checkout) is the yes, so no voice code.
 */
export async function placeSessionBasket(customer: CustomerRecord, basket: SessionBasket, buyer: BuyerContext, settings: CommerceSettings, now = new Date()): Promise<BasketPlacement> {
  const cart = await viewCart(basketWork(customer._id, basket.lines, settings.pricing.currency), settings);
  const facts = await readBackFacts(customer, cart, settings, now);
  const refusal = basketRefusal(buyer, cart, facts);
  if (refusal) return { result: 'refused', refusal };
  const placement = await placeOrder(
    { ...basketOrder(customer._id, buyer, cart, facts), idempotencyKey: createHash('sha256').update(`session:${customer._id}:${basket.sessionKey}`).digest('base64url') },
    settings,
    now,
  );
  return placement.ok ? { result: 'placed', order: placement.order, replayed: placement.replayed } : { result: 'failed', code: placement.code };
}

/** The order every placement makes of a priced basket and its read-back's facts; the caller adds the key that makes it one order. */
function basketOrder(customerId: Types.ObjectId, buyer: BuyerContext, cart: CartView, facts: ReadBackFacts) {
  return {
    customerId,
    channel: buyer.channel,
    lines: cart.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
    totals: cart.totals,
    deliveryAddress: facts.deliveryAddress,
    spend: { day: facts.spend.day, perDayMinor: facts.limits.perDayMinor, head: facts.spend },
    stockHeads: new Map<string, StockHead>(cart.lines.map((line) => [line.sku, line.product])),
    receipt: facts.receipt,
  };
}

/**
 * What the yes places the order on: the read-back's facts when they are this customer's and this cart
 * revision's (null when the revision moved: read back again), the day's spend read again only when
 * the day changed since. A guard kept by a release before facts existed reads the customer as then.
 */
async function factsForYes(work: AnswerWork, guard: CheckoutGuard, cart: CartView, settings: CommerceSettings, now: Date): Promise<ReadBackFacts | null> {
  const kept = guard.readBack;
  if (kept && kept.customerId === String(work.customerId)) {
    if (kept.cartRevision !== cart.revision) return null;
    const day = spendDayOf(localDateOf(now, work.timeZone));
    return day === kept.spend.day ? kept : { ...kept, spend: { day, ...(await spendHeadOn(work.customerId, day)) } };
  }
  return readBackFacts(await work.customer(), cart, settings, now);
}

async function readBackFacts(customer: CustomerRecord, cart: CartView, settings: CommerceSettings, now: Date): Promise<ReadBackFacts> {
  const { day, limits } = spendingOf(customer, settings, now);
  return {
    customerId: String(customer._id),
    cartRevision: cart.revision,
    deliveryAddress: customer.addresses?.[0] ?? null,
    receipt: emailsReceipts(customer),
    customerAge: ageOn(customer.birthDate, now),
    limits,
    spend: { day, ...(await spendHeadOn(customer._id, day)) },
    // Kept only with payments on, so the session of a deployment without them carries nothing more.
    ...(settings.payments.provider === 'stripe' ? { payer: payerOf(customer) } : {}),
  };
}

/** Stripe's references only: brand and last four digits to say, ids to charge; never card data. */
function payerOf(customer: CustomerRecord): Payer | null {
  const card = usableCard(customer);
  if (!customer.stripeCustomerId) return null;
  return { stripeCustomerId: customer.stripeCustomerId, savedCard: card ? { paymentMethodId: card.paymentMethodId, brand: card.brand, last4: card.last4 } : null };
}

/**
 * The revision tells apart two baskets of the same content (bought again after the cart was emptied);
 * the fingerprint tells apart two contents that raced to the same revision.
 */
function placementKey(customerId: Types.ObjectId, revision: number, fingerprint: string): string {
  return createHash('sha256').update(`${customerId}:${revision}:${fingerprint}`).digest('base64url');
}
