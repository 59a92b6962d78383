import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { agentSchema, schemaForAgentFile, type EntityEntriesJson, type EntityJson, type IntentJson, type UserSaysJson } from './agent-schema';
import { ANSWER_CONTEXTS } from './capabilities';
import { FALLBACK_INTENT, OPTION_EVENT, SELECT_INTENT, WELCOME_INTENT, definitionsByDialogflowName } from './intent-names';
import { type CatalogEntry, type CatalogSlotValue, categorySlotValues, ENGLISH_LOCALES, type IntentDefinition, INVOCATION_NAMES, productSlotValues, type SlotDefinition, type SlotType, type VocabularyLocale } from '../adapter';

/**
 * The Dialogflow ES agent (the folder Dialogflow's "Export and Import" reads), generated from the
 * vocabulary and the catalogue like the Alexa model: the same intents and utterances, a
 * `product` entity whose values are skus (so the webhook gets the sku, as Alexa's entity resolution
 * gives it) and whose synonyms are the names shoppers say, and training phrases annotated with the
 * parameters they fill. One agent speaks every language of the vocabulary that Dialogflow ES supports:
 * English is its default language, the others are its supported languages, each with its own
 * training phrases and entity entries (product names from the catalogue's translations).
 */

/** The agent's default language. */
export const AGENT_LANGUAGE = 'en';

/**
 * Dialogflow ES language tags (https://cloud.google.com/dialogflow/docs/reference/language) and the
 * vocabulary locales whose samples train each; the default language first.
 */
export const AGENT_LANGUAGES: Record<string, readonly VocabularyLocale[]> = {
  [AGENT_LANGUAGE]: ENGLISH_LOCALES,
  'pt-br': ['pt-BR'],
  it: ['it-IT'],
  'zh-cn': ['zh-CN'],
  // UNCONFIRMED: the Polish and Romanian rows of the ES language table were not read; their tags are taken to be "pl" and "ro".
  pl: ['pl-PL'],
  ro: ['ro-RO'],
};
export const AGENT_FOLDER = path.join('interactionModels', 'dialogflow');

/** Path inside the agent folder → file contents (2-space JSON, final newline). */
export type AgentFiles = Map<string, string>;

const ENTITY_FOR: Record<SlotType, string> = {
  PRODUCT: '@product',
  CATEGORY: '@category',
  'AMAZON.NUMBER': '@sys.number',
  'AMAZON.FOUR_DIGIT_NUMBER': '@voice-code',
  'AMAZON.DATE': '@sys.date',
  'AMAZON.SearchQuery': '@sys.any',
};

/** Values to annotate in training phrases, per slot name; products and categories come from the catalogue. */
const EXAMPLES: Record<string, string[]> = {
  quantity: ['two', '3', 'four', 'six', '10'],
  age: ['eight', '10', 'twelve', '35'],
  budget: ['twenty', '30', 'fifty'],
  orderNumber: ['482917', '105336', '730284'],
  code: ['4321', '0815', '7 3 0 9'],
  discountCode: ['spring ten', 'welcome5', 'summer sale'],
  date: ['last tuesday', 'yesterday', 'march third', 'the first of november'],
};

/** The other languages' examples: numbers as digits (every language writes them so), dates in the language's words. */
const DIGIT_EXAMPLES: Record<string, string[]> = { ...EXAMPLES, quantity: ['2', '3', '4', '6', '10'], age: ['8', '10', '12', '35'], budget: ['20', '30', '50'] };
const DATE_EXAMPLES: Record<string, string[]> = {
  'pt-br': ['ontem', 'terça-feira passada'],
  it: ['ieri', 'martedì scorso'],
  'zh-cn': ['昨天', '上周二'],
  pl: ['wczoraj', 'zeszłego wtorku'],
  ro: ['ieri', 'marțea trecută'],
};

/** A stable uuid from a name, so regenerating an unchanged agent changes no file. */
function stableId(name: string): string {
  const hex = createHash('sha1').update(`dialogflow-agent:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The vocabulary's catalogue values as entity entries: the reference value is the id (a sku, an exact category), as Alexa's entity resolution gives it. */
function entityEntries(values: CatalogSlotValue[]): EntityEntriesJson {
  return values.map((value) => ({ value: value.id, synonyms: [value.value, ...value.synonyms] }));
}

export function productEntries(catalog: CatalogEntry[], locale: VocabularyLocale = 'en-US'): EntityEntriesJson {
  return entityEntries(productSlotValues(catalog, locale));
}

function categoryEntries(catalog: CatalogEntry[]): EntityEntriesJson {
  return entityEntries(categorySlotValues(catalog));
}

function entity(name: string, options: { regexp?: boolean; fuzzy?: boolean } = {}): EntityJson {
  return { id: stableId(`entity:${name}`), name, isOverridable: true, isEnum: false, isRegexp: options.regexp ?? false, automatedExpansion: false, allowFuzzyExtraction: options.fuzzy ?? false };
}

/** Every utterance of the intent in the language's locales: British and American phrasings both belong to "en". */
function utterances(definitions: IntentDefinition[], locales: readonly VocabularyLocale[]): string[] {
  const all = definitions.flatMap((definition) => locales.flatMap((locale) => definition.samples[locale]));
  return [...new Set(all)].sort(byString);
}

/** Round-robin examples per slot, so the phrases of one intent show many different products. */
class Examples {
  private next = new Map<string, number>();
  constructor(private readonly bySlot: Record<string, string[]>) {}
  take(slot: SlotDefinition): string {
    const values = this.bySlot[slot.name] ?? this.bySlot[slot.maps] ?? ['one'];
    const index = this.next.get(slot.name) ?? 0;
    this.next.set(slot.name, index + 1);
    return values[index % values.length]!;
  }
}

function trainingPhrase(intentName: string, sample: string, slots: SlotDefinition[], examples: Examples, lang: string): UserSaysJson[number] {
  const data: UserSaysJson[number]['data'] = [];
  for (const piece of sample.split(/(\{[^}]+\})/).filter((part) => part !== '')) {
    const slot = /^\{([^}]+)\}$/.exec(piece) ? slots.find((candidate) => `{${candidate.name}}` === piece) : undefined;
    if (slot) data.push({ text: examples.take(slot), alias: slot.name, meta: ENTITY_FOR[slot.type], userDefined: true });
    else data.push({ text: piece, userDefined: false });
  }
  // The English ids stay as they were before the agent had other languages, so regenerating changes no English file.
  return { id: stableId(lang === AGENT_LANGUAGE ? `phrase:${intentName}:${sample}` : `phrase:${lang}:${intentName}:${sample}`), data, isTemplate: false, count: 0, lang, updated: 0 };
}

function intentJson(name: string, slots: SlotDefinition[], extra: Partial<Pick<IntentJson, 'contexts' | 'events' | 'fallbackIntent'>> & { action?: string } = {}): IntentJson {
  return {
    id: stableId(`intent:${name}`),
    name,
    auto: true,
    contexts: extra.contexts ?? [],
    responses: [
      {
        resetContexts: false,
        action: extra.action ?? '',
        affectedContexts: [],
        parameters: slots.map((slot) => ({
          id: stableId(`parameter:${name}:${slot.name}`),
          name: slot.name,
          required: false,
          dataType: ENTITY_FOR[slot.type],
          value: `$${slot.name}`,
          defaultValue: '',
          isList: false,
          prompts: [],
          promptMessages: [],
          noMatchPromptMessages: [],
          noInputPromptMessages: [],
          outputDialogContexts: [],
        })),
        // Every answer comes from the webhook; the conversation engine, not the agent, decides what to say.
        messages: [],
        speech: [],
        defaultResponsePlatforms: {},
      },
    ],
    priority: 500000,
    webhookUsed: true,
    webhookForSlotFilling: false,
    fallbackIntent: extra.fallbackIntent ?? false,
    events: extra.events ?? [],
    conditionalResponses: [],
    condition: '',
    conditionalFollowupEvents: [],
  };
}

/** Input contexts by intent: the code intent only listens while we wait for a code, so "1234" is not a quantity. */
const INPUT_CONTEXTS: Record<string, string[]> = { VoiceCodeIntent: [ANSWER_CONTEXTS.voiceCode] };

export function buildDialogflowAgent(catalog: CatalogEntry[]): AgentFiles {
  const files: AgentFiles = new Map();
  const displayName = INVOCATION_NAMES['en-US'].replace(/\s+/g, '-');
  files.set(
    'agent.json',
    json(
      agentSchema.parse({
        description: `Shopping assistant for ${INVOCATION_NAMES['en-US']}; every intent is fulfilled by the webhook at POST /google.`,
        language: AGENT_LANGUAGE,
        shortDescription: '',
        examples: '',
        linkToDocs: '',
        displayName,
        disableInteractionLogs: false,
        disableStackdriverLogs: true,
        defaultTimezone: 'America/New_York',
        // Set the URL and the x-webhook-secret header in the console after import: secrets are not committed.
        webhook: { url: '', username: '', headers: {}, available: true, useForDomains: false, cloudFunctionsEnabled: false, cloudFunctionsInitialized: false },
        isPrivate: true,
        mlMinConfidence: 0.3,
        supportedLanguages: Object.keys(AGENT_LANGUAGES).filter((lang) => lang !== AGENT_LANGUAGE),
        enableOnePlatform: false,
        onePlatformApiVersion: 'v2',
        analyzeQueryTextSentiment: false,
        enabledKnowledgeBaseNames: [],
        knowledgeServiceConfidenceAdjustment: 0,
        dialogBuilderMode: false,
        baseActionPackagesUrl: '',
        enableSpellCorrection: false,
      }),
    ),
  );
  files.set('package.json', json({ version: '1.0.0' }));

  const categories = categoryEntries(catalog);
  const byName = [...definitionsByDialogflowName()].sort(([a], [b]) => byString(a, b));
  for (const [name, definitions] of byName) {
    const special =
      name === WELCOME_INTENT
        ? { events: [{ name: 'WELCOME' }, { name: 'GOOGLE_ASSISTANT_WELCOME' }], action: 'input.welcome' }
        : name === FALLBACK_INTENT
          ? { fallbackIntent: true, action: 'input.unknown' }
          : { contexts: INPUT_CONTEXTS[name] ?? [] };
    files.set(`intents/${name}.json`, json(intentJson(name, definitions[0]!.slots, special)));
  }
  // Four digits as written, also spoken one by one ("4 3 2 1"): a number entity would lose a leading zero.
  const fourDigits = '\\b\\d(?:[ -]?\\d){3}\\b';
  for (const [lang, locales] of Object.entries(AGENT_LANGUAGES)) {
    const products = productEntries(catalog, locales[0]);
    const examples = new Examples({
      ...(lang === AGENT_LANGUAGE ? EXAMPLES : { ...DIGIT_EXAMPLES, date: DATE_EXAMPLES[lang] ?? EXAMPLES.date! }),
      product: products.flatMap((entry) => entry.synonyms.map((synonym) => synonym.toLowerCase())),
      category: categories.flatMap((entry) => entry.synonyms),
    });
    for (const [name, definitions] of byName) {
      const phrases = utterances(definitions, locales);
      if (phrases.length > 0) files.set(`intents/${name}_usersays_${lang}.json`, json(phrases.map((sample) => trainingPhrase(name, sample, definitions[0]!.slots, examples, lang))));
    }
    files.set(`entities/product_entries_${lang}.json`, json(products));
    // The catalogue has no translated categories yet: every language gets the English category names.
    files.set(`entities/category_entries_${lang}.json`, json(categories));
    files.set(`entities/voice-code_entries_${lang}.json`, json([{ value: fourDigits, synonyms: [fourDigits] }]));
  }
  files.set(`intents/${SELECT_INTENT}.json`, json(intentJson(SELECT_INTENT, [], { events: [{ name: OPTION_EVENT }], action: 'option.select' })));

  files.set('entities/product.json', json(entity('product', { fuzzy: true })));
  files.set('entities/category.json', json(entity('category')));
  files.set('entities/voice-code.json', json(entity('voice-code', { regexp: true })));

  for (const [file, text] of files) schemaForAgentFile(file).parse(JSON.parse(text));
  return new Map([...files].sort(([a], [b]) => byString(a, b)));
}

/** Replaces `interactionModels/dialogflow/` under rootDir with the agent (stale intents go); returns the paths written. */
export async function writeDialogflowAgent(catalog: CatalogEntry[], rootDir: string): Promise<string[]> {
  const dir = path.join(rootDir, AGENT_FOLDER);
  await rm(dir, { recursive: true, force: true });
  const written: string[] = [];
  for (const [file, text] of buildDialogflowAgent(catalog)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
    written.push(target);
  }
  return written;
}

/** A fixed timestamp, so the same agent always zips to the same bytes. */
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

/** The agent as the zip Dialogflow's "Import from zip" / "Restore from zip" takes: agent.json at the root. */
export function zipDialogflowAgent(files: AgentFiles): Uint8Array {
  return zipSync(Object.fromEntries([...files].map(([file, text]) => [file, strToU8(text)])), { level: 9, mtime: ZIP_TIME });
}

export async function writeDialogflowZip(catalog: CatalogEntry[], file: string): Promise<string> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, zipDialogflowAgent(buildDialogflowAgent(catalog)));
  return file;
}
