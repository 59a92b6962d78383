/**
 * Consent rules, pure: what a customer's words mean for consent, which records a choice appends, and
 * whether a message may be sent given the records. The database side is store/consent-store.ts.
 *
 * Transactional messages (order and service updates) need no opt-in but stop on an opt-out;
 * marketing needs an explicit opt-in and stops on any opt-out.
 */

import { CAMPAIGN_CHANNELS } from './campaign';

export const CONSENT_PURPOSES = ['transactional', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** A record for this "channel" applies to every channel: an opt-out said anywhere is honoured everywhere. */
export const EVERY_CHANNEL = 'all';

/**
 * How a decision came about, given by whoever records it and counted for insights under it (the
 * dashboard's opt-in and opt-out sources): said in a conversation (`stop` for an opt-out said there
 * or by a carrier keyword), a sign-up keyword, the question after an order, the carrier's report of
 * an opt-out, a WeChat follow or unfollow, a staff import. A campaign's one-tap opt-out link is
 * counted under the campaign instead.
 */
export type ConsentSourceKind = 'conversation' | 'stop' | 'keyword' | 'post-order' | 'carrier' | 'follow' | 'admin';

/** Evidence a decision is recorded with: how it came about, where and how it was given (kept as said), and the words agreed to. */
export type ConsentEvidence = ({ kind: ConsentSourceKind } | { kind: 'link'; campaignId: string }) & {
  source: string;
  wording: string;
};

/** What the customer asked for: all messages (keywords, "stop sending me messages") or marketing only. */
export type ConsentScope = 'messages' | 'marketing';

export interface ConsentRequest {
  granted: boolean;
  scope: ConsentScope;
  /** A bare keyword such as STOP acts on the channel it was sent on, as carriers do for SMS. */
  byKeyword: boolean;
  /** Where it was said. */
  channel: string;
  voice: boolean;
}

export interface ConsentChange {
  channel: string;
  purpose: ConsentPurpose;
  granted: boolean;
}

/**
 * The records a choice appends. Opt-outs are generous (a phrase or anything said by voice, where no
 * message arrives anyway, applies to every channel); opt-ins are narrow: text opt-ins apply where they
 * were typed, and resuming messages never switches marketing back on, which needs its own opt-in.
 */
export function consentChanges(request: ConsentRequest): ConsentChange[] {
  const everywhere = request.voice || (!request.granted && !request.byKeyword);
  const channel = everywhere ? EVERY_CHANNEL : request.channel;
  let purposes: ConsentPurpose[];
  if (request.scope === 'marketing') purposes = ['marketing'];
  else purposes = request.granted ? ['transactional'] : ['transactional', 'marketing'];
  return purposes.map((purpose) => ({ channel, purpose, granted: request.granted }));
}

export interface ConsentFact {
  channel: string;
  purpose: string;
  granted: boolean;
  recordedAt: Date;
}

/**
 * Channels whose marketing needs an opt-in given for that channel: every channel campaigns use (SMS
 * with its double opt-in, WhatsApp, which Meta requires to be opted in to by WhatsApp, Messenger and
 * e-mail). An every-channel opt-in ("send me offers" said to a voice assistant) does not open them; an
 * every-channel opt-out still closes them.
 */
const OWN_MARKETING_OPT_IN_CHANNELS: ReadonlySet<string> = new Set(CAMPAIGN_CHANNELS);

/** Whether this record has a say on this channel and purpose. */
function bearsOn(record: ConsentFact, channel: string, purpose: ConsentPurpose): boolean {
  if (record.purpose !== purpose) return false;
  if (record.channel === channel) return true;
  if (record.channel !== EVERY_CHANNEL) return false;
  return !(record.granted && purpose === 'marketing' && OWN_MARKETING_OPT_IN_CHANNELS.has(channel));
}

/**
 * Whether a message of this purpose may go to this channel: the newest record for the channel or for
 * every channel decides (ties go to the later one in the list; an every-channel marketing opt-in
 * has no say on SMS and e-mail); with none, transactional may and marketing may not.
 */
export function consentAllows(records: readonly ConsentFact[], channel: string, purpose: ConsentPurpose): boolean {
  const newest = newestDecision(records, channel, purpose);
  if (!newest) return purpose === 'transactional';
  return newest.granted;
}

/** Whether the customer said no to this purpose on this channel (or everywhere), and has not said yes since: an explicit no, not merely no yes. */
export function consentRefuses(records: readonly ConsentFact[], channel: string, purpose: ConsentPurpose): boolean {
  return newestDecision(records, channel, purpose)?.granted === false;
}

function newestDecision(records: readonly ConsentFact[], channel: string, purpose: ConsentPurpose): ConsentFact | undefined {
  let newest: ConsentFact | undefined;
  for (const record of records) {
    if (!bearsOn(record, channel, purpose)) continue;
    if (!newest || record.recordedAt.getTime() >= newest.recordedAt.getTime()) newest = record;
  }
  return newest;
}

/**
 * The carrier's whole-message keywords (Twilio's defaults for long codes and toll-free SMS; Advanced
 * Opt-Out can customise them). Twilio acts on them itself before the webhook; reading them here lets us
 * record the consent and not answer them as commerce turns. Whole message only: "stop please" or "stop
 * the order" is not a keyword.
 */
export type CarrierKeyword = 'opt-out' | 'opt-in' | 'help';

/** pt-BR PARAR, SAIR; it-IT BASTA, DISISCRIVI; zh-CN 停止, 退订, TD (China's usual "reply TD to unsubscribe"); ro-RO DEZABONARE. */
const LOCALIZED_OPT_OUT_KEYWORDS = ['PARAR', 'SAIR', 'BASTA', 'DISISCRIVI', '停止', '退订', 'TD', 'DEZABONARE'];
/** In a chat, as CANCEL and QUIT, SAIR ("exit") ends a dialogue and TD is too short to be sure of: the others opt out there too. */
const CHAT_OPT_OUT_KEYWORDS = ['parar', 'basta', 'disiscrivi', '停止', '退订', 'dezabonare'];
const LOCALIZED_HELP_KEYWORDS = ['AJUDA', 'AIUTO', '帮助', 'POMOC', 'AJUTOR'];

const CARRIER_KEYWORDS = new Map<string, CarrierKeyword>([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map((word) => [word, 'opt-out'] as const),
  ...['START', 'UNSTOP', 'YES'].map((word) => [word, 'opt-in'] as const),
  ...['HELP', 'INFO'].map((word) => [word, 'help'] as const),
  // Issue 21: the usual words in the shop's other languages. Twilio acts only on the English defaults by
  // itself; these also need adding as custom keywords in the Messaging Service's Advanced Opt-Out so the
  // carrier side agrees (README). STOP stays valid everywhere, and is also what Polish and Romanian shoppers send.
  ...LOCALIZED_OPT_OUT_KEYWORDS.map((word) => [word, 'opt-out'] as const),
  ...LOCALIZED_HELP_KEYWORDS.map((word) => [word, 'help'] as const),
]);

export function carrierKeywordIn(body: string | null | undefined): CarrierKeyword | null {
  if (!body) return null;
  return CARRIER_KEYWORDS.get(body.trim().toUpperCase()) ?? null;
}

/** Before the conversation, on a channel where an opt-out silences even replies: what to record, and whether to answer. */
export interface KeywordOutcome {
  /** The subscription choice to record for the channel, if any. */
  record: boolean | null;
  answer: 'nothing' | 'help' | 'turn';
}

/**
 * STOP records an opt-out and START an opt-in, neither answered (the carrier confirms them). YES is
 * also how a customer confirms a purchase, so it is an opt-in only while the number is opted out. An
 * opted-out customer gets no answer, except to words that opt back in (`optingIn`), which the
 * conversation records.
 */
export function keywordOutcome(keyword: CarrierKeyword | null, body: string, optedOut: boolean, optingIn: boolean): KeywordOutcome {
  if (keyword === 'opt-out') return { record: false, answer: 'nothing' };
  if (keyword === 'opt-in' && (body.trim().toUpperCase() !== 'YES' || optedOut)) return { record: true, answer: 'nothing' };
  if (optedOut) return { record: null, answer: optingIn ? 'turn' : 'nothing' };
  if (keyword === 'help') return { record: null, answer: 'help' };
  return { record: null, answer: 'turn' };
}

/**
 * Whole-message keywords on other text channels (the carrier's list above applies where the channel
 * says so). CANCEL, QUIT and END are left out here: in a chat they end a
 * dialogue, and treating them as an opt-out would silence customers who only meant "never mind".
 */
const OPT_OUT_KEYWORDS = new Set(['stop', 'stopall', 'stop all', 'unsubscribe', 'optout', 'opt out', 'revoke', ...CHAT_OPT_OUT_KEYWORDS]);
const OPT_IN_KEYWORDS = new Set(['start', 'unstop', 'resume']);

const STOP_MESSAGES =
  /^(please )?(stop (sending( me)?|texting|messaging) (me )?((any|all) )?(more )?(messages|notifications|texts|updates|order updates)?|stop (all )?notifications|stop messaging me|stop texting me|(turn|switch) off (all )?(notifications|messages)|no more (messages|notifications)|(don't|do not) (send me|message me)( any more| anymore)?( messages| notifications)?( any more| anymore)?|i don't want any more (messages|notifications))( please)?$/;
const STOP_MARKETING =
  /^(please )?(stop (sending( me)? )?(offers|marketing|marketing messages|promotions|newsletters?)|no more (offers|marketing|promotions)|unsubscribe( me)? from (offers|marketing|promotions|the newsletter|your (mailing )?list)|take me off your (mailing )?list|remove me from your (mailing )?list)( please)?$/;
const START_MESSAGES = /^(please )?(start (sending|messaging) me( messages| notifications| updates)?( again)?|(turn|switch) on (notifications|messages)|resume (notifications|messages|order updates)|(turn|switch) (notifications|messages) back on|send me (messages|order updates|notifications))( again)?( please)?$/;
const START_MARKETING = /^(please )?(subscribe( me)?|opt in|opt me in|send me offers|sign me up( for offers)?|i want (to get )?offers)( please)?$/;

export type ConsentWords = Pick<ConsentRequest, 'granted' | 'scope' | 'byKeyword'>;

/** Typed (or transcribed) words that change consent, normalised to lowercase without end punctuation. */
export function consentWordsIn(text: string): ConsentWords | null {
  if (OPT_OUT_KEYWORDS.has(text)) return { granted: false, scope: 'messages', byKeyword: true };
  if (OPT_IN_KEYWORDS.has(text)) return { granted: true, scope: 'messages', byKeyword: true };
  if (STOP_MARKETING.test(text)) return { granted: false, scope: 'marketing', byKeyword: false };
  if (STOP_MESSAGES.test(text)) return { granted: false, scope: 'messages', byKeyword: false };
  if (START_MESSAGES.test(text)) return { granted: true, scope: 'messages', byKeyword: false };
  if (START_MARKETING.test(text)) return { granted: true, scope: 'marketing', byKeyword: false };
  return null;
}

/** The wording stored with each decision: what the customer agreed or objected to. */
export const CONSENT_WORDING = {
  stopMessages: 'Stop sending me messages, order updates included.',
  stopMessagesHere: 'Stop sending me messages on this channel, order updates included. Send START to resume order updates.',
  stopMarketing: 'Stop sending me marketing messages.',
  startMessages: 'Send me order and service updates again. Send STOP at any time to stop them.',
  startMarketing: 'Send me offers and news. Reply STOP at any time to opt out.',
} as const;

export function consentWording(words: ConsentWords): string {
  if (words.scope === 'marketing') return words.granted ? CONSENT_WORDING.startMarketing : CONSENT_WORDING.stopMarketing;
  if (words.granted) return CONSENT_WORDING.startMessages;
  return words.byKeyword ? CONSENT_WORDING.stopMessagesHere : CONSENT_WORDING.stopMessages;
}
