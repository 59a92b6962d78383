import { formatMoney } from '../../core/money';
import { addToCart, removeFromCart, viewCart } from '../../services/cart';
import { catalogIndex, unitsInStock, type CatalogProduct } from '../../services/catalog';
import { recordFunnelStep, recordMatchedSearch, recordSearchOutcome } from '../../services/insights';
import { requestStockAlert } from '../../services/notifications';
import { errorReply, reply, type Flow, type FlowContext } from '../context';
import { PAYLOADS } from '../understand';
import { leadingQuantity } from '../vocabulary-text';
import type { Choice, ProductCard, ProductQuestionKind, Reply } from '../turn';
import { resolveProduct } from './resolve-product';

const BROWSE_LIMIT = 10;

export function productCard(ctx: Pick<FlowContext, 'turn' | 'messages'>, product: CatalogProduct): ProductCard {
  const price = formatMoney(product.priceMinor, product.currency, ctx.turn.locale);
  // The catalogue's descriptions are English only: another language's card shows the price alone rather than an English sentence.
  const described = product.description && ctx.turn.locale.toLowerCase().startsWith('en') ? ` · ${product.description}` : '';
  return {
    sku: product.sku,
    title: product.name,
    subtitle: product.stock > 0 ? `${price}${described}` : `${price} · ${ctx.messages.labels.outOfStock}`,
    imageUrl: product.imageUrl ?? undefined,
    choices: product.stock > 0 ? [{ id: PAYLOADS.add(product.sku), label: ctx.messages.labels.add(product.name) }] : [],
  };
}

export const browseFlow: Flow = {
  name: 'browse',
  canHandle: (ctx) => ctx.intent.name === 'Browse',
  async handle(ctx) {
    const said = ctx.intent.slots.product?.trim() ?? '';
    const index = await catalogIndex(ctx.now.getTime(), ctx.turn.locale);
    const found = said ? index.search(said, BROWSE_LIMIT) : [];
    if (found.length === 0) {
      await recordSearchOutcome(said, 'unmatched', ctx.now);
      return reply(ctx, [ctx.messages.notFound(said || '…'), ctx.messages.anythingElse()], { errorCode: 'PRODUCT_NOT_FOUND' });
    }
    const bySku = await ctx.work.products(found.map((candidate) => candidate.sku));
    const products = found.map((candidate) => bySku.get(candidate.sku)).filter((p): p is CatalogProduct => !!p);
    await recordFunnelStep('browse', ctx.turn.channel, ctx.now);
    // The best match stands for what was searched for (the listing's others are its neighbours).
    if (products[0]) await recordMatchedSearch(products[0].name, ctx.now);
    // Voice lists at most three; a screen shows them all as cards.
    const spoken = products.slice(0, 3);
    // "show me two colombian coffees", then a pick: the two said with the search is what the pick adds. Only a
    // number that leads the search, as a bare order line's does, is a quantity: one inside it is what is
    // looked for ("running shoes size 10", "100% cotton shirts", "iphone 15 cases"). The matcher still says
    // whether a leading number is the start of a name ("três corações"), and reads "two dozen" as 24.
    const leads = leadingQuantity(said, ctx.turn.locale) !== undefined;
    const quantity = ctx.intent.slots.quantity ?? (leads ? index.match(said).quantity : null);
    ctx.dialog.pending = { kind: 'pick-product', candidates: spoken.map(({ sku, name }) => ({ sku, name })), quantity, then: 'add' };
    return reply(ctx, ctx.messages.searchResults((ctx.turn.voice ? spoken : products).map((p) => p.name)), {
      cards: products.map((product) => productCard(ctx, product)),
      choices: spoken.map((product) => ({ id: PAYLOADS.pick(product.sku), label: product.name })),
      reprompt: ctx.messages.whichProduct(),
    });
  },
};

export async function addProductToCart(ctx: FlowContext, product: CatalogProduct, quantity: number): Promise<Reply> {
  if (ctx.turn.voice && product.restrictions?.notSoldByVoice) {
    return reply(ctx, () => `${ctx.messages.errors.RESTRICTED_BY_VOICE} ${product.name}: ${product.restrictions?.reason ?? ''}`.trim(), { errorCode: 'RESTRICTED_BY_VOICE' });
  }
  const outcome = await addToCart(ctx.work, product.sku, quantity, ctx.settings);
  if (!outcome.ok && outcome.code === 'OUT_OF_STOCK') {
    const soldOut = outcome.available <= 0;
    return reply(ctx, [ctx.messages.onlyInStock(product.name, outcome.available), soldOut ? ctx.messages.offerStockAlert(product.name) : ctx.messages.anythingElse()], {
      errorCode: 'OUT_OF_STOCK',
      choices: soldOut ? offerTo(ctx, product, 'alert') : undefined,
    });
  }
  if (!outcome.ok) return errorReply(ctx, outcome.code);
  await recordFunnelStep('cart', ctx.turn.channel, ctx.now);
  return reply(ctx, ctx.messages.added(quantity, product.name, outcome.cart.totals.subtotalMinor), {
    choices: [
      { id: PAYLOADS.checkout, label: ctx.messages.labels.checkout },
      { id: PAYLOADS.viewCart, label: ctx.messages.labels.viewCart },
    ],
  });
}

export const addToCartFlow: Flow = {
  name: 'add-to-cart',
  canHandle: (ctx) => ctx.intent.name === 'AddToCart',
  async handle(ctx) {
    const resolution = await resolveProduct(ctx, 'add');
    if (resolution.kind === 'asked') return resolution.reply;
    return addProductToCart(ctx, resolution.product, resolution.quantity ?? 1);
  },
};

export async function answerProductQuestion(ctx: FlowContext, product: CatalogProduct, question: ProductQuestionKind): Promise<Reply> {
  const m = ctx.messages;
  const inStock = await unitsInStock(product.sku);
  const answer =
    question === 'price'
      ? m.price(product.name, product.priceMinor)
      : question === 'stock'
        ? m.inStock(product.name, inStock)
        : question === 'rating'
          ? product.rating
            ? m.rating(product.name, product.rating, product.reviewCount ?? 0, product.reviewSummary ?? '')
            : m.noRating(product.name)
          : m.description(product.name, product.description || product.name);
  const cards = [productCard(ctx, product)];
  if (inStock > 0) return reply(ctx, [answer, m.addIt(product.name)], { cards, choices: offerTo(ctx, product, 'add') });
  // Only the stock answer says it is sold out, so only there does the offer of an alert follow on.
  if (question === 'stock') return reply(ctx, [answer, m.offerStockAlert(product.name)], { cards, choices: offerTo(ctx, product, 'alert') });
  return reply(ctx, [answer, m.anythingElse()], { cards });
}

/** Offers one thing to do with the product just talked about; a yes (or the button) does it. */
function offerTo(ctx: FlowContext, product: CatalogProduct, then: 'add' | 'alert'): Choice[] {
  ctx.dialog.pending = { kind: 'pick-product', candidates: [{ sku: product.sku, name: product.name }], quantity: null, then };
  return [{ id: PAYLOADS.pick(product.sku), label: then === 'add' ? ctx.messages.labels.add(product.name) : ctx.messages.labels.stockAlert }];
}

/** "Tell me when it's back": a sold-out product gets an alert (asking twice keeps one); one in stock is offered instead. */
export async function alertWhenBack(ctx: FlowContext, product: CatalogProduct): Promise<Reply> {
  if ((await unitsInStock(product.sku)) > 0) {
    return reply(ctx, [ctx.messages.alreadyInStock(product.name), ctx.messages.addIt(product.name)], { choices: offerTo(ctx, product, 'add') });
  }
  await requestStockAlert(ctx.customerId, product.sku, { channel: ctx.turn.channel, source: 'customer' }, ctx.now);
  return reply(ctx, [ctx.messages.stockAlertSet(product.name), ctx.messages.anythingElse()]);
}

/** A product named with the request; "tell me when it's back" about the product just offered is answered by the pick-product flow. */
export const stockAlertFlow: Flow = {
  name: 'stock-alert',
  canHandle: (ctx) => ctx.intent.name === 'StockAlert',
  async handle(ctx) {
    const resolution = await resolveProduct(ctx, 'alert');
    if (resolution.kind === 'asked') return resolution.reply;
    return alertWhenBack(ctx, resolution.product);
  },
};

export const productQuestionFlow: Flow = {
  name: 'product-question',
  canHandle: (ctx) => ctx.intent.name === 'ProductQuestion',
  async handle(ctx) {
    const question = ctx.intent.slots.question ?? 'description';
    const resolution = await resolveProduct(ctx, question);
    if (resolution.kind === 'asked') return resolution.reply;
    return answerProductQuestion(ctx, resolution.product, question);
  },
};

export const removeFromCartFlow: Flow = {
  name: 'remove-from-cart',
  canHandle: (ctx) => ctx.intent.name === 'RemoveFromCart',
  async handle(ctx) {
    const resolution = await resolveProduct(ctx, 'remove');
    if (resolution.kind === 'asked') return resolution.reply;
    return removeProduct(ctx, resolution.product, ctx.intent.slots.quantity ?? null);
  },
};

export async function removeProduct(ctx: FlowContext, product: CatalogProduct, quantity: number | null): Promise<Reply> {
  const cart = await removeFromCart(ctx.work, product.sku, quantity, ctx.settings);
  if (!cart) return reply(ctx, [ctx.messages.notInCart(product.name), ctx.messages.anythingElse()]);
  return reply(ctx, [ctx.messages.removed(product.name), ctx.messages.anythingElse()]);
}

export const viewCartFlow: Flow = {
  name: 'view-cart',
  canHandle: (ctx) => ctx.intent.name === 'ViewCart',
  async handle(ctx) {
    const cart = await viewCart(ctx.work, ctx.settings);
    if (cart.lines.length === 0) return reply(ctx, [ctx.messages.cartEmpty(), ctx.messages.anythingElse()]);
    const messages = [ctx.messages.cartContents(cart.lines, cart.totals.subtotalMinor)];
    if (cart.repriced.length > 0) messages.unshift(ctx.messages.repriced(cart.repriced));
    return reply(ctx, messages, {
      choices: [
        { id: PAYLOADS.checkout, label: ctx.messages.labels.checkout },
        { id: PAYLOADS.no, label: ctx.messages.labels.no },
      ],
    });
  },
};
