import { giftCategories, giftIdeas } from '../../services/catalog';
import { boundedNumber } from '../../core/free-text';
import { reply, type Flow, type FlowContext } from '../context';
import type { Pending } from '../dialog';
import { PAYLOADS } from '../understand';
import { numberWordIn, saysAnyChoice, type GiftNumber } from '../vocabulary-text';
import type { Reply } from '../turn';
import { productCard } from './shopping';

type GiftAnswers = Extract<Pending, { kind: 'gift' }>;

/** An age or a budget as answered: digits (a budget may have cents), else a number in the words of the turn's language ("quinze anos"). */
function numberIn(text: string, locale: string, kind: GiftNumber): number | undefined {
  const digits = /(?<![\d.])(\d{1,7}(?:\.\d{1,2})?)(?!\d)/.exec(text);
  if (digits) return boundedNumber(Number(digits[1]));
  return numberWordIn(text, locale, kind);
}

/** Asks age, then budget, then category (each skipped when already known), then suggests three. */
async function nextStep(ctx: FlowContext, answers: Omit<GiftAnswers, 'kind' | 'asked'>): Promise<Reply> {
  const m = ctx.messages;
  if (answers.age == null) return ask(ctx, { ...answers, kind: 'gift', asked: 'age' }, m.giftAskAge());
  if (answers.budgetMinor == null) return ask(ctx, { ...answers, kind: 'gift', asked: 'budget' }, m.giftAskBudget());
  if (answers.category == null) return ask(ctx, { ...answers, kind: 'gift', asked: 'category' }, m.giftAskCategory(await giftCategories()));

  delete ctx.dialog.pending;
  const ideas = await giftIdeas({ age: answers.age, budgetMinor: answers.budgetMinor, category: answers.category || undefined });
  if (ideas.length === 0) return reply(ctx, [m.giftNone(), m.anythingElse()]);
  ctx.dialog.pending = { kind: 'pick-product', candidates: ideas.map(({ sku, name }) => ({ sku, name })), quantity: 1, then: 'add' };
  return reply(ctx, m.giftIdeas(ideas), {
    cards: ideas.map((idea) => productCard(ctx, idea)),
    choices: ideas.map((idea) => ({ id: PAYLOADS.pick(idea.sku), label: idea.name })),
    reprompt: m.whichProduct(),
  });
}

function ask(ctx: FlowContext, pending: GiftAnswers, question: ReturnType<FlowContext['messages']['giftAskAge']>): Reply {
  ctx.dialog.pending = pending;
  return reply(ctx, question, { reprompt: question });
}

export const giftFinderFlow: Flow = {
  name: 'gift-finder',
  canHandle: (ctx) => ctx.intent.name === 'GiftFinder',
  handle: (ctx) => nextStep(ctx, { age: ctx.intent.slots.age, budgetMinor: ctx.intent.slots.budgetMinor, category: ctx.intent.slots.category }),
};

/** The answer to the gift finder's last question, read from the raw words (or the slots a voice platform filled). */
export const giftAnswerFlow: Flow = {
  name: 'gift-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'gift' && !['Stop', 'Help', 'Handoff', 'Checkout', 'ViewCart'].includes(ctx.intent.name),
  async handle(ctx) {
    const pending = ctx.dialog.pending as GiftAnswers;
    const said = ctx.turn.text ?? ctx.intent.slots.product ?? '';
    const { slots } = ctx.intent;
    const answers = { age: pending.age, budgetMinor: pending.budgetMinor, category: pending.category };
    if (pending.asked === 'age') answers.age = slots.age ?? numberIn(said, ctx.turn.locale, 'age');
    if (pending.asked === 'budget') {
      const budget = numberIn(said, ctx.turn.locale, 'budget');
      answers.budgetMinor = slots.budgetMinor ?? (budget !== undefined ? Math.round(budget * 100) : undefined);
    }
    if (pending.asked === 'category') {
      const categories = await giftCategories();
      const wanted = (slots.category ?? said).toLowerCase();
      answers.category = saysAnyChoice(wanted, ctx.turn.locale) ? '' : (categories.find((c) => wanted.includes(c) || c.split(/\W+/).some((w) => w.length > 3 && wanted.includes(w))) ?? undefined);
    }
    return nextStep(ctx, answers);
  },
};
