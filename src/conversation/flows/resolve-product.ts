import { catalogIndex, type CatalogProduct } from '../../services/catalog';
import { recordMatchedSearch, recordSearchOutcome } from '../../services/insights';
import { reply, type FlowContext } from '../context';
import type { ProductAction } from '../dialog';
import { PAYLOADS } from '../understand';
import type { Reply } from '../turn';

export type Resolution = { kind: 'found'; product: CatalogProduct; quantity: number | null } | { kind: 'asked'; reply: Reply };

/**
 * Turns what the customer said into one product, or asks back: "did you mean A or B?" when several
 * are close, "did you mean A?" when one is a weak guess. Never guesses silently.
 */
export async function resolveProduct(ctx: FlowContext, then: ProductAction): Promise<Resolution> {
  const { slots } = ctx.intent;
  if (slots.sku) {
    const product = (await ctx.work.products([slots.sku])).get(slots.sku);
    if (product?.active) return { kind: 'found', product, quantity: slots.quantity ?? null };
  }
  const said = slots.product?.trim();
  if (!said) {
    ctx.dialog.pending = { kind: 'elicit-product', quantity: slots.quantity ?? null, then };
    return { kind: 'asked', reply: reply(ctx, ctx.messages.whichProduct(), { reprompt: ctx.messages.whichProduct() }) };
  }

  const result = (await catalogIndex(ctx.now.getTime(), ctx.turn.locale)).match(said);
  const quantity = slots.quantity ?? result.quantity;
  switch (result.kind) {
    case 'match': {
      const product = (await ctx.work.products([result.sku])).get(result.sku);
      if (!product) break;
      await recordMatchedSearch(product.name, ctx.now);
      return { kind: 'found', product, quantity };
      break;
    }
    case 'ambiguous':
    case 'suggestion': {
      const candidates = (result.kind === 'ambiguous' ? result.candidates : [result.candidate]).map(({ sku, name }) => ({ sku, name }));
      ctx.dialog.pending = { kind: 'pick-product', candidates, quantity, then };
      await recordSearchOutcome(said, 'asked-back', ctx.now);
      const choices = candidates.map((candidate) => ({ id: PAYLOADS.pick(candidate.sku), label: candidate.name }));
      const question = ctx.messages.didYouMean(candidates.map((c) => c.name));
      return { kind: 'asked', reply: reply(ctx, question, { choices, reprompt: question }) };
    }
    case 'not-found':
      break;
  }
  await recordSearchOutcome(said, 'unmatched', ctx.now);
  return { kind: 'asked', reply: reply(ctx, [ctx.messages.notFound(said), ctx.messages.anythingElse()], { errorCode: 'PRODUCT_NOT_FOUND' }) };
}
