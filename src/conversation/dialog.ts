import type { CheckoutGuard } from '../services/checkout';
import type { Choice, ProductQuestionKind } from './turn';

/** What the conversation is waiting for, kept in the session between turns. */
/** What to do with a product once the customer has named it; 'alert' is "tell me when it's back". */
export type ProductAction = 'add' | 'remove' | 'alert' | ProductQuestionKind;

export type Pending =
  | { kind: 'pick-product'; candidates: { sku: string; name: string }[]; quantity: number | null; then: ProductAction }
  | { kind: 'elicit-product'; quantity: number | null; then: ProductAction }
  | { kind: 'reorder'; orderNumber: string; lines: { sku: string; quantity: number }[] }
  | { kind: 'cancel-order'; orderNumber: string }
  | { kind: 'new-voice-code' }
  /** A join of two customers waiting for this (established) customer's yes. */
  | { kind: 'confirm-link'; codeId: string }
  /** A keyword sign-up on SMS waiting for its confirming YES, with the words the shopper is agreeing to. */
  | { kind: 'marketing-signup'; keyword: string; wording: string; city?: string }
  /** The event dialog's list of cities (EVENT_KEYWORDS), asked once more after a name it did not know. */
  | { kind: 'event-city'; keyword: string; cities: string[]; askedAgain: boolean }
  /** After an order: "would you like offers here?", with the words asked. */
  | { kind: 'offers-ask'; wording: string }
  | { kind: 'cart-reminder-ask' }
  /** A detractor's NPS score was recorded: their next message says what could have been better. */
  | { kind: 'nps-comment'; orderNumber: string }
  | { kind: 'gift'; age?: number; budgetMinor?: number; category?: string; asked: 'age' | 'budget' | 'category' };

export interface DialogState {
  guard?: CheckoutGuard;
  pending?: Pending;
  lastChoices?: Choice[];
  /** When the dialog last moved; a stale dialog (30 minutes idle) is forgotten. */
  updatedAt?: number;
}

export type PendingOf<K extends Pending['kind']> = Extract<Pending, { kind: K }>;

/** The pending question of that kind, taken out of the dialog because it is being answered now. */
export function takePending<K extends Pending['kind']>(dialog: DialogState, kind: K): PendingOf<K> {
  const pending = dialog.pending;
  if (pending?.kind !== kind) throw new Error(`no pending ${kind} to answer`);
  delete dialog.pending;
  return pending as PendingOf<K>;
}

export const DIALOG_IDLE_MS = 30 * 60_000;

export function freshDialog(stored: unknown, now: number): DialogState {
  const dialog = (stored ?? {}) as DialogState;
  if (!dialog.updatedAt || now - dialog.updatedAt > DIALOG_IDLE_MS) return {};
  return dialog;
}
