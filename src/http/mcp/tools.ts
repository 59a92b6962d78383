import { createHash, randomBytes } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { normalizeDiscountCode } from '../../core/discount';
import { ERROR_CATALOG, type ErrorCode } from '../../core/errors';
import { clipFreeText, FREE_TEXT_MAX_CHARACTERS } from '../../core/free-text';
import { parseOrderNumber } from '../../core/order-rules';
import { sameSecret } from '../../core/secrets';
import { messagesFor } from '../../conversation/locales';
import type { Logger } from '../../logger';
import { addToCart, applyDiscountCode, removeFromCart, viewCart, type CartView } from '../../services/cart';
import { catalogIndex, unitsInStock } from '../../services/catalog';
import { answerCheckout, prepareCheckout, type BuyerContext, type CheckoutGuard, type CheckoutRefusal } from '../../services/checkout';
import { compareWithToday, findCustomerOrderByNumber, findReorderSource, recentOrders, type ReorderSelector } from '../../services/orders';
import { cancelOrderAndRefund } from '../../services/payments';
import { recordFunnelStep, recordMatchedSearch, recordSearchOutcome } from '../../services/insights';
import type { CommerceSettings } from '../../services/settings';
import { openCustomerUnitOfWork } from '../../store/unit-of-work';
import type { TurnUnitOfWork } from '../../store/unit-of-work';

/** The channel id orders, sessions and logs carry for purchases made through an MCP client. */
export const MCP_CHANNEL = 'mcp';

/**
 * Who is buying through an assistant: it may speak (Alexa+) and cannot tell us who is speaking, so the
 * guard treats it as a voice order from an unrecognized speaker: voice-only restrictions apply and the
 * voice code is asked whenever the customer has one set (and above the threshold, where they must).
 */
const ASSISTANT_BUYER: BuyerContext = { channel: MCP_CHANNEL, voice: true, speakerRecognized: false };

/** What the MCP session keeps between preview_checkout and place_order: the guard and the hash of the token it was given under. */
interface PendingConfirmation {
  tokenHash: string;
  guard: CheckoutGuard;
  placedOrderNumber?: string;
}

const messages = messagesFor('en-US');

class ToolRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
  }
}

const tokenHash = (token: string) => createHash('sha256').update(`mcp-confirmation:${token}`).digest('base64url');

/** JSON for the text fallback: clients without structured content read the same facts (as the MCP specification recommends). */
function result(structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/** A refusal as a tool error: the text is JSON with the catalog's code, the shopper-facing message and the hint (no structured content: that must match the success schema). */
function refusalResult(code: ErrorCode, details?: unknown): CallToolResult {
  const error = { code, message: messages.errors[code], hint: ERROR_CATALOG[code].hint, ...(details === undefined ? {} : { details }) };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }] };
}

function refusalOf(refusal: CheckoutRefusal): ToolRefusal {
  if ('problems' in refusal) return new ToolRefusal(refusal.code, { items: refusal.problems.map(({ sku, name, reason }) => ({ sku, name, reason })) });
  if ('items' in refusal) return new ToolRefusal(refusal.code, { items: refusal.items });
  return new ToolRefusal(refusal.code);
}

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const cartSchema = z.object({
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPriceMinor: z.number().int(), lineTotalMinor: z.number().int(), inStock: z.number().int() })),
  totals: z.object({
    currency: z.string(),
    subtotalMinor: z.number().int(),
    /** The applied discount code and what it takes off the subtotal: the read-back names it to the shopper. */
    discountCode: z.string().optional(),
    discountMinor: z.number().int().optional(),
    taxMinor: z.number().int(),
    deliveryFeeMinor: z.number().int(),
    totalMinor: z.number().int(),
  }),
  priceChanges: z.array(z.object({ sku: z.string(), name: z.string(), fromMinor: z.number().int(), toMinor: z.number().int() })),
});
const orderSchema = z.object({
  orderNumber: z.string(),
  status: z.string(),
  placedAt: z.string().nullable(),
  cancellableUntil: z.string().nullable(),
  total: money,
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPriceMinor: z.number().int() })),
  tracking: z.object({ carrier: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() }).nullable(),
});

function cartOut(cart: Pick<CartView, 'lines' | 'totals' | 'repriced'>): z.infer<typeof cartSchema> {
  return {
    lines: cart.lines.map(({ sku, name, quantity, unitPriceMinor, lineTotalMinor, inStock }) => ({ sku, name, quantity, unitPriceMinor, lineTotalMinor, inStock })),
    totals: { ...cart.totals },
    priceChanges: cart.repriced,
  };
}

type OrderLike = {
  orderNumber: string;
  status: string;
  placedAt?: Date | null;
  cancellableUntil?: Date | null;
  totalMinor: number;
  currency: string;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
  tracking?: { carrier?: string | null; number?: string | null; url?: string | null } | null;
};

function orderOut(order: OrderLike): z.infer<typeof orderSchema> {
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    placedAt: order.placedAt?.toISOString() ?? null,
    cancellableUntil: order.cancellableUntil?.toISOString() ?? null,
    total: { amountMinor: order.totalMinor, currency: order.currency },
    lines: order.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
    tracking: order.tracking ? { carrier: order.tracking.carrier ?? null, number: order.tracking.number ?? null, url: order.tracking.url ?? null } : null,
  };
}

const sku = z.string().trim().min(1).max(64).describe('A product sku, as search_products returned it');
const orderNumber = z.string().min(1).max(40).describe('An order number, as list_orders returned it');

function orderNumberOf(text: string): string {
  const parsed = parseOrderNumber(text);
  if (!parsed) throw new ToolRefusal('ORDER_NOT_FOUND');
  return parsed;
}

/** A reorder token names the past order and exactly what comparing it with today said, so adding follows the changes the customer was told. */
function reorderToken(orderNumberText: string, lines: unknown): string {
  return createHash('sha256').update(JSON.stringify([orderNumberText, lines])).digest('base64url');
}

export interface ToolContext {
  /** Null for a service token (Alexa+ connecting an add-on): the tools are listed, and every call asks for account linking. */
  customerId: Types.ObjectId | null;
  settings: CommerceSettings;
  log: Logger;
  now?: () => Date;
}

const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/**
 * The commerce tools an MCP client may call for the customer its token names. Each call opens the
 * customer's unit of work (cart and this surface's session), runs the same use cases as a chat turn,
 * and saves once; refusals come from the one error catalog.
 */
export function registerCommerceTools(server: McpServer, context: ToolContext): void {
  const { customerId, settings, log } = context;
  const now = context.now ?? (() => new Date());

  function tool<Shape extends z.ZodRawShape, Out extends z.ZodRawShape>(
    name: string,
    config: { description: string; input: Shape; output: Out; annotations: ToolAnnotations },
    run: (args: z.infer<z.ZodObject<Shape>>, work: TurnUnitOfWork, at: Date) => Promise<z.infer<z.ZodObject<Out>>>,
  ): void {
    server.registerTool(name, { description: config.description, inputSchema: config.input, outputSchema: config.output, annotations: config.annotations }, (async (args: z.infer<z.ZodObject<Shape>>) => {
      const started = Date.now();
      const at = now();
      let outcome: string = 'ok';
      try {
        // A refusal saves nothing: a call that fails half-way (a reorder's second line) leaves the cart as it was.
        if (!customerId) throw new ToolRefusal('ACCOUNT_NOT_LINKED');
        const work = await openCustomerUnitOfWork(customerId, { channel: MCP_CHANNEL, locale: 'en-US', currency: settings.pricing.currency });
        if (!work) throw new ToolRefusal('ACCOUNT_NOT_LINKED');
        const output = await run(args, work, at);
        // A read-only tool changed nothing, so nothing is written (not even the session's expiry).
        if (!config.annotations.readOnlyHint) await work.save(at);
        return result(output as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof ToolRefusal)) {
          outcome = 'INTERNAL';
          throw error;
        }
        outcome = error.code;
        return refusalResult(error.code, error.details);
      } finally {
        // Like a turn's log line: which tool and how it ended, never its arguments (a voice code, a token).
        log.info({ channel: MCP_CHANNEL, tool: name, outcome, ms: Date.now() - started }, 'assistant tool call');
      }
    }) as never);
  }

  tool(
    'search_products',
    {
      description: 'Find a product by what the shopper said ("two bags of dark roast"). Uses the same matcher as our chat: when several products are close it returns them to ask the shopper which one, never a guess.',
      input: { query: z.string().min(1).max(FREE_TEXT_MAX_CHARACTERS).describe('What the shopper asked for, in their words') },
      output: {
        result: z.enum(['match', 'ambiguous', 'suggestion', 'not-found']),
        quantity: z.number().int().nullable(),
        products: z.array(z.object({ sku: z.string(), name: z.string(), priceMinor: z.number().int(), currency: z.string() })),
        question: z.string().nullable().describe('Ask the shopper this before adding anything'),
      },
      annotations: READ_ONLY,
    },
    async ({ query }, work, at) => {
      const found = (await catalogIndex()).match(clipFreeText(query));
      const candidates = found.kind === 'match' ? [found.sku] : found.kind === 'ambiguous' ? found.candidates.map((c) => c.sku) : found.kind === 'suggestion' ? [found.candidate.sku] : [];
      const products = await work.products(candidates);
      const listed = candidates.flatMap((candidate) => {
        const product = products.get(candidate);
        return product?.active ? [{ sku: product.sku, name: product.name, priceMinor: product.priceMinor, currency: product.currency }] : [];
      });
      const asks = found.kind === 'ambiguous' || found.kind === 'suggestion';
      // Counted as a chat search is: a listing shown (and the product found), or what matched nothing or was asked back.
      if (listed.length > 0) await recordFunnelStep('browse', MCP_CHANNEL, at);
      if (found.kind === 'match' && listed[0]) await recordMatchedSearch(listed[0].name, at);
      else if (found.kind !== 'match') await recordSearchOutcome(query, asks ? 'asked-back' : 'unmatched', at);
      return { result: found.kind, quantity: found.quantity, products: listed, question: asks ? `Did you mean ${listed.map((p) => p.name).join(' or ')}?` : null };
    },
  );

  tool(
    'get_product',
    {
      description: 'Price, stock, description and reviews of one product.',
      input: { sku },
      output: {
        sku: z.string(),
        name: z.string(),
        description: z.string(),
        price: money,
        inStock: z.number().int(),
        rating: z.number().nullable(),
        reviewCount: z.number().int(),
        reviewSummary: z.string().nullable(),
        restriction: z.string().nullable(),
      },
      annotations: READ_ONLY,
    },
    async (args, work) => {
      const product = (await work.products([args.sku])).get(args.sku);
      if (!product?.active) throw new ToolRefusal('PRODUCT_NOT_FOUND');
      return {
        sku: product.sku,
        name: product.name,
        description: product.description ?? '',
        price: { amountMinor: product.priceMinor, currency: product.currency },
        inStock: Math.max(0, await unitsInStock(product.sku)),
        rating: product.rating ?? null,
        reviewCount: product.reviewCount ?? 0,
        reviewSummary: product.reviewSummary ?? null,
        restriction: product.restrictions?.notSoldByVoice || product.restrictions?.minimumAge ? (product.restrictions.reason ?? null) : null,
      };
    },
  );

  tool(
    'add_to_cart',
    {
      description: "Add units of a product to the shopper's one cart (the same cart as on every other channel), at today's price and within stock.",
      input: { sku, quantity: z.number().int().min(1).max(99).default(1) },
      output: { quantityInCart: z.number().int(), cart: cartSchema },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, work, at) => {
      const added = await addToCart(work, args.sku, args.quantity, settings);
      if (!added.ok) throw new ToolRefusal(added.code, added.code === 'OUT_OF_STOCK' ? { available: added.available } : undefined);
      await recordFunnelStep('cart', MCP_CHANNEL, at);
      return { quantityInCart: added.quantityInCart, cart: cartOut(added.cart) };
    },
  );

  tool(
    'remove_from_cart',
    {
      description: 'Remove units of a product from the cart (all of them when quantity is left out).',
      input: { sku, quantity: z.number().int().min(1).max(99).optional() },
      output: { cart: cartSchema },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    async (args, work) => {
      const cart = await removeFromCart(work, args.sku, args.quantity ?? null, settings);
      if (!cart) throw new ToolRefusal('PRODUCT_NOT_FOUND');
      return { cart: cartOut(cart) };
    },
  );

  tool(
    'apply_discount_code',
    {
      description: "Apply a discount code the shopper gave to their one cart (the same code works on every channel). The cart's totals then name the code and the amount off; read them to the shopper before checkout.",
      input: { code: z.string().min(1).max(60).describe('The code as the shopper gave it, e.g. SPRING10') },
      output: { cart: cartSchema },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, work, at) => {
      const code = normalizeDiscountCode(args.code);
      if (!code) throw new ToolRefusal('DISCOUNT_NOT_APPLICABLE', { problem: 'unknown' });
      const applied = await applyDiscountCode(work, work.customerId, code, settings, at);
      if (!applied.ok) throw new ToolRefusal('DISCOUNT_NOT_APPLICABLE', { problem: applied.refusal.problem });
      return { cart: cartOut(applied.cart) };
    },
  );

  tool(
    'view_cart',
    { description: 'The cart at today\'s prices, with totals and any price change since a line was added.', input: {}, output: { cart: cartSchema }, annotations: READ_ONLY },
    async (_args, work) => ({ cart: cartOut(await viewCart(work, settings)) }),
  );

  tool(
    'preview_checkout',
    {
      description:
        'The read-back the shopper must hear before buying: seller, lines, delivery address, tax, delivery fee, total and payment. Returns a confirmation token bound to this exact basket: any change to the cart or its prices voids it. Read everything back to the shopper and place the order only after they say yes.',
      input: {},
      output: {
        seller: z.string(),
        cart: cartSchema,
        deliveryTo: z.string(),
        payment: z.string(),
        voiceCodeRequired: z.boolean().describe('Ask the shopper for their voice code and pass it to place_order'),
        confirmationToken: z.string(),
        expiresInSeconds: z.number().int(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (_args, work, at) => {
      const prepared = await prepareCheckout(work, ASSISTANT_BUYER, settings, at);
      if (!prepared.ok) throw refusalOf(prepared);
      await recordFunnelStep('readBack', MCP_CHANNEL, at);
      const token = randomBytes(24).toString('base64url');
      const pending: PendingConfirmation = { tokenHash: tokenHash(token), guard: prepared.guard };
      work.session.dialog.assistantCheckout = pending;
      const { readBack } = prepared;
      return {
        seller: readBack.sellerName,
        cart: cartOut({ lines: readBack.lines, totals: readBack.totals, repriced: readBack.repriced }),
        deliveryTo: readBack.deliveryTo,
        payment: 'Charged to the payment method on file with the seller',
        voiceCodeRequired: readBack.codeRequired,
        confirmationToken: token,
        expiresInSeconds: 600,
      };
    },
  );

  tool(
    'place_order',
    {
      description:
        "Place the order the shopper confirmed, with the confirmation token preview_checkout gave for this exact basket (and the shopper's voice code when it said one is required). Calling it again with the same token returns the same order.",
      input: { confirmationToken: z.string().min(1).max(128), voiceCode: z.string().min(1).max(32).optional() },
      output: { order: orderSchema, alreadyPlaced: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, work, at) => {
      const pending = work.session.dialog.assistantCheckout as PendingConfirmation | undefined;
      if (!pending || !sameSecret(tokenHash(args.confirmationToken), pending.tokenHash)) throw new ToolRefusal('CONFIRMATION_STALE');
      if (pending.placedOrderNumber) {
        const placed = await findCustomerOrderByNumber(work.customerId, pending.placedOrderNumber);
        if (placed) return { order: orderOut(placed), alreadyPlaced: true };
      }
      let step = await answerCheckout(work, ASSISTANT_BUYER, pending.guard, { type: 'yes' }, settings, at);
      if (step.result === 'ask-code') {
        if (!args.voiceCode) throw new ToolRefusal('VOICE_CODE_REQUIRED');
        step = await answerCheckout(work, ASSISTANT_BUYER, step.guard, { type: 'code', code: args.voiceCode }, settings, at);
      }
      switch (step.result) {
        case 'placed':
          work.session.dialog.assistantCheckout = { ...pending, placedOrderNumber: step.order.orderNumber };
          return { order: orderOut(step.order), alreadyPlaced: step.replayed };
        case 'code-wrong':
          throw new ToolRefusal('VOICE_CODE_WRONG', { attemptsLeft: step.attemptsLeft });
        case 'code-locked':
          throw new ToolRefusal('VOICE_CODE_LOCKED');
        case 'refused':
          throw refusalOf(step.refusal);
        case 'failed':
          throw new ToolRefusal(step.code);
        case 'ask-code':
        case 'cancelled':
        case 'stale':
          throw new ToolRefusal('CONFIRMATION_STALE');
      }
    },
  );

  tool(
    'order_status',
    { description: 'Where an order is (the newest one when no number is given).', input: { orderNumber: orderNumber.optional() }, output: { order: orderSchema }, annotations: READ_ONLY },
    async (args, work) => {
      const order = args.orderNumber ? await findCustomerOrderByNumber(work.customerId, orderNumberOf(args.orderNumber)) : (await recentOrders(work.customerId, { limit: 1, includeCancelled: true }))[0];
      if (!order) throw new ToolRefusal('ORDER_NOT_FOUND');
      return { order: orderOut(order) };
    },
  );

  tool(
    'list_orders',
    { description: "The shopper's most recent orders, newest first.", input: { limit: z.number().int().min(1).max(20).default(5) }, output: { orders: z.array(orderSchema) }, annotations: READ_ONLY },
    async (args, work) => ({ orders: (await recentOrders(work.customerId, { limit: args.limit, includeCancelled: true })).map(orderOut) }),
  );

  tool(
    'reorder',
    {
      description:
        'Order again: "last", "usual" or an order number. Without reorderToken it only compares that order with today (price changes, short or missing stock) and returns a token; tell the shopper every change, then call again with the token to add what is available to the cart.',
      input: { order: z.string().min(1).max(40).describe('"last", "usual" or an order number'), reorderToken: z.string().max(128).optional() },
      output: {
        orderNumber: z.string(),
        lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), availableQuantity: z.number().int(), pricePaidMinor: z.number().int(), priceNowMinor: z.number().int().nullable(), status: z.string() })),
        reorderToken: z.string(),
        added: z.boolean(),
        cart: cartSchema.nullable(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, work, at) => {
      const selector: ReorderSelector = args.order === 'last' || args.order === 'usual' ? { kind: args.order } : { kind: 'number', orderNumber: orderNumberOf(args.order) };
      const source = await findReorderSource(work.customerId, selector, work.timeZone, at);
      if (!source) throw new ToolRefusal('ORDER_NOT_FOUND');
      const lines = await compareWithToday(source);
      const token = reorderToken(source.orderNumber, lines);
      if (args.reorderToken === undefined) return { orderNumber: source.orderNumber, lines, reorderToken: token, added: false, cart: null };
      // Something changed since the shopper was told: tell them again rather than add on other terms.
      if (!sameSecret(args.reorderToken, token)) throw new ToolRefusal('CONFIRMATION_STALE');
      const available = lines.filter((line) => line.availableQuantity > 0);
      if (available.length === 0) throw new ToolRefusal('OUT_OF_STOCK');
      for (const line of available) {
        const added = await addToCart(work, line.sku, line.availableQuantity, settings);
        if (!added.ok) throw new ToolRefusal(added.code);
      }
      return { orderNumber: source.orderNumber, lines, reorderToken: token, added: true, cart: cartOut(await viewCart(work, settings)) };
    },
  );

  tool(
    'cancel_order',
    {
      description: 'Cancel an order, inside the cancellation window and before it is packed.',
      input: { orderNumber },
      output: { order: orderSchema },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (args, work, at) => {
      const order = await findCustomerOrderByNumber(work.customerId, orderNumberOf(args.orderNumber));
      if (!order) throw new ToolRefusal('ORDER_NOT_FOUND');
      if (order.status === 'cancelled') return { order: orderOut(order) };
      const cancelled = await cancelOrderAndRefund(order, MCP_CHANNEL, settings, at);
      if (!cancelled.ok) throw new ToolRefusal(cancelled.code);
      return { order: orderOut(cancelled.order) };
    },
  );
}
