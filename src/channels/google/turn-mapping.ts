import { parseOrderNumber } from '../../core/order-rules';
import { MAX_SPOKEN_NUMBER } from '../../core/free-text';
import type { Intent, Slots, Turn } from '../../conversation/turn';
import { ANSWER_CONTEXTS } from './capabilities';
import { FALLBACK_INTENT, SELECT_INTENT, definitionsByDialogflowName } from './intent-names';
import { contextName, fromAssistant, sessionId, type WebhookRequest } from './webhook-request';
import { type SlotDefinition, understandPayload, understandText } from '../adapter';

const DEFINITIONS = definitionsByDialogflowName();

/** Dialogflow sends "" for a parameter that was not filled, and numbers as numbers (the library makes them strings). */
function present(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function positiveWhole(value: string | undefined): number | undefined {
  const number = value === undefined ? NaN : Number(value);
  return Number.isInteger(number) && number > 0 && number <= MAX_SPOKEN_NUMBER ? number : undefined;
}

/**
 * What was actually said for a parameter: Dialogflow repeats `<name>.original` in the parameters of the
 * request's output contexts. Our product entity's values are skus, so browsing needs the words.
 */
function originalText(request: WebhookRequest, parameter: string): string | undefined {
  for (const context of request.queryResult.outputContexts) {
    const original = present(context.parameters?.[`${parameter}.original`]);
    if (original) return original;
  }
  return undefined;
}

function fillSlot(slots: Slots, declared: SlotDefinition, raw: string, request: WebhookRequest): void {
  switch (declared.maps) {
    case 'product':
      // The product entity's reference values are skus; a value Dialogflow could not resolve comes as the words.
      slots.sku = raw;
      slots.product = originalText(request, declared.name) ?? raw;
      break;
    case 'category':
      slots.category = raw;
      break;
    case 'orderNumber':
      slots.orderNumber = parseOrderNumber(raw) ?? undefined;
      break;
    case 'budgetMinor': {
      // Said in whole dollars or pounds ("under thirty dollars").
      const whole = positiveWhole(raw);
      if (whole !== undefined) slots.budgetMinor = whole * 100;
      break;
    }
    case 'quantity':
    case 'age': {
      const value = positiveWhole(raw);
      if (value !== undefined) slots[declared.maps] = value;
      break;
    }
    case 'code': {
      // The agent's voice-code entity keeps the digits as written ("0815", "4 3 2 1"); a number would drop a leading zero.
      const digits = raw.replace(/[\s-]/g, '');
      if (/^\d{4}$/.test(digits)) slots.code = digits;
      break;
    }
    case 'discountCode':
      slots.discountCode = raw;
      break;
    case 'date':
      // @sys.date is an ISO timestamp ("2026-11-17T12:00:00-05:00"); the date parser reads its date part.
      slots.date = raw;
      break;
  }
}

function mappedIntent(request: WebhookRequest): Intent | null {
  const displayName = request.queryResult.intent.displayName;
  const [definition] = DEFINITIONS.get(displayName) ?? [];
  if (!definition || displayName === FALLBACK_INTENT) return null;
  const slots: Slots = { ...definition.fixed };
  for (const declared of definition.slots) {
    const raw = present(request.queryResult.parameters[declared.name]);
    if (raw !== undefined) fillSlot(slots, declared, raw, request);
  }
  return { name: definition.neutral, slots };
}

/** The key of the carousel or list item tapped on the Assistant (`actions.intent.OPTION`'s argument). */
function selectedOption(request: WebhookRequest): string | undefined {
  const inputs = request.originalDetectIntentRequest?.payload?.inputs;
  if (!Array.isArray(inputs)) return undefined;
  for (const input of inputs as { arguments?: { name?: string; textValue?: string }[] }[]) {
    const option = input.arguments?.find((argument) => argument.name === 'OPTION');
    if (typeof option?.textValue === 'string') return option.textValue;
  }
  return undefined;
}

/** Contexts still alive in this request (a lifespan of 0 is Dialogflow saying it has just ended). */
function activeContexts(request: WebhookRequest): Set<string> {
  return new Set(request.queryResult.outputContexts.filter((context) => (context.lifespanCount ?? 1) > 0).map((context) => contextName(context.name)));
}

/** The Assistant's user id where the integration still sends one; otherwise the caller's session id. */
function channelUserId(request: WebhookRequest): string {
  const user = request.originalDetectIntentRequest?.payload?.user as { userId?: unknown } | undefined;
  return typeof user?.userId === 'string' && user.userId !== '' ? user.userId : sessionId(request);
}

/** Dialogflow language codes ("en", "en-gb") as the locales the conversation knows ("en-US", "en-GB"). */
export function localeOf(languageCode: string | undefined): string {
  const [language = 'en', region] = (languageCode ?? 'en').split('-');
  if (!region) return language.toLowerCase() === 'en' ? 'en-US' : language.toLowerCase();
  return `${language.toLowerCase()}-${region.toUpperCase()}`;
}

/**
 * A Dialogflow ES webhook request as a neutral Turn. What we asked last comes first: while
 * `awaiting_voice_code` or `awaiting_yes_no` is alive, a bare "4321" or "yes" is that answer whatever
 * intent Dialogflow matched. A carousel tap carries a payload; the fallback intent hands over the words.
 */
export function toTurn(request: WebhookRequest, options: { requireVoiceCode: boolean } = { requireVoiceCode: true }): Turn {
  const queryText = request.queryResult.queryText;
  const base = {
    channel: 'google' as const,
    channelUserId: channelUserId(request),
    locale: localeOf(request.queryResult.languageCode),
    languageFromChannel: true,
    voice: fromAssistant(request),
    requireVoiceCode: options.requireVoiceCode,
    eventId: request.responseId,
  };
  const active = activeContexts(request);
  if (active.has(ANSWER_CONTEXTS.voiceCode)) {
    const answer = understandText(queryText, { awaitingCode: true, lastChoices: [] });
    if (answer.name === 'VoiceCode') return { ...base, intent: answer };
  }
  if (active.has(ANSWER_CONTEXTS.yesNo)) {
    const answer = understandText(queryText, { awaitingCode: false, lastChoices: [] });
    if (answer.name === 'Yes' || answer.name === 'No') return { ...base, intent: answer };
  }
  if (request.queryResult.intent.displayName === SELECT_INTENT) {
    const option = selectedOption(request);
    const picked = option ? understandPayload(option) : null;
    if (picked) return { ...base, intent: picked };
  }
  const intent = mappedIntent(request);
  if (intent) return { ...base, intent };
  // The fallback intent, or one this agent version does not know: a button's postback payload, else the words.
  const payload = understandPayload(queryText.trim());
  return payload ? { ...base, intent: payload } : { ...base, text: queryText };
}
