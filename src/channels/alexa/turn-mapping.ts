import { parseOrderNumber } from '../../core/order-rules';
import type { Intent, Slots, Turn } from '../../conversation/turn';
import type { AlexaEnvelope, AlexaSlot } from './envelope';
import { mappedAlexaIntentNames, neutralIntentFor } from '../adapter';

/** The id Alexa's entity resolution matched (our slot value ids are skus and category names), if any. */
function resolvedId(slot: AlexaSlot | undefined): string | undefined {
  const authority = slot?.resolutions?.resolutionsPerAuthority?.find((a) => a.status.code === 'ER_SUCCESS_MATCH');
  return authority?.values?.[0]?.value.id;
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,7}$/.test(value)) return undefined;
  return Number(value);
}

/** Alexa slots to neutral slots, by the vocabulary's declaration of what each slot fills. */
function slotsFor(intent: NonNullable<AlexaEnvelope['request']['intent']>): Intent | null {
  const definition = neutralIntentFor(intent.name);
  if (!definition) return null;
  const slots: Slots = { ...definition.fixed };
  for (const declared of definition.slots) {
    const slot = intent.slots?.[declared.name];
    if (!slot?.value) continue;
    switch (declared.maps) {
      case 'product':
        slots.product = slot.value;
        slots.sku = resolvedId(slot);
        break;
      case 'category':
        slots.category = resolvedId(slot) ?? slot.value;
        break;
      case 'orderNumber':
        slots.orderNumber = parseOrderNumber(slot.value) ?? undefined;
        break;
      case 'budgetMinor': {
        // Said in whole dollars or pounds ("under thirty dollars").
        const whole = numberOf(slot.value);
        if (whole !== undefined) slots.budgetMinor = whole * 100;
        break;
      }
      case 'quantity':
      case 'age': {
        const value = numberOf(slot.value);
        if (value !== undefined && value > 0) slots[declared.maps] = value;
        break;
      }
      case 'code':
      case 'date':
      case 'discountCode':
        slots[declared.maps] = slot.value;
        break;
    }
  }
  // The answer to a Dialog.ConfirmIntent on checkout arrives as the same intent with a status.
  if (definition.neutral === 'Checkout' && intent.confirmationStatus === 'CONFIRMED') return { name: 'Yes', slots: {} };
  if (definition.neutral === 'Checkout' && intent.confirmationStatus === 'DENIED') return { name: 'No', slots: {} };
  return { name: definition.neutral, slots };
}

/** The intents `toTurn` maps to their own meaning; any other intent name becomes Fallback. */
export function intentsWithMeaning(): string[] {
  return mappedAlexaIntentNames().filter((name) => neutralIntentFor(name) !== null);
}

export function toTurn(envelope: AlexaEnvelope): Turn {
  const { request, context } = envelope;
  let intent: Intent;
  if (request.type === 'LaunchRequest') intent = { name: 'Launch', slots: {} };
  else if (request.type === 'SessionEndedRequest') intent = { name: 'Silence', slots: {} };
  else intent = (request.intent && slotsFor(request.intent)) ?? { name: 'Fallback', slots: {} };
  return {
    channel: 'alexa',
    channelUserId: context.System.user.userId,
    locale: request.locale ?? 'en-US',
    languageFromChannel: true,
    intent,
    voice: true,
    speakerRecognized: !!context.System.person?.personId,
    accessToken: context.System.user.accessToken ?? null,
    eventId: request.requestId,
  };
}
