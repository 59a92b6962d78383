import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import type { Logger } from '../logger';
import { codeForUnexpected } from '../core/errors';
import { carrierKeywordIn, keywordOutcome } from '../core/consent';
import { consentGiven, linkByAccessToken, recordChannelSubscription } from '../services/customers';
import { customerWroteDuringHandoff } from '../services/handoff';
import { recordTurn } from '../services/insights';
import type { CommerceSettings } from '../services/settings';
import { claimEvent, claimEventKeepingAnswer, keepEventAnswer, releaseEvent, type AnswerClaim } from '../store/event-store';
import type { TranscriptEntry } from '../store/transcript-store';
import type { OpenUnitOfWork, TurnUnitOfWork } from '../store/unit-of-work';
import { errorMessage, reply, type Flow, type FlowContext } from './context';
import { freshDialog, type DialogState } from './dialog';
import { escapeSsml } from './format';
import { addCardFlow, confirmLinkAnswerFlow, consentFlow, linkAccountFlow, newVoiceCodeAnswerFlow, removeCardFlow, setVoiceCodeFlow, whichCardFlow } from './flows/account';
import { countFallback, duringHandoffFlow, handOff, handoffFlow } from './flows/handoff';
import { fallbackFlow, helpFlow, launchFlow, stopFlow } from './flows/basics';
import { applyDiscountFlow, cartReminderAnswerFlow, checkoutFlow, offersAnswerFlow, purchaseAnswerFlow } from './flows/checkout';
import { eventCityFlow, eventKeywordFlow, keywordSignupFlow, signupAnswerFlow } from './flows/marketing';
import { npsCommentFlow, npsScoreFlow } from './flows/nps';
import { giftAnswerFlow, giftFinderFlow } from './flows/gift-finder';
import { cancelAnswerFlow, cancelOrderFlow, orderStatusFlow, reorderAnswerFlow, reorderFlow } from './flows/orders';
import { elicitProductFlow, pickProductFlow } from './flows/pending-product';
import { addToCartFlow, browseFlow, productQuestionFlow, removeFromCartFlow, stockAlertFlow, viewCartFlow } from './flows/shopping';
import { resolveLanguage } from './language';
import { messagesFor, type Messages } from './locales';
import type { Intent, Reply, Turn } from './turn';
import { understandText } from './understand';

/** What every interceptor of one turn reads and fills in. */
export interface TurnContext {
  turn: Turn;
  settings: CommerceSettings;
  log?: Logger;
  /** Where the turn's customer, session and cart come from: the database's unit of work outside tests. */
  openUnitOfWork: OpenUnitOfWork;
  messages: Messages;
  now: Date;
  /** Set by `loadUnitOfWork`: what the flows see. */
  flow?: FlowContext;
  work?: TurnUnitOfWork;
  /** The answer, once an interceptor has given one; later answering interceptors are skipped. */
  reply?: Reply;
  /** Set when a step threw; only error mapping runs after that. */
  error?: unknown;
  /** A person resolved this conversation since the last turn: the answer starts by greeting the shopper back. */
  greetBack?: boolean;
  /** Set by `loadUnitOfWork`: what the customer said answers a request for a secret, or carries one; the transcript masks it. */
  withholdCustomerWords?: boolean;
  /** Set by `dedupe` when this delivery claimed an event whose answer is kept (`Turn.keepAnswerUntil`): the answer is kept, or the claim given back. */
  holdsAnswerClaim?: boolean;
}

/**
 * One step of every turn. `unanswered` steps run until one of them answers, `answered` steps run on
 * the answer (saving it), and `failed` steps turn an error into an answer.
 */
export interface Interceptor {
  name: string;
  runs: 'unanswered' | 'answered' | 'failed';
  run(ctx: TurnContext): Promise<void>;
}

/** Flows that answer what the previous turn asked; they see the pending state, the others clear it. */
const ANSWER_FLOWS: Flow[] = [
  purchaseAnswerFlow,
  signupAnswerFlow,
  offersAnswerFlow,
  cartReminderAnswerFlow,
  reorderAnswerFlow,
  cancelAnswerFlow,
  confirmLinkAnswerFlow,
  newVoiceCodeAnswerFlow,
  giftAnswerFlow,
  eventCityFlow,
  pickProductFlow,
  elicitProductFlow,
  npsCommentFlow,
  // The open NPS question is no pending dialogue (it waits days, not minutes): it takes a score only when none is pending.
  npsScoreFlow,
];

const REQUEST_FLOWS: Flow[] = [
  // First: a configured handoff word ("my order arrived broken") goes to a person whatever else the sentence asks.
  handoffFlow,
  // A sign-up or event keyword is a whole message ("JOIN", "EVENTS") that would otherwise read as a product search.
  keywordSignupFlow,
  eventKeywordFlow,
  launchFlow,
  browseFlow,
  productQuestionFlow,
  stockAlertFlow,
  addToCartFlow,
  removeFromCartFlow,
  viewCartFlow,
  checkoutFlow,
  applyDiscountFlow,
  reorderFlow,
  orderStatusFlow,
  cancelOrderFlow,
  setVoiceCodeFlow,
  addCardFlow,
  whichCardFlow,
  removeCardFlow,
  consentFlow,
  linkAccountFlow,
  giftFinderFlow,
  helpFlow,
  stopFlow,
  fallbackFlow,
];

/** A redelivery waits this long for the answer its first delivery is still working out, then is told so. */
const KEPT_ANSWER_WAIT_MS = 5_000;
const KEPT_ANSWER_POLL_MS = 100;

/** What an event asks, once understood far enough to tell a redelivery from another request under the same id. */
function requestOf(turn: Turn): unknown {
  return [turn.text ?? null, turn.intent ?? null];
}

/**
 * A redelivered event (a platform's retry, a replayed request) runs nothing: the event claim, a unique
 * insert keyed by channel and the platform's event id, decides. The answer changes nothing and is
 * marked, so each channel renders its own "nothing new".
 *
 * Where the answer goes back in the response to the request (`Turn.keepAnswerUntil`), the claim keeps
 * the answer instead (see `keepAnswer` and `giveClaimBack`), and a redelivery gets that answer: at once,
 * or once the first delivery has it (a resend that crossed it, in another process), or the claim if the
 * first delivery failed and gave it back. Within the process, a channel answers one user's requests
 * one at a time, so a resend mostly finds the answer already kept.
 */
const dedupe: Interceptor = {
  name: 'dedupe',
  runs: 'unanswered',
  async run(ctx) {
    const { turn } = ctx;
    if (turn.eventId === undefined) return;
    if (turn.keepAnswerUntil === undefined) {
      if (await claimEvent(turn.channel, turn.eventId, ctx.now)) return;
      ctx.reply = { ...reply(ctx, ctx.messages.welcomeReprompt()), duplicate: true };
      return;
    }
    const claimOnce = (): Promise<AnswerClaim> => claimEventKeepingAnswer(turn.channel, turn.eventId!, requestOf(turn), turn.keepAnswerUntil!, ctx.now);
    let claim = await claimOnce();
    for (let waited = 0; claim.kind === 'pending' && waited < KEPT_ANSWER_WAIT_MS; waited += KEPT_ANSWER_POLL_MS) {
      await sleep(KEPT_ANSWER_POLL_MS);
      claim = await claimOnce();
    }
    switch (claim.kind) {
      case 'first':
        ctx.holdsAnswerClaim = true;
        return;
      case 'answered':
        ctx.reply = claim.answer as Reply;
        return;
      case 'pending':
      case 'different-request':
        ctx.reply = { ...reply(ctx, errorMessage(ctx.messages, 'CONFLICT'), { errorCode: 'CONFLICT' }), duplicate: claim.kind === 'pending' ? 'still-answering' : 'different-request' };
    }
  },
};

/** A voice platform's account-linking token becomes "this user is linked" (and the customers are joined) before anything is loaded. */
const identify: Interceptor = {
  name: 'identify',
  runs: 'unanswered',
  async run(ctx) {
    const { turn } = ctx;
    if (turn.accessToken === undefined) return;
    turn.accountLinked = turn.accessToken ? await linkByAccessToken(turn.channel, turn.channelUserId, turn.accessToken, turn.locale) : false;
  },
};

const loadUnitOfWork: Interceptor = {
  name: 'load unit of work',
  runs: 'unanswered',
  async run(ctx) {
    const { turn, settings, now, openUnitOfWork } = ctx;
    const work = await openUnitOfWork({ channel: turn.channel, channelUserId: turn.channelUserId, locale: turn.locale, currency: settings.pricing.currency });
    const language = await resolveLanguage(turn, work, turn.languageFromChannel ?? false);
    turn.locale = language.locale;
    work.nameProductsIn(language.locale);
    const messages = (ctx.messages = messagesFor(language.locale));
    const dialog = freshDialog(work.session.dialog, now.getTime());
    const intent =
      turn.intent ?? understandText(turn.text ?? '', { awaitingCode: dialog.guard?.step === 'awaiting-code', lastChoices: turn.voice ? [] : (dialog.lastChoices ?? []), locale: turn.locale });
    ctx.work = work;
    ctx.withholdCustomerWords = carriesSecret(dialog, intent);
    ctx.flow = { turn, intent, session: work.session, work, dialog, customerId: work.customerId, settings, messages, now };
    if (language.switched) ctx.reply = reply(ctx.flow, messages.languageSwitched());
  },
};

/**
 * A voice code (set, or said at checkout), a link code or a phone number: whatever answers a dialog
 * that asked for one (a new voice code, a link to confirm, a purchase waiting for its yes or code),
 * or was understood as one.
 */
function carriesSecret(dialog: FlowContext['dialog'], intent: Intent): boolean {
  const pending = dialog.pending?.kind;
  return pending === 'new-voice-code' || pending === 'confirm-link' || !!dialog.guard || intent.slots.code !== undefined || intent.slots.phone !== undefined;
}

/** While a person has the conversation, the assistant keeps quiet; after a person resolved it, the next answer greets the shopper back. */
const handoff: Interceptor = {
  name: 'handoff',
  runs: 'unanswered',
  async run(ctx) {
    const flow = ctx.flow!;
    if (flow.session.welcomeBack) {
      flow.session.welcomeBack = false;
      ctx.greetBack = true;
    }
    if (duringHandoffFlow.canHandle(flow)) ctx.reply = await duringHandoffFlow.handle(flow);
  },
};

const greetBack: Interceptor = {
  name: 'greet back',
  runs: 'answered',
  async run(ctx) {
    const answer = ctx.reply!;
    if (!ctx.greetBack || answer.silent || !ctx.flow) return;
    const greeting = reply(ctx.flow, ctx.messages.handoffWelcomeBack());
    ctx.reply = { ...answer, speech: `${greeting.speech} ${answer.speech}`, text: `${greeting.text} ${answer.text}` };
  },
};

/**
 * Where an opt-out silences replies (SMS, WeChat): the carrier's keywords are recorded and not
 * answered as turns, and an opted-out customer gets nothing but what opts them back in.
 */
const consentKeywords: Interceptor = {
  name: 'consent keywords',
  runs: 'unanswered',
  async run(ctx) {
    const { turn, now } = ctx;
    const flow = ctx.flow!;
    const wording = turn.carrierKeywords;
    if (!wording && !turn.silentWhenOptedOut) return;
    const body = turn.text ?? '';
    const keyword = wording ? carrierKeywordIn(body) : null;
    const optedOut = !(await consentGiven(flow.customerId, turn.channel, 'transactional'));
    // Carrier channels take only their keywords back in; elsewhere the conversation records the opt-in words.
    const optingIn = !wording && flow.intent.name === 'Consent' && flow.intent.slots.consent === 'opt-in';
    const outcome = keywordOutcome(keyword, body, optedOut, optingIn);
    if (outcome.record !== null && wording) {
      const evidence = { kind: outcome.record ? 'keyword' : 'stop', source: `${turn.channel} keyword: ${body.trim().toUpperCase()}`, wording: outcome.record ? wording.optIn : wording.optOut } as const;
      await recordChannelSubscription(flow.customerId, turn.channel, outcome.record, evidence, now);
    }
    if (outcome.answer === 'nothing') ctx.reply = { speech: '', text: '', silent: true, endSession: false };
    else if (outcome.answer === 'help' && wording) {
      const help = flow.messages.carrierHelp(flow.settings.sellerName);
      ctx.reply = { speech: escapeSsml(help), text: help, endSession: false, locale: turn.locale };
    }
  },
};

const flows: Interceptor = {
  name: 'flows',
  runs: 'unanswered',
  async run(ctx) {
    const flow = ctx.flow!;
    const answer = ANSWER_FLOWS.find((candidate) => candidate.canHandle(flow));
    if (answer) {
      ctx.reply = await answer.handle(flow);
      return;
    }
    // Anything but an answer moves on: what was asked is dropped, and a purchase waiting for a yes is cancelled and said so.
    const abandonedPurchase = !!flow.dialog.guard;
    delete flow.dialog.guard;
    delete flow.dialog.pending;
    const chosen = REQUEST_FLOWS.find((candidate) => candidate.canHandle(flow))!;
    // Two fallbacks running: a person takes over rather than a third "sorry".
    const result = countFallback(flow, chosen === fallbackFlow) ? await handOff(flow, 'fallbacks') : await chosen.handle(flow);
    if (!abandonedPurchase || result.silent) {
      ctx.reply = result;
      return;
    }
    const notice = reply(flow, flow.messages.checkoutCancelled('changed-subject'));
    ctx.reply = { ...result, speech: `${notice.speech} ${result.speech}`, text: `${notice.text} ${result.text}` };
  },
};

/** What the turn changed is written once, with what the next turn needs to know of this one. */
const save: Interceptor = {
  name: 'save',
  runs: 'answered',
  async run(ctx) {
    const { flow, work, turn, now } = ctx;
    if (!flow || !work) return;
    // The stored dialog still says when this channel user's previous turn was: the day's first turn is a conversation.
    await recordTurn(turn.channel, (flow.session.dialog as DialogState | undefined)?.updatedAt, now);
    flow.dialog.lastChoices = ctx.reply!.choices ?? [];
    flow.dialog.updatedAt = now.getTime();
    flow.session.dialog = flow.dialog as Record<string, unknown>;
    // A flow may have joined this channel user to another customer (account linking), whose time zone the next turn reads.
    if (!flow.customerId.equals(work.customerId)) flow.session.timeZone = null;
    flow.session.customerId = flow.customerId;
    if (!turn.voice) flow.session.lastInboundAt = now;
    await work.save(now, { entries: transcriptEntries(turn, flow.customerId, ctx.reply!, now, ctx.withholdCustomerWords ?? false), retentionDays: ctx.settings.transcriptRetentionDays });
    // An agent's inbox shows the shopper's message as it arrives.
    if (flow.session.handoff && ctx.reply!.silent) await customerWroteDuringHandoff(ctx.settings.handoff, { customerId: flow.customerId, channel: turn.channel, channelUserId: turn.channelUserId, text: turn.text ?? '', now });
  },
};

/** What the transcript keeps in place of a secret: agents (and a helpdesk) read it, and need no codes. */
const WITHHELD = '[code withheld]';

/** What the customer wrote (or, on voice, what the platform understood) and what the assistant answered, if anything; secrets masked. */
function transcriptEntries(turn: Turn, customerId: Types.ObjectId, answer: Reply, now: Date, withholdCustomerWords: boolean): TranscriptEntry[] {
  const said = withholdCustomerWords ? WITHHELD : (turn.text ?? (turn.intent ? spokenIntent(turn.intent) : ''));
  const about = { customerId, channel: turn.channel, channelUserId: turn.channelUserId };
  const entries: TranscriptEntry[] = [{ ...about, author: 'customer', text: said, at: now }];
  if (!answer.silent) entries.push({ ...about, author: 'bot', text: answer.sensitive ? WITHHELD : answer.text, cards: answer.cards?.map((card) => card.sku), at: new Date(now.getTime() + 1) });
  return entries;
}

/** A voice platform sends the intent it heard, not the words: the intent and its filled slots stand in for them. */
function spokenIntent(intent: Intent): string {
  const slots = Object.entries(intent.slots).filter(([, value]) => value !== undefined && value !== '');
  return slots.length === 0 ? `(${intent.name})` : `(${intent.name}: ${slots.map(([name, value]) => `${name} ${String(value)}`).join(', ')})`;
}

/** The answer of a kept-answer claim (see `dedupe`), for the event's redeliveries. */
const keepAnswer: Interceptor = {
  name: 'keep the answer',
  runs: 'answered',
  async run(ctx) {
    if (!ctx.holdsAnswerClaim) return;
    await keepEventAnswer(ctx.turn.channel, ctx.turn.eventId!, ctx.reply);
    ctx.holdsAnswerClaim = false;
  },
};

const mapErrors: Interceptor = {
  name: 'error mapping',
  runs: 'failed',
  async run(ctx) {
    const { turn, settings, messages, error } = ctx;
    const code = codeForUnexpected(error);
    ctx.log?.error({ err: error, channel: turn.channel, errorCode: code }, 'turn failed');
    ctx.reply = code === 'DATABASE_UNAVAILABLE' ? outageApology(turn) : reply({ turn, settings, messages }, errorMessage(messages, code), { errorCode: code });
  },
};

/**
 * A turn that failed gives its kept-answer claim back: its apology is not the event's answer, and a
 * resend is worked again rather than told "still being answered" until the claim expires.
 */
const giveClaimBack: Interceptor = {
  name: 'give the claim back',
  runs: 'failed',
  async run(ctx) {
    if (!ctx.holdsAnswerClaim) return;
    ctx.holdsAnswerClaim = false;
    await releaseEvent(ctx.turn.channel, ctx.turn.eventId!).catch((error: unknown) => ctx.log?.warn({ err: error, channel: ctx.turn.channel }, 'event claim not given back'));
  },
};

/**
 * The one apology for a database out of reach, from a turn's error mapping or from a channel that could
 * not even record a message. Each channel renders it in its own voice: a voice platform ends the
 * session (the customer would only be asked again into the outage), Twilio gets it as a 200 TwiML
 * message, messaging channels send it straight through the send API.
 */
export function outageApology(turn: Pick<Turn, 'locale' | 'voice'>): Reply {
  const text = messagesFor(turn.locale).errors.DATABASE_UNAVAILABLE;
  return { speech: escapeSsml(text), text, errorCode: 'DATABASE_UNAVAILABLE', endSession: turn.voice };
}

/** Every turn of every channel passes these, in this order. */
export const TURN_PIPELINE: readonly Interceptor[] = [dedupe, identify, loadUnitOfWork, handoff, consentKeywords, flows, greetBack, save, keepAnswer, mapErrors, giveClaimBack];
