import { foldDiacritics } from '../../core/matching/normalize';
import { NPS_MAX, NPS_MIN, npsGroupOf } from '../../core/nps';
import { answerNpsQuestion, keepNpsComment, openNpsQuestionOf } from '../../services/surveys';
import { reply, type Flow, type FlowContext } from '../context';
import { takePending } from '../dialog';
import { LOCALE_WORDS, VOCABULARY_LOCALES, vocabularyLocale } from '../vocabulary';

/** "Zero" is no quantity, so the vocabulary's number words leave it out; a score can be 0. */
const ZERO_WORDS = ['zero', '零'];

/** Each locale's words for the scores 0 to 10 (diacritics folded, as what is typed is compared). */
const SCORE_WORDS = new Map(
  VOCABULARY_LOCALES.map((locale) => {
    const words = Object.entries(LOCALE_WORDS[locale].numbers).filter(([, value]) => value >= NPS_MIN && value <= NPS_MAX);
    return [locale, new Map([...words.map(([word, value]) => [foldDiacritics(word), value] as const), ...ZERO_WORDS.map((word) => [word, 0] as const)])];
  }),
);

/** "/10", "out of 10", "de 10", "su 10", "na 10", "din 10" after a score; "分" (points) in Chinese. */
const OUT_OF_TEN = /\s*(?:\/\s*(?:10|ten)|(?:out of|of|de|em|su|na|z|din)\s+(?:10|ten))$/;

/** A whole message that is a score from 0 to 10: "9", "nine", "10/10", "nove", "九分", "９"; null for anything else. */
export function npsScoreOf(text: string, locale: string): number | null {
  // A score is a few characters: longer text is an ordinary message, and never reaches a pattern.
  if (text.length > 24) return null;
  const said = foldDiacritics(text)
    .trim()
    .replace(/[\s.!?。！？]+$/u, '')
    .replace(OUT_OF_TEN, '')
    .replace(/\s*分$/u, '')
    .trim();
  const value = /^\d{1,2}$/.test(said) ? Number(said) : SCORE_WORDS.get(vocabularyLocale(locale))!.get(said);
  return value !== undefined && value >= NPS_MIN && value <= NPS_MAX ? value : null;
}

/**
 * Only when nothing else is waiting for an answer (a read-back, a pick from a list, a quantity) is a
 * number the answer to the open question: there it means what that dialogue asked.
 */
function openQuestionScore(ctx: FlowContext): number | null {
  const { dialog, session, turn } = ctx;
  if (dialog.pending || dialog.guard || (dialog.lastChoices?.length ?? 0) > 0 || turn.text === undefined) return null;
  if (!openNpsQuestionOf(session, ctx.now)) return null;
  return npsScoreOf(turn.text, turn.locale);
}

/**
 * The score answering the NPS question asked after a delivery (opened on this session by the outbox):
 * recorded and counted once; a promoter or passive is thanked, a detractor asked what could be better.
 */
export const npsScoreFlow: Flow = {
  name: 'nps-score',
  canHandle: (ctx) => openQuestionScore(ctx) !== null,
  async handle(ctx) {
    const score = openQuestionScore(ctx)!;
    const { orderNumber } = openNpsQuestionOf(ctx.session, ctx.now)!;
    const recorded = await answerNpsQuestion(ctx.session, ctx.customerId, score, ctx.now);
    if (!recorded || npsGroupOf(score) !== 'detractor') return reply(ctx, ctx.messages.npsThanks());
    ctx.dialog.pending = { kind: 'nps-comment', orderNumber };
    return reply(ctx, ctx.messages.npsAskWhy());
  },
};

/**
 * Requests that are never the comment, whatever was asked: an opt-out or opt-in ("STOP", "stop sending
 * me offers"; WhatsApp, Messenger and web chat have no carrier keyword step before the flows), asking
 * for a person, or ending the conversation. The question is then dropped and the request flows answer.
 */
const NOT_A_COMMENT = new Set(['Consent', 'Handoff', 'Stop']);

/** A detractor's next message, the answer to "what could we have done better?", kept with their score. */
export const npsCommentFlow: Flow = {
  name: 'nps-comment',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'nps-comment' && !!ctx.turn.text?.trim() && !NOT_A_COMMENT.has(ctx.intent.name),
  async handle(ctx) {
    const { orderNumber } = takePending(ctx.dialog, 'nps-comment');
    await keepNpsComment(orderNumber, ctx.turn.text!, ctx.now);
    return reply(ctx, ctx.messages.npsCommentThanks());
  },
};
