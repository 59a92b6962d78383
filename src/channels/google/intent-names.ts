import { INTENT_DEFINITIONS, type IntentDefinition } from '../adapter';

/**
 * Dialogflow names for the vocabulary's senses: the `dialogflow` name where the vocabulary gives one
 * (Amazon's built-ins become Dialogflow's own default intents or plain custom ones, since Dialogflow has
 * no built-in yes, no, help or stop), else the Alexa name (`AddToCartIntent`).
 */
export const WELCOME_INTENT = 'Default Welcome Intent';
export const FALLBACK_INTENT = 'Default Fallback Intent';
/** Dialogflow-only: a tap on an Assistant carousel or list item arrives as the `actions_intent_OPTION` event. */
export const SELECT_INTENT = 'SelectIntent';
export const OPTION_EVENT = 'actions_intent_OPTION';

export function dialogflowIntentName(definition: IntentDefinition): string {
  return definition.dialogflow ?? definition.alexa;
}

/** Every Dialogflow intent name with the vocabulary senses it is generated from (several for StopIntent). */
export function definitionsByDialogflowName(): Map<string, IntentDefinition[]> {
  const byName = new Map<string, IntentDefinition[]>();
  for (const definition of INTENT_DEFINITIONS) {
    const name = dialogflowIntentName(definition);
    byName.set(name, [...(byName.get(name) ?? []), definition]);
  }
  return byName;
}
