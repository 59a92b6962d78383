import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AlexaRequestBody } from '../alexa-requests';
import { intent } from '../alexa-requests';

/**
 * A stand-in for Alexa's speech understanding, so a script's spoken line becomes the IntentRequest
 * Alexa would send: the line is matched against the sample utterances of the skill's own interaction
 * model (interactionModels/custom/<locale>.json), slots captured where the sample has `{slot}`,
 * custom slot values resolved against the model's values and synonyms (ids are skus and category
 * names), numbers said as words turned into digits as AMAZON.NUMBER does. Built-in intents answer
 * their usual phrases. The dialog directive of the last response is honoured as Alexa does: after a
 * Dialog.ConfirmIntent a yes or no comes back as that intent CONFIRMED or DENIED, and after a
 * Dialog.ElicitSlot the bare answer fills the slot asked for.
 */

interface ModelSlot {
  name: string;
  type: string;
  /** What a customer says when this slot is elicited ("{product} please"). */
  samples?: string[];
}
interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
  samples?: string[];
}
interface SlotValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}
interface InteractionModel {
  interactionModel: { languageModel: { intents: ModelIntent[]; types: { name: string; values: SlotValue[] }[] } };
}

export interface DialogDirective {
  type: string;
  slotToElicit?: string;
  updatedIntent?: { name: string };
}

/** The usual phrases of the built-in intents, by the model's language. */
const BUILT_IN_PHRASES: Record<string, Record<string, string[]>> = {
  en: {
    'AMAZON.YesIntent': ['yes', 'yeah', 'yep', 'sure', 'yes please', 'ok', 'okay', 'go ahead'],
    'AMAZON.NoIntent': ['no', 'nope', 'no thanks', 'no thank you'],
    'AMAZON.StopIntent': ['stop', 'shut up', 'off'],
    'AMAZON.CancelIntent': ['cancel', 'never mind', 'nevermind', 'forget it'],
    'AMAZON.HelpIntent': ['help', 'help me', 'what can i do', 'what can you do'],
  },
  pt: {
    'AMAZON.YesIntent': ['sim', 'claro', 'pode ser', 'sim por favor'],
    'AMAZON.NoIntent': ['não', 'não obrigado', 'não obrigada'],
    'AMAZON.StopIntent': ['parar', 'pare'],
    'AMAZON.CancelIntent': ['cancelar', 'deixa pra lá'],
    'AMAZON.HelpIntent': ['ajuda', 'me ajude'],
  },
  it: {
    'AMAZON.YesIntent': ['sì', 'certo', 'va bene', 'sì grazie'],
    'AMAZON.NoIntent': ['no', 'no grazie'],
    'AMAZON.StopIntent': ['stop', 'fermati'],
    'AMAZON.CancelIntent': ['annulla', 'lascia perdere'],
    'AMAZON.HelpIntent': ['aiuto', 'aiutami'],
  },
};

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

function spokenNumber(words: string): string | undefined {
  const compact = words.replace(/\s+/g, '');
  if (/^\d+$/.test(compact)) return String(Number(compact));
  let total = 0;
  for (const word of words.split(/[\s-]+/)) {
    const value = NUMBER_WORDS[word];
    if (value === undefined) return undefined;
    total = value === 100 ? Math.max(total, 1) * 100 : total + value;
  }
  return String(total);
}

function normalize(line: string): string {
  return line.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

type Slot = string | { value: string; id: string };

interface Candidate {
  name: string;
  slots: Record<string, Slot>;
  /** Higher is a more specific reading: literal words matched, then slot values the model knows. */
  score: number;
}

export class AlexaUnderstanding {
  private readonly intents: ModelIntent[];
  private readonly values = new Map<string, Map<string, string>>();
  private readonly builtIns: Record<string, string[]>;

  constructor(locale = 'en-US', rootDir = process.cwd()) {
    const model = JSON.parse(readFileSync(path.join(rootDir, 'interactionModels', 'custom', `${locale}.json`), 'utf8')) as InteractionModel;
    this.intents = model.interactionModel.languageModel.intents;
    this.builtIns = BUILT_IN_PHRASES[locale.slice(0, 2)] ?? BUILT_IN_PHRASES.en!;
    for (const type of model.interactionModel.languageModel.types) {
      const byPhrase = new Map<string, string>();
      for (const value of type.values) {
        for (const phrase of [value.name.value, ...(value.name.synonyms ?? [])]) byPhrase.set(normalize(phrase), value.id ?? value.name.value);
      }
      this.values.set(type.name, byPhrase);
    }
  }

  /** The IntentRequest body Alexa would send for this spoken line, given the last response's dialog directives. */
  understand(line: string, directives: DialogDirective[] = []): AlexaRequestBody {
    const said = normalize(line);
    const confirm = directives.find((d) => d.type === 'Dialog.ConfirmIntent');
    const elicit = directives.find((d) => d.type === 'Dialog.ElicitSlot');
    const best = this.bestReading(said);

    if (confirm?.updatedIntent && (best?.name === 'AMAZON.YesIntent' || best?.name === 'AMAZON.NoIntent')) {
      return intent(confirm.updatedIntent.name, {}, best.name === 'AMAZON.YesIntent' ? 'CONFIRMED' : 'DENIED');
    }
    if (elicit?.updatedIntent && elicit.slotToElicit && (!best || best.name === 'AMAZON.FallbackIntent')) {
      const answer = this.elicitedAnswer(elicit.updatedIntent.name, elicit.slotToElicit, said);
      if (answer !== undefined) return intent(elicit.updatedIntent.name, { [elicit.slotToElicit]: answer });
    }
    return best ? intent(best.name, best.slots) : intent('AMAZON.FallbackIntent');
  }

  private bestReading(said: string): Candidate | undefined {
    const candidates: Candidate[] = [];
    for (const [name, phrases] of Object.entries(this.builtIns)) {
      if (phrases.includes(said)) candidates.push({ name, slots: {}, score: said.length });
    }
    for (const modelIntent of this.intents) {
      for (const sample of modelIntent.samples ?? []) {
        const reading = this.readAs(modelIntent, sample, said);
        if (reading) candidates.push(reading);
      }
    }
    return candidates.sort((a, b) => b.score - a.score)[0];
  }

  private readAs(modelIntent: ModelIntent, sample: string, said: string): Candidate | undefined {
    const slotNames: string[] = [];
    const source = normalize(sample.replace(/\{(\w+)\}/g, (_m, slot: string) => ` zzslot${slotNames.push(slot) - 1}zz `))
      .split(' ')
      .map((word) => (/^zzslot\d+zz$/.test(word) ? '(.+?)' : word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join(' ');
    const match = new RegExp(`^${source}$`).exec(said);
    if (!match) return undefined;
    const slots: Record<string, Slot> = {};
    let known = 0;
    for (const [index, slotName] of slotNames.entries()) {
      const value = this.slotValue(this.slotType(modelIntent.name, slotName), match[index + 1]!);
      if (value === undefined) return undefined;
      slots[slotName] = value;
      if (typeof value !== 'string' || /^\d+$/.test(value)) known += 1;
    }
    const literal = sample.replace(/\{\w+\}/g, '').replace(/\s+/g, '').length;
    // A sample that is only a slot catches anything; Alexa takes it only for a value close to the slot's vocabulary.
    if (literal === 0 && known === 0) return undefined;
    return { name: modelIntent.name, slots, score: literal + known * 100 };
  }

  /** The slot's value from an answer to its elicitation, read with the slot's own samples. */
  private elicitedAnswer(intentName: string, slotName: string, said: string): Slot | undefined {
    const modelIntent = this.intents.find((i) => i.name === intentName);
    const slotSamples = modelIntent?.slots?.find((s) => s.name === slotName)?.samples ?? [`{${slotName}}`];
    const readings = slotSamples.map((sample) => (modelIntent ? this.readAs(modelIntent, sample, said) : undefined)).filter((r) => r !== undefined);
    return readings.sort((a, b) => b.score - a.score)[0]?.slots[slotName] ?? this.slotValue(this.slotType(intentName, slotName), said);
  }

  private slotType(intentName: string, slotName: string): string {
    return this.intents.find((i) => i.name === intentName)?.slots?.find((s) => s.name === slotName)?.type ?? 'AMAZON.SearchQuery';
  }

  /** What Alexa would put in the slot, or undefined where the words cannot fill a slot of that type. */
  private slotValue(type: string, words: string): Slot | undefined {
    if (type === 'AMAZON.NUMBER') return spokenNumber(words);
    if (type === 'AMAZON.FOUR_DIGIT_NUMBER') {
      const digits = words.split(' ').map((word) => (/^\d+$/.test(word) ? word : spokenNumber(word))).join('');
      return /^\d{4}$/.test(digits) ? digits : undefined;
    }
    const known = this.values.get(type);
    if (!known) return words;
    const id = known.get(words.replace(/^(the|some|a|an) /, ''));
    return id ? { value: words, id } : words;
  }
}
