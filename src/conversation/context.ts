import type { Types } from 'mongoose';
import type { ErrorCode } from '../core/errors';
import type { CommerceSettings } from '../services/settings';
import type { SessionRecord } from '../store/session-store';
import type { TurnUnitOfWork } from '../store/unit-of-work';
import type { DialogState } from './dialog';
import { escapeSsml, formatterFor, type Message } from './format';
import { messagesFor, type Messages } from './locales';
import { PAYLOADS } from './understand';
import type { Choice, Intent, Reply, Turn } from './turn';

export interface FlowContext {
  turn: Turn;
  intent: Intent;
  session: SessionRecord;
  /** The turn's customer, session and cart, loaded once and saved once. */
  work: TurnUnitOfWork;
  dialog: DialogState;
  /** Starts as the work's customer; account linking may join this channel user to another one. */
  customerId: Types.ObjectId;
  settings: CommerceSettings;
  messages: Messages;
  now: Date;
}

/** One step of the dialogue, in ask-sdk's shape: the first flow whose canHandle is true answers. */
export interface Flow {
  name: string;
  canHandle(ctx: FlowContext): boolean;
  handle(ctx: FlowContext): Promise<Reply>;
}

export type ReplyExtras = Omit<Partial<Reply>, 'speech' | 'text' | 'reprompt'> & { reprompt?: Message };

/**
 * Builds a Reply from one message, said once for the ear and once for the eye. A reply that leaves
 * the session open on voice always carries a reprompt (certification requires it).
 */
export function reply(ctx: Pick<FlowContext, 'turn' | 'settings' | 'messages'> & { work?: { timeZone: string } }, message: Message | Message[], extras: ReplyExtras = {}): Reply {
  const parts = Array.isArray(message) ? message : [message];
  const formatting = { currency: ctx.settings.pricing.currency, locale: ctx.turn.locale, timeZone: ctx.work?.timeZone ?? 'UTC' };
  const speechSay = formatterFor({ voice: true, ...formatting });
  const textSay = formatterFor({ voice: false, ...formatting });
  const endSession = extras.endSession ?? false;
  const repromptMessage = extras.reprompt ?? (endSession ? undefined : ctx.messages.welcomeReprompt());
  const { reprompt: _ignored, ...rest } = extras;
  return {
    ...rest,
    locale: ctx.turn.locale,
    speech: escapeSsml(parts.map((part) => part(speechSay)).join(' ')),
    text: parts.map((part) => part(textSay)).join(' '),
    reprompt: repromptMessage ? escapeSsml(repromptMessage(speechSay)) : undefined,
    endSession,
  };
}

export function errorMessage(messages: Messages, code: ErrorCode): Message {
  return () => messages.errors[code];
}

export function errorReply(ctx: FlowContext, code: ErrorCode, extras: ReplyExtras = {}): Reply {
  return reply(ctx, errorMessage(ctx.messages, code), { errorCode: code, ...extras });
}

export function messagesForTurn(turn: Turn): Messages {
  return messagesFor(turn.locale);
}

/** The buttons (or numbered options) offered with every yes-or-no question. */
export function yesNoChoices(ctx: Pick<FlowContext, 'messages'>): Choice[] {
  return [
    { id: PAYLOADS.yes, label: ctx.messages.labels.yes },
    { id: PAYLOADS.no, label: ctx.messages.labels.no },
  ];
}
