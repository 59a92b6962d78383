import { CatalogIndex } from '../../core/matching';
import { type CatalogProduct } from '../../services/catalog';
import { reply, type Flow, type FlowContext } from '../context';
import { takePending, type PendingOf, type ProductAction } from '../dialog';
import type { Reply } from '../turn';
import { resolveProduct } from './resolve-product';
import { addProductToCart, alertWhenBack, answerProductQuestion, removeProduct } from './shopping';

async function act(ctx: FlowContext, product: CatalogProduct, then: ProductAction, quantity: number | null): Promise<Reply> {
  if (then === 'add') return addProductToCart(ctx, product, quantity ?? 1);
  if (then === 'remove') return removeProduct(ctx, product, quantity);
  if (then === 'alert') return alertWhenBack(ctx, product);
  return answerProductQuestion(ctx, product, then);
}

type PickPending = PendingOf<'pick-product'>;

/** A name that singles out one of the offered candidates ("the triple a ones"), using the same matcher as the catalog. */
function candidateNamed(ctx: FlowContext, candidates: PickPending['candidates']): string | null {
  const said = ctx.intent.name === 'Browse' ? ctx.intent.slots.product : undefined;
  if (!said) return null;
  const result = new CatalogIndex(candidates.map(({ sku, name }) => ({ sku, name, synonyms: [] }))).match(said);
  return result.kind === 'match' ? result.sku : null;
}

function pickedSku(ctx: FlowContext, pending: PickPending): string | null | undefined {
  switch (ctx.intent.name) {
    case 'Select':
      return ctx.intent.slots.sku;
    case 'Yes':
      return pending.candidates.length === 1 ? pending.candidates[0]!.sku : null;
    case 'StockAlert':
      // "Tell me when it's back" with no product named is about the one product just offered.
      return !ctx.intent.slots.product && pending.candidates.length === 1 ? pending.candidates[0]!.sku : null;
    default:
      return candidateNamed(ctx, pending.candidates);
  }
}

/**
 * The answer to "did you mean A or B?": a button, a number, "yes" to a single suggestion, or a
 * name that singles one out. Anything else is a new request, handled by the other flows.
 */
export const pickProductFlow: Flow = {
  name: 'pick-product',
  canHandle: (ctx) => {
    const pending = ctx.dialog.pending;
    if (pending?.kind !== 'pick-product') return false;
    return ctx.intent.name === 'No' || ctx.intent.name === 'Yes' || !!pickedSku(ctx, pending);
  },
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'pick-product');
    if (ctx.intent.name === 'No') return reply(ctx, ctx.messages.anythingElse());
    const sku = pickedSku(ctx, pending);
    const product = sku ? ((await ctx.work.products([sku])).get(sku) ?? null) : null;
    if (!product) {
      ctx.dialog.pending = pending;
      return reply(ctx, ctx.messages.didYouMean(pending.candidates.map((c) => c.name)), { reprompt: ctx.messages.whichProduct() });
    }
    return act(ctx, product, ctx.intent.name === 'StockAlert' ? 'alert' : pending.then, ctx.intent.slots.quantity ?? pending.quantity);
  },
};

/** The product named after "which product?". */
export const elicitProductFlow: Flow = {
  name: 'elicit-product',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'elicit-product' && (ctx.intent.name === 'Browse' || ctx.intent.name === 'AddToCart' || !!ctx.intent.slots.sku),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'elicit-product');
    const resolution = await resolveProduct(ctx, pending.then);
    if (resolution.kind === 'asked') return resolution.reply;
    return act(ctx, resolution.product, pending.then, resolution.quantity ?? pending.quantity);
  },
};
