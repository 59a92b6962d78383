import type { Logger } from '../logger';
import { turnDuration } from '../metrics';
import { codeForUnexpected } from '../core/errors';
import { boundedNumber, clipFreeText } from '../core/free-text';
import type { CommerceSettings } from '../services/settings';
import { openUnitOfWork, type OpenUnitOfWork } from '../store/unit-of-work';
import { messagesForTurn } from './context';
import { TURN_PIPELINE, type TurnContext } from './pipeline';

export { outageApology } from './pipeline';
import type { Intent, Reply, Turn } from './turn';

/**
 * One turn of any channel, through the interceptors of `TURN_PIPELINE` in their order: each runs while
 * it is due (see `Interceptor.runs`), and a step that throws hands the turn to error mapping.
 * Channel adapters call only this. `openWork` is the database's unit of work; the flow tests pass an
 * in-memory one (test/support/in-memory-unit-of-work.ts) with the same interface.
 */
export async function handleTurn(untrusted: Turn, settings: CommerceSettings, log?: Logger, openWork: OpenUnitOfWork = openUnitOfWork): Promise<Reply> {
  const turn = boundedTurn(untrusted);
  const ctx: TurnContext = { turn, settings, log, openUnitOfWork: openWork, messages: messagesForTurn(turn), now: turn.now ?? new Date() };
  const endTurn = turnDuration.startTimer({ channel: turn.channel });
  for (const interceptor of TURN_PIPELINE) {
    const due = ctx.error !== undefined ? interceptor.runs === 'failed' : interceptor.runs === (ctx.reply ? 'answered' : 'unanswered');
    if (!due) continue;
    try {
      await interceptor.run(ctx);
    } catch (error) {
      ctx.error = error;
    }
  }
  endTurn({ outcome: ctx.error === undefined ? 'answered' : codeForUnexpected(ctx.error) });
  return ctx.reply!;
}

/**
 * Every flow reads the shopper's words (the text, or the slots a voice platform filled) with patterns
 * and the catalog matcher; cutting them here, once, bounds the time a turn can take whatever arrived.
 */
function boundedTurn(turn: Turn): Turn {
  const text = turn.text === undefined ? undefined : clipFreeText(turn.text);
  if (!turn.intent) return { ...turn, text };
  const slots = { ...turn.intent.slots };
  for (const key of ['product', 'date', 'category', 'sku', 'code', 'discountCode', 'orderNumber', 'choiceId'] as const) {
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
