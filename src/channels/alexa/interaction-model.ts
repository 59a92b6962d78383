import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CatalogEntry, type CatalogSlotValue, categorySlotValues, INTENT_DEFINITIONS, type IntentDefinition, INVOCATION_NAMES, LOCALE_WORDS, MODEL_LOCALES, type ModelLocale, productSlotValues } from '../adapter';

/**
 * The Alexa interaction model (the `interactionModels/custom/<locale>.json` files of the skill package),
 * generated from the vocabulary (`conversation/vocabulary.ts`) and the catalogue so that product names, their synonyms and
 * the categories are what Alexa listens for. Entity resolution ids are skus (products) and the exact
 * category strings (categories), so the adapter can use them as they come.
 */

export interface AlexaSlotValue {
  id: string;
  name: { value: string; synonyms: string[] };
}

export interface AlexaSlotType {
  name: string;
  values: AlexaSlotValue[];
}

export interface AlexaIntentSlot {
  name: string;
  type: string;
  /** What the user may say when the slot is elicited (slot filling). */
  samples?: string[];
}

export interface AlexaIntent {
  name: string;
  slots?: AlexaIntentSlot[];
  samples: string[];
}

export interface AlexaDialogSlot {
  name: string;
  type: string;
  elicitationRequired: boolean;
  confirmationRequired: boolean;
  prompts: { elicitation?: string };
}

export interface AlexaDialogIntent {
  name: string;
  confirmationRequired: boolean;
  prompts: Record<string, never>;
  slots: AlexaDialogSlot[];
}

export interface AlexaPrompt {
  id: string;
  variations: { type: 'PlainText'; value: string }[];
}

export interface AlexaInteractionModel {
  interactionModel: {
    languageModel: { invocationName: string; intents: AlexaIntent[]; types: AlexaSlotType[] };
    dialog?: { intents: AlexaDialogIntent[]; delegationStrategy: 'SKILL_RESPONSE' };
    prompts?: AlexaPrompt[];
  };
}


const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The vocabulary's catalogue values (ids are skus and exact categories, so entity resolution hands them back) as an Alexa slot type's values. */
function alexaSlotValues(values: CatalogSlotValue[]): AlexaSlotValue[] {
  return values.map(({ id, value, synonyms }) => ({ id, name: { value, synonyms } }));
}

const elicitationPromptId = (intent: string, slot: string) => `Elicit.Slot.${intent}.${slot}`;

function alexaIntent(definition: IntentDefinition, locale: ModelLocale): AlexaIntent {
  // Amazon trains its built-ins; their vocabulary samples are for the other platforms and typed text.
  const samples = definition.builtIn ? [] : [...definition.samples[locale]].sort(byString);
  if (definition.slots.length === 0) return { name: definition.alexa, samples };
  const elicited = new Set((definition.elicit ?? []).map((rule) => rule.slot));
  const slots = definition.slots.map((slot) => ({
    name: slot.name,
    type: slot.type,
    // Answers to "Which product would you like to add?" that fill the slot without naming the intent again.
    ...(elicited.has(slot.name) ? { samples: (LOCALE_WORDS[locale].slotAnswers ?? []).map((sample) => sample.replace('SLOT', slot.name)) } : {}),
  }));
  return { name: definition.alexa, slots, samples };
}

export function buildAlexaInteractionModel(locale: ModelLocale, catalog: CatalogEntry[]): AlexaInteractionModel {
  const definitions = [...INTENT_DEFINITIONS].sort((a, b) => byString(a.alexa, b.alexa));
  const intents = definitions.map((definition) => alexaIntent(definition, locale));
  const types: AlexaSlotType[] = [
    { name: 'CATEGORY', values: alexaSlotValues(categorySlotValues(catalog)) },
    { name: 'PRODUCT', values: alexaSlotValues(productSlotValues(catalog, locale)) },
  ];

  const withDialog = definitions.filter((definition) => (definition.elicit ?? []).length > 0 || definition.inDialog);
  const dialogIntents: AlexaDialogIntent[] = withDialog.map((definition) => {
    const elicited = new Set((definition.elicit ?? []).map((rule) => rule.slot));
    return {
      name: definition.alexa,
      confirmationRequired: false,
      prompts: {},
      slots: definition.slots.map((slot) => ({
        name: slot.name,
        type: slot.type,
        elicitationRequired: elicited.has(slot.name),
        confirmationRequired: false,
        prompts: elicited.has(slot.name) ? { elicitation: elicitationPromptId(definition.alexa, slot.name) } : {},
      })),
    };
  });
  const prompts: AlexaPrompt[] = withDialog.flatMap((definition) =>
    (definition.elicit ?? []).map((rule) => ({
      id: elicitationPromptId(definition.alexa, rule.slot),
      variations: rule.prompts[locale].map((value) => ({ type: 'PlainText' as const, value })),
    })),
  );

  return {
    interactionModel: {
      languageModel: { invocationName: INVOCATION_NAMES[locale], intents, types },
      // The skill decides when to delegate (Dialog.ElicitSlot / Dialog.Delegate); Alexa never auto-delegates.
      ...(dialogIntents.length > 0 ? { dialog: { intents: dialogIntents, delegationStrategy: 'SKILL_RESPONSE' as const }, prompts } : {}),
    },
  };
}

/** The committed file's text: 2-space JSON and a final newline, so regenerating an unchanged model changes nothing. */
export function serializeAlexaModel(model: AlexaInteractionModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Writes `interactionModels/custom/<locale>.json` under rootDir for every model locale; returns the paths written. */
export async function writeAlexaModels(catalog: CatalogEntry[], rootDir: string): Promise<string[]> {
  const dir = path.join(rootDir, 'interactionModels', 'custom');
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const locale of MODEL_LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    await writeFile(file, serializeAlexaModel(buildAlexaInteractionModel(locale, catalog)), 'utf8');
    written.push(file);
  }
  return written;
}
