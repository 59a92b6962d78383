import { isWellFormedVoiceCode } from '../../core/voice-code';
import { setVoiceCode } from '../../services/checkout';
import type { ErrorCode } from '../../core/errors';
import { LINK_CODE_LIFETIME_MS } from '../../core/link-code';
import { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import { answerLinkConfirmation, issueLinkCode, pendingLinkConfirmation, queueLinkCodeSms, recordConsentRequest, redeemLinkCode, type LinkCodeRefusal } from '../../services/customers';
import { errorReply, reply, yesNoChoices, type Flow, type FlowContext } from '../context';
import { takePending } from '../dialog';
import { consentWording } from '../../core/consent';
import type { Reply } from '../turn';
import { removeSavedCard, savedCardOf, sendCardSetupLink, startCardSetup, type CardSetupByMessage } from '../../services/payments';

async function storeNewCode(ctx: FlowContext, code: string): Promise<Reply> {
  delete ctx.dialog.pending;
  if (!isWellFormedVoiceCode(code)) {
    ctx.dialog.pending = { kind: 'new-voice-code' };
    return reply(ctx, ctx.messages.codeMalformed(), { reprompt: ctx.messages.askNewCode() });
  }
  await setVoiceCode(ctx.customerId, code, ctx.settings.voiceCodePepper, ctx.now);
  return reply(ctx, [ctx.messages.codeSet(), ctx.messages.anythingElse()]);
}

/** Voice codes are set only on a text channel: anyone near a speaker could hear one being set by voice. */
export const setVoiceCodeFlow: Flow = {
  name: 'set-voice-code',
  canHandle: (ctx) => ctx.intent.name === 'SetVoiceCode',
  async handle(ctx) {
    if (ctx.turn.voice) return reply(ctx, [ctx.messages.setCodeByText(), ctx.messages.anythingElse()]);
    const code = ctx.intent.slots.code;
    if (code) return storeNewCode(ctx, code);
    ctx.dialog.pending = { kind: 'new-voice-code' };
    return reply(ctx, ctx.messages.askNewCode(), { reprompt: ctx.messages.askNewCode() });
  },
};

export const newVoiceCodeAnswerFlow: Flow = {
  name: 'new-voice-code-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'new-voice-code' && !ctx.turn.voice && typeof ctx.turn.text === 'string' && /^\s*\d[\d\s-]*$/.test(ctx.turn.text),
  handle: (ctx) => storeNewCode(ctx, ctx.turn.text!.replace(/\D/g, '')),
};

/**
 * Every way of changing consent ends here, whatever the channel: typed keywords and phrases (via
 * understand.ts) and voice intents alike. The record keeps where it was said, the exact words heard,
 * and the wording the customer agreed or objected to.
 */
export const consentFlow: Flow = {
  name: 'consent',
  canHandle: (ctx) => ctx.intent.name === 'Consent',
  async handle(ctx) {
    const { slots } = ctx.intent;
    const words = { granted: slots.consent === 'opt-in', scope: slots.consentScope ?? 'messages', byKeyword: slots.consentKeyword ?? false } as const;
    // Voice platforms hand over an intent, not the words: the source then says which request it was.
    const heard = ctx.turn.text?.trim();
    const source = heard ? `${ctx.turn.channel}: "${heard}"` : `${ctx.turn.channel} voice: ${words.granted ? 'opt-in' : 'opt-out'} (${words.scope})`;
    await recordConsentRequest(ctx.customerId, { ...words, channel: ctx.turn.channel, voice: ctx.turn.voice }, { kind: words.granted ? 'conversation' : 'stop', source, wording: consentWording(words) }, ctx.now);
    let answer;
    if (words.scope === 'marketing') answer = words.granted ? ctx.messages.optedIn() : ctx.messages.optedOut();
    else if (words.granted) answer = ctx.messages.messagesResumed();
    else answer = words.byKeyword && !ctx.turn.voice ? ctx.messages.messagesStoppedHere() : ctx.messages.messagesStopped();
    return reply(ctx, answer, { endSession: true });
  },
};

const LINK_CODE_REFUSALS: Record<Exclude<LinkCodeRefusal, 'malformed'>, ErrorCode> = {
  wrong: 'LINK_CODE_WRONG',
  locked: 'LINK_CODE_LOCKED',
  expired: 'LINK_CODE_EXPIRED',
  used: 'LINK_CODE_USED',
  throttled: 'LINK_CODE_THROTTLED',
};

/** How a channel is named to a shopper when a link must be confirmed (a channel missing here is named by its id). */
const CHANNEL_NAMES: Record<Channel, string> = {
  alexa: 'Alexa',
  google: 'Google Assistant',
  messenger: 'Messenger',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  sms: 'text message',
  wechat: 'WeChat',
  webchat: 'web chat',
};

export const channelName = (channel: Channel): string => CHANNEL_NAMES[channel] ?? channel;

function askToConfirmLink(ctx: FlowContext, codeId: Types.ObjectId, question: ReturnType<FlowContext['messages']['confirmLinkHere']>): Reply {
  ctx.dialog.pending = { kind: 'confirm-link', codeId: codeId.toHexString() };
  return reply(ctx, question, { choices: yesNoChoices(ctx), reprompt: question });
}

async function redeemCode(ctx: FlowContext, code: string): Promise<Reply> {
  // Where identities cost nothing (web chat), guesses are counted per network address instead.
  const sourceAddress = ctx.turn.sourceAddress ? `ip:${ctx.turn.sourceAddress}` : `${ctx.turn.channel}:${ctx.turn.channelUserId}`;
  const outcome = await redeemLinkCode(code, ctx.customerId, ctx.turn.channel, ctx.settings.linkCodePepper, ctx.now, sourceAddress);
  if (outcome.ok === 'confirm-here') return askToConfirmLink(ctx, outcome.codeId, ctx.messages.confirmLinkHere(channelName(outcome.otherChannel)));
  if (outcome.ok === 'confirm-there') return reply(ctx, ctx.messages.linkAwaitsConfirmation(channelName(outcome.confirmOn)));
  if (!outcome.ok) return outcome.reason === 'malformed' ? reply(ctx, ctx.messages.linkCodeMalformed()) : errorReply(ctx, LINK_CODE_REFUSALS[outcome.reason]);
  ctx.customerId = outcome.customerId;
  return reply(ctx, [outcome.alreadyLinked ? ctx.messages.alreadyLinked() : ctx.messages.accountLinked(), ctx.messages.anythingElse()]);
}

/** The established customer's yes or no to joining another channel's customer to their account. */
export const confirmLinkAnswerFlow: Flow = {
  name: 'confirm-link-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'confirm-link' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'confirm-link');
    const outcome = await answerLinkConfirmation(new Types.ObjectId(pending.codeId), ctx.customerId, ctx.intent.name === 'Yes', ctx.now);
    if (!outcome.ok) return reply(ctx, outcome.reason === 'declined' ? ctx.messages.linkDeclined() : ctx.messages.linkConfirmationExpired());
    ctx.customerId = outcome.customerId;
    return reply(ctx, [ctx.messages.accountLinked(), ctx.messages.anythingElse()]);
  },
};

/**
 * "link my account" gives a one-time code to use on another channel (or in the Alexa app's sign-in
 * page), or, when a join is waiting for this customer's yes, asks for it; "link <code>" on that other
 * channel joins the two customers (see services/customers/linking-service for who stays and who must confirm);
 * "text my link code to <number>" sends the code by SMS, so that number can join.
 */
export const linkAccountFlow: Flow = {
  name: 'link-account',
  canHandle: (ctx) => ctx.intent.name === 'LinkAccount',
  async handle(ctx) {
    const { code, phone } = ctx.intent.slots;
    if (code) return redeemCode(ctx, code);
    const waiting = phone ? null : await pendingLinkConfirmation(ctx.customerId, ctx.now);
    if (waiting) return askToConfirmLink(ctx, waiting.codeId, ctx.messages.confirmLinkThere(channelName(waiting.otherChannel)));
    const minutes = LINK_CODE_LIFETIME_MS / 60_000;
    const issued = await issueLinkCode(ctx.customerId, ctx.turn.channel, ctx.settings.linkCodePepper, ctx.now);
    if (phone) {
      const sms = reply({ ...ctx, turn: { ...ctx.turn, voice: false } }, ctx.messages.linkCodeSms(issued.code, ctx.settings.sellerName, minutes), { endSession: true }).text;
      await queueLinkCodeSms(ctx.customerId, issued.codeId, phone, sms, ctx.now);
      return reply(ctx, [ctx.messages.linkCodeTexted(phone.slice(-4), minutes), ctx.messages.anythingElse()]);
    }
    return reply(ctx, [ctx.messages.linkCodeIssued(issued.code, minutes), ctx.messages.anythingElse()], { sensitive: true });
  },
};

/** What a voice shopper hears after asking for the card-setup link (services/payments `sendCardSetupLink`). */
function cardLinkAnswer(ctx: FlowContext, sent: CardSetupByMessage | null) {
  switch (sent) {
    case 'sent':
      return ctx.messages.cardSetupLinkSent();
    case 'already-sent':
      return ctx.messages.cardSetupLinkAlreadySent();
    case 'daily-limit':
      return ctx.messages.cardSetupLinkLimit();
    default:
      return ctx.messages.addCardByChat();
  }
}

/**
 * "Add a card": Stripe's own page in setup mode, so the card never reaches us; its completion (the
 * webhook) saves the card. On voice the link cannot be shown: it goes to the customer's text channel
 * (once per window, a few a day), or, with no channel that could show it, the customer is pointed to a chat.
 * What is said hedges: the sender may still refuse the link (a closed window, a STOP), so the chat is named as the way if it never arrives.
 */
export const addCardFlow: Flow = {
  name: 'add-card',
  canHandle: (ctx) => ctx.intent.name === 'AddCard',
  async handle(ctx) {
    if (ctx.settings.payments.provider === 'off') return reply(ctx, [ctx.messages.noCardNeeded(), ctx.messages.anythingElse()]);
    if (ctx.turn.voice) {
      const sent = await sendCardSetupLink(ctx.customerId, ctx.settings, ctx.now);
      return reply(ctx, [cardLinkAnswer(ctx, sent), ctx.messages.anythingElse()]);
    }
    const setup = (await startCardSetup(ctx.customerId, ctx.settings, ctx.now))!;
    if (setup === 'daily-limit') return reply(ctx, [ctx.messages.cardSetupPageLimit(), ctx.messages.anythingElse()]);
    return reply(ctx, ctx.messages.cardSetupLink(setup.url), { link: { label: ctx.messages.labels.addCard, url: setup.url } });
  },
};

/** "Which card do you have?": brand and last four digits, nothing more. */
export const whichCardFlow: Flow = {
  name: 'which-card',
  canHandle: (ctx) => ctx.intent.name === 'WhichCard',
  async handle(ctx) {
    const card = savedCardOf(await ctx.work.customer());
    return reply(ctx, [card ? ctx.messages.savedCard(card) : ctx.messages.noCardSaved(), ctx.messages.anythingElse()]);
  },
};

/** "Remove my card": detached at Stripe, then forgotten here. */
export const removeCardFlow: Flow = {
  name: 'remove-card',
  canHandle: (ctx) => ctx.intent.name === 'RemoveCard',
  async handle(ctx) {
    const card = await removeSavedCard(await ctx.work.customer(), ctx.settings);
    if (!card) return reply(ctx, [ctx.messages.noCardSaved(), ctx.messages.anythingElse()]);
    return reply(ctx, [ctx.messages.cardRemoved(card), ctx.messages.anythingElse()]);
  },
};
