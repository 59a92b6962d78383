import { cityInterest } from '../../core/interests';
import { clipFreeText } from '../../core/free-text';
import { foldDiacritics } from '../../core/matching/normalize';
import { findEventSeries, type EventSeriesRecord } from '../../services/campaigns';
import { changeCustomerInterests, recordMarketingChoice } from '../../services/customers';
import { reply, type Flow, type FlowContext } from '../context';
import { takePending, type PendingOf } from '../dialog';
import type { Message } from '../format';
import type { Reply } from '../turn';
import { PAYLOADS } from '../understand';

/** Keyword sign-ups and the event dialog come by text on SMS and WhatsApp, as the whole message. */
const KEYWORD_CHANNELS = new Set(['sms', 'whatsapp']);

/** The whole message as one of these keywords (upper case), read from the settings the turn has: no database. */
function keywordIn(ctx: FlowContext, keywords: readonly string[]): string | null {
  if (!KEYWORD_CHANNELS.has(ctx.turn.channel) || !ctx.turn.text) return null;
  const word = clipFreeText(ctx.turn.text).trim().toUpperCase();
  return keywords.includes(word) ? word : null;
}

const signupKeyword = (ctx: FlowContext) => keywordIn(ctx, ctx.settings.signupKeywords);
const eventKeyword = (ctx: FlowContext) => keywordIn(ctx, ctx.settings.eventKeywords);

/**
 * The marketing opt-in a keyword asks for. Texting the sign-up keyword ("JOIN") on WhatsApp is itself
 * the request to sign up, so it is recorded at once. Everywhere else (SMS, double opt-in by law and
 * carrier rules) and after the event dialog's city pick (the shopper asked for an event, not for
 * offers) the answer is the consent wording, and nothing is recorded until the shopper confirms with
 * YES. Either way the record keeps the words agreed to, the keyword (and city) as its source, and
 * the time; a city also becomes the customer's interest, so campaigns can reach that city.
 */
async function askOrRecordSignup(ctx: FlowContext, keyword: string, city?: string): Promise<Message> {
  const { sellerName } = ctx.settings;
  const keywordIsTheRequest = ctx.turn.channel === 'whatsapp' && city === undefined;
  if (!keywordIsTheRequest) {
    // By text the ask names SMS and its charges; elsewhere (the event dialog on WhatsApp) it names no channel but this one.
    const wording = ctx.turn.channel === 'sms' ? ctx.messages.signupAsk(sellerName) : ctx.messages.signupAskHere(sellerName);
    ctx.dialog.pending = { kind: 'marketing-signup', keyword, wording, city };
    return () => wording;
  }
  // The keyword is the request; the confirmation says what it signed up for and how to leave.
  const confirmed = ctx.messages.signupConfirmed(sellerName);
  await recordSignup(ctx, `${ctx.turn.channel} ${signupSource(keyword, city)}`, confirmed, city);
  return () => confirmed;
}

function signupSource(keyword: string, city: string | undefined): string {
  return city ? `keyword ${keyword} city ${city}` : `keyword ${keyword}`;
}

async function recordSignup(ctx: FlowContext, source: string, wording: string, city: string | undefined): Promise<void> {
  await recordMarketingChoice(ctx.customerId, ctx.turn.channel, true, { kind: 'keyword', source, wording }, ctx.now);
  // A customer already at the interest limit keeps their opt-in; the city is simply not added.
  if (city) await changeCustomerInterests(ctx.customerId, { add: [cityInterest(city)] });
}

/** A reply that leaves a sign-up waiting for its YES carries its consent wording: sent whole. */
const consentAskIf = (ctx: FlowContext) => (ctx.dialog.pending?.kind === 'marketing-signup' ? { consentAsk: true } : {});

/** A sign-up keyword ("JOIN"). */
export const keywordSignupFlow: Flow = {
  name: 'keyword-signup',
  canHandle: (ctx) => signupKeyword(ctx) !== null,
  async handle(ctx) {
    const answer = await askOrRecordSignup(ctx, signupKeyword(ctx)!);
    return reply(ctx, answer, consentAskIf(ctx));
  },
};

/** The YES (or no) to a sign-up's consent wording (SMS keywords, and the event dialog's city pick everywhere). */
export const signupAnswerFlow: Flow = {
  name: 'signup-answer',
  canHandle: (ctx) => ctx.dialog.pending?.kind === 'marketing-signup' && (ctx.intent.name === 'Yes' || ctx.intent.name === 'No'),
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'marketing-signup');
    if (ctx.intent.name === 'No') return reply(ctx, ctx.messages.signupDeclined());
    await recordSignup(ctx, `${ctx.turn.channel} ${signupSource(pending.keyword, pending.city)}, confirmed YES`, pending.wording, pending.city);
    const confirmed = ctx.messages.signupConfirmed(ctx.settings.sellerName);
    return reply(ctx, () => confirmed);
  },
};

/** The cities as choices: buttons or a list where the channel has them, numbered text elsewhere. */
function askCity(ctx: FlowContext, keyword: string, cities: string[], askedAgain: boolean, message: Message): Reply {
  ctx.dialog.pending = { kind: 'event-city', keyword, cities, askedAgain };
  return reply(ctx, message, { choices: cities.map((city, index) => ({ id: PAYLOADS.city(index), label: city })) });
}

/** An event keyword ("EVENTS"): its series' cities to pick from. One read, by the keyword, only when it is texted. */
export const eventKeywordFlow: Flow = {
  name: 'event-keyword',
  canHandle: (ctx) => eventKeyword(ctx) !== null,
  async handle(ctx) {
    const keyword = eventKeyword(ctx)!;
    const series = await findEventSeries(keyword);
    if (!series || series.cities.length === 0) return reply(ctx, ctx.messages.noEvents());
    return askCity(ctx, keyword, series.cities.map((entry) => entry.city), false, ctx.messages.eventCityAsk());
  },
};

const comparable = (text: string) => foldDiacritics(text.normalize('NFKC').toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The city picked: its button or number, its name, or a message naming exactly one of them ("lisbon please"). */
function pickedCity(ctx: FlowContext, pending: PendingOf<'event-city'>): string | null {
  const choice = /^CITY:(\d{1,2})$/.exec(ctx.intent.slots.choiceId ?? '');
  if (choice) return pending.cities[Number(choice[1])] ?? null;
  const said = comparable(clipFreeText(ctx.turn.text ?? ''));
  if (!said) return null;
  const exact = pending.cities.find((city) => comparable(city) === said);
  if (exact) return exact;
  const named = pending.cities.filter((city) => ` ${said} `.includes(` ${comparable(city)} `));
  return named.length === 1 ? named[0]! : null;
}

/** Words that are not a city but a request of their own: the keywords, which start over. */
const startsOver = (ctx: FlowContext) => signupKeyword(ctx) !== null || eventKeyword(ctx) !== null;

/** What a wrong answer to "which city?" looks like: anything the shopper did not ask as a request of its own. */
const CITY_ANSWER_INTENTS = new Set(['Select', 'Browse', 'Fallback', 'AddToCart', 'No', 'Stop']);

/**
 * The answer to "which city?": the city's event, then the sign-up's consent ask (recorded only on YES).
 * A name it does not know is asked again once, with the list; after that, or a no, the dialog ends.
 * Other requests ("my order status") leave the dialog and are answered.
 */
export const eventCityFlow: Flow = {
  name: 'event-city',
  canHandle: (ctx) => {
    const pending = ctx.dialog.pending;
    if (pending?.kind !== 'event-city' || startsOver(ctx)) return false;
    return pickedCity(ctx, pending) !== null || CITY_ANSWER_INTENTS.has(ctx.intent.name);
  },
  async handle(ctx) {
    const pending = takePending(ctx.dialog, 'event-city');
    const city = pickedCity(ctx, pending);
    if (!city) {
      if (ctx.intent.name === 'No' || ctx.intent.name === 'Stop') return reply(ctx, ctx.messages.eventsLater(pending.keyword));
      if (pending.askedAgain) return reply(ctx, ctx.messages.eventCityStillUnknown(pending.keyword));
      return askCity(ctx, pending.keyword, pending.cities, true, ctx.messages.eventCityUnknown());
    }
    // Read again rather than kept in the session: the shop may have changed the event since the list went out.
    const entry = cityEntry(await findEventSeries(pending.keyword), city);
    if (!entry) return reply(ctx, ctx.messages.noEvents());
    const [year, month, day] = entry.event.date.split('-').map(Number) as [number, number, number];
    const details = ctx.messages.eventDetails(entry.city, { ...entry.event, day: { year, month, day } });
    const signup = await askOrRecordSignup(ctx, pending.keyword, entry.city);
    return reply(ctx, [details, signup], consentAskIf(ctx));
  },
};

function cityEntry(series: EventSeriesRecord | null, city: string) {
  return series?.cities.find((entry) => entry.city === city) ?? null;
}
