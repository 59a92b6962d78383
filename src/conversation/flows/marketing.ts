import { recordMarketingChoice } from '../../services/customers';
import { reply, type Flow, type FlowContext } from '../context';
import { takePending } from '../dialog';

/** Keyword sign-ups come by text on SMS and WhatsApp, as the whole message. */
const SIGNUP_CHANNELS = new Set(['sms', 'whatsapp']);

function signupKeyword(ctx: FlowContext): string | null {
  if (!SIGNUP_CHANNELS.has(ctx.turn.channel) || !ctx.turn.text) return null;
  const word = ctx.turn.text.trim().toUpperCase();
  return ctx.settings.signupKeywords.includes(word) ? word : null;
}

/**
 * A sign-up keyword ("JOIN"): on SMS the answer is the consent wording and nothing is recorded until
 * the shopper confirms with YES (double opt-in); on WhatsApp the keyword itself is the opt-in. Either
 * way the record keeps the words agreed to, the keyword as its source, and the time.
 */
export const keywordSignupFlow: Flow = {
  name: 'keyword-signup',
  canHandle: (ctx) => signupKeyword(ctx) !== null,
  async handle(ctx) {
    const keyword = signupKeyword(ctx)!;
    const { sellerName } = ctx.settings;
    const wording = ctx.messages.signupAsk(sellerName);
    if (ctx.turn.channel === 'sms') {
      ctx.dialog.pending = { kind: 'marketing-signup', keyword, wording };
      return reply(ctx, () => wording);
    }
    // The keyword is the request; the confirmation says what it signed up for and how to leave.
    const confirmed = ctx.messages.signupConfirmed(sellerName);
    await recordMarketingChoice(ctx.customerId, ctx.turn.channel, true, `${ctx.turn.channel} keyword ${keyword}`, confirmed, ctx.now);
    return reply(ctx, () => confirmed);
  },
};

/** The YES (or no) to a keyword sign-up's consent wording on SMS. */
export const signupAnswerFlow: Flow = {
  name: 'signup-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'marketing-signup' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'marketing-signup');
    if (ctx.intent.name === 'No') return reply(ctx, ctx.messages.signupDeclined());
    await recordMarketingChoice(ctx.customerId, ctx.turn.channel, true, `${ctx.turn.channel} keyword ${pending.keyword}, confirmed YES`, pending.wording, ctx.now);
    const confirmed = ctx.messages.signupConfirmed(ctx.settings.sellerName);
    return reply(ctx, () => confirmed);
  },
};
