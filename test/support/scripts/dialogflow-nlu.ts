import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A stand-in for Dialogflow ES intent matching, so a script's line becomes the intent and parameters
 * Dialogflow would send the webhook: the line is matched against the training phrases of the agent
 * the project generates (interactionModels/dialogflow), annotated parts filled by their entity
 * (`@product` and `@category` by their entries' synonyms, giving the entry value; `@sys.number` from
 * digits or number words; regexp entities by their pattern). Intents with input contexts are only
 * matched while those contexts are alive, as in Dialogflow. No match is the fallback intent.
 */

interface PhrasePart {
  text: string;
  alias?: string;
  meta?: string;
}
interface Template {
  intent: string;
  parts: PhrasePart[];
}

export interface DialogflowReading {
  intent: string;
  parameters: Record<string, unknown>;
  /** What was said for each parameter. */
  originals: Record<string, string>;
}

export const FALLBACK_INTENT = 'Default Fallback Intent';

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

function spokenNumber(words: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(words)) return Number(words);
  let total = 0;
  for (const word of words.split(/[\s-]+/)) {
    const value = NUMBER_WORDS[word];
    if (value === undefined) return undefined;
    total = value === 100 ? Math.max(total, 1) * 100 : total + value;
  }
  return total;
}

function normalize(line: string): string {
  return line.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class DialogflowUnderstanding {
  private readonly templates: Template[] = [];
  private readonly inputContexts = new Map<string, string[]>();
  private readonly entities = new Map<string, Map<string, string>>();
  private readonly patterns = new Map<string, RegExp>();

  constructor(rootDir = process.cwd()) {
    const agent = path.join(rootDir, 'interactionModels', 'dialogflow');
    for (const file of readdirSync(path.join(agent, 'entities'))) {
      if (!file.endsWith('_entries_en.json')) continue;
      const name = file.replace('_entries_en.json', '');
      const definition = JSON.parse(readFileSync(path.join(agent, 'entities', `${name}.json`), 'utf8')) as { isRegexp?: boolean };
      const entries = JSON.parse(readFileSync(path.join(agent, 'entities', file), 'utf8')) as { value: string; synonyms: string[] }[];
      if (definition.isRegexp) this.patterns.set(`@${name}`, new RegExp(`^(?:${entries.map((e) => e.value).join('|')})$`));
      else this.entities.set(`@${name}`, new Map(entries.flatMap((e) => e.synonyms.map((s) => [normalize(s), e.value] as const))));
    }
    for (const file of readdirSync(path.join(agent, 'intents'))) {
      if (file.endsWith('_usersays_en.json')) {
        const intent = file.replace('_usersays_en.json', '');
        const phrases = JSON.parse(readFileSync(path.join(agent, 'intents', file), 'utf8')) as { data: PhrasePart[] }[];
        for (const phrase of phrases) this.templates.push({ intent, parts: phrase.data });
      } else {
        const definition = JSON.parse(readFileSync(path.join(agent, 'intents', file), 'utf8')) as { name: string; contexts?: string[] };
        this.inputContexts.set(definition.name, definition.contexts ?? []);
      }
    }
  }

  understand(line: string, activeContexts: readonly string[]): DialogflowReading {
    const said = normalize(line);
    let best: (DialogflowReading & { score: number }) | undefined;
    for (const template of this.templates) {
      if (!(this.inputContexts.get(template.intent) ?? []).every((context) => activeContexts.includes(context))) continue;
      const reading = this.readAs(template, said);
      if (reading && (!best || reading.score > best.score)) best = reading;
    }
    return best ? { intent: best.intent, parameters: best.parameters, originals: best.originals } : { intent: FALLBACK_INTENT, parameters: {}, originals: {} };
  }

  private readAs(template: Template, said: string): (DialogflowReading & { score: number }) | undefined {
    const annotated = template.parts.filter((part) => part.alias);
    const source = template.parts.map((part) => (part.alias ? ' (.+?) ' : ` ${escape(normalize(part.text))} `)).join('').replace(/\s+/g, ' ').trim();
    const match = new RegExp(`^${source}$`).exec(said);
    if (!match) return undefined;
    const parameters: Record<string, unknown> = {};
    const originals: Record<string, string> = {};
    for (const [index, part] of annotated.entries()) {
      const words = match[index + 1]!;
      const value = this.entityValue(part.meta!, words);
      if (value === undefined) return undefined;
      parameters[part.alias!] = value;
      originals[part.alias!] = words;
    }
    const literal = template.parts.filter((part) => !part.alias).reduce((sum, part) => sum + part.text.replace(/\s+/g, '').length, 0);
    return { intent: template.intent, parameters, originals, score: literal + annotated.length * 100 };
  }

  private entityValue(meta: string, words: string): unknown {
    if (meta === '@sys.number') return spokenNumber(words);
    if (meta.startsWith('@sys.')) return words;
    const pattern = this.patterns.get(meta);
    if (pattern) return pattern.test(words) ? words : undefined;
    return this.entities.get(meta)?.get(words.replace(/^(the|some|a|an) /, ''));
  }
}
