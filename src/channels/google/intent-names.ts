import { INTENT_DEFINITIONS, type IntentDefinition } from '../../conversation/language-model';

/**
 * Dialogflow names for the language model's intents. Custom intents keep their Alexa names
 * (`AddToCartIntent`); Amazon's built-ins become Dialogflow's own default intents or plain custom ones,
 * since Dialogflow has no built-in yes, no, help or stop.
 */
export const WELCOME_INTENT = 'Default Welcome Intent';
export const FALLBACK_INTENT = 'Default Fallback Intent';
/** Dialogflow-only: a tap on an Assistant carousel or list item arrives as the `actions_intent_OPTION` event. */
export const SELECT_INTENT = 'SelectIntent';
export const OPTION_EVENT = 'actions_intent_OPTION';

const BUILT_IN_NAMES: Record<string, string> = {
  'AMAZON.NavigateHomeIntent': WELCOME_INTENT,
  'AMAZON.FallbackIntent': FALLBACK_INTENT,
  'AMAZON.YesIntent': 'YesIntent',
  'AMAZON.NoIntent': 'NoIntent',
  'AMAZON.HelpIntent': 'HelpIntent',
  'AMAZON.StopIntent': 'StopIntent',
  // Stop and cancel mean the same to the conversation: one Dialogflow intent hears both.
  'AMAZON.CancelIntent': 'StopIntent',
};

export function dialogflowIntentName(definition: IntentDefinition): string {
  return BUILT_IN_NAMES[definition.alexa] ?? definition.alexa;
}

/** Every Dialogflow intent name with the language-model definitions it is generated from (several for StopIntent). */
export function definitionsByDialogflowName(): Map<string, IntentDefinition[]> {
  const byName = new Map<string, IntentDefinition[]>();
  for (const definition of INTENT_DEFINITIONS) {
    const name = dialogflowIntentName(definition);
    byName.set(name, [...(byName.get(name) ?? []), definition]);
  }
  return byName;
}
