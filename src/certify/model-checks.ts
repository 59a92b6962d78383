import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { productSlotValues, type CatalogEntry } from '../conversation/vocabulary-catalog';
import { interactionModelFileSchema, type InteractionModelFile, type ModelIntent } from './model-schema';
import { fail, pass, verdict, type CheckResult } from './report';

export interface LoadedModel {
  locale: string;
  file: string;
  model: InteractionModelFile | null;
}

/** Help, Stop and Cancel are required of every custom skill; Fallback and NavigateHome are in every model the developer console creates, and we require them too. */
export const REQUIRED_BUILT_INS = ['AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.FallbackIntent', 'AMAZON.NavigateHomeIntent'];
/** Required only when the skill asks yes/no questions, i.e. handles them. */
export const YES_NO_BUILT_INS = ['AMAZON.YesIntent', 'AMAZON.NoIntent'];

/**
 * Ten is the floor: Amazon asks for "a variety" and "more rather than fewer" without a number for Alexa, and its Lex
 * documentation (same NLU family) says "provide 10 or more sample utterances". Fewer than ten almost always means one
 * phrasing with small variations, which is what certification reviewers flag.
 */
export const MIN_SAMPLES_PER_CUSTOM_INTENT = 10;

const WAKE_WORDS = ['alexa', 'amazon', 'echo', 'computer', 'skill', 'app'];
const LAUNCH_PHRASES = ['launch', 'ask', 'tell', 'open', 'load', 'begin', 'enable', 'start'];
/** Articles, prepositions and connecting words that cannot be one of only two words. */
const CONNECTING_WORDS = ['a', 'an', 'the', 'for', 'to', 'of', 'from', 'by', 'in', 'on', 'at', 'with', 'and', 'or', 'if', 'whether'];
/** A word: letters, optionally with a possessive ('s or s'), or one initial with its period ("a."). */
const INVOCATION_WORD = /^(?:[a-z]+(?:'s)?|[a-z]*s'|[a-z]\.)$/;

/** Reads every `<locale>.json` under interactionModels/custom; a file that is not JSON or not the schema has model = null. */
export async function loadModels(skillPackageDir: string): Promise<{ models: LoadedModel[]; results: CheckResult[] }> {
  const dir = path.join(skillPackageDir, 'interactionModels', 'custom');
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  if (files.length === 0) return { models: [], results: [fail('model.files', null, `no interaction model found in ${dir}.`)] };
  const results: CheckResult[] = [pass('model.files', null, `${files.length} locale(s): ${files.map((f) => f.replace(/\.json$/, '')).join(', ')}.`)];
  const models: LoadedModel[] = [];
  for (const name of files) {
    const locale = name.replace(/\.json$/, '');
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      results.push(fail('model.schema', locale, `${name} is not valid JSON: ${(error as Error).message}.`));
      models.push({ locale, file, model: null });
      continue;
    }
    const parsed = interactionModelFileSchema.safeParse(json);
    if (parsed.success) {
      results.push(pass('model.schema', locale, `${name} matches the interaction model schema.`));
      models.push({ locale, file, model: parsed.data });
    } else {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      results.push(verdict('model.schema', locale, problems.map((p) => `${name} ${p}`), ''));
      models.push({ locale, file, model: null });
    }
  }
  return { models, results };
}

export function invocationNameProblems(name: string, brands: readonly string[]): string[] {
  const problems: string[] = [];
  const words = name.split(' ');
  if (name !== name.trim() || words.some((word) => word === '')) problems.push(`"${name}" has leading, trailing or double spaces`);
  const badWords = words.filter((word) => word && !INVOCATION_WORD.test(word));
  if (badWords.length > 0) {
    problems.push(`"${name}" has ${badWords.map((w) => `"${w}"`).join(', ')}: only lowercase letters, spaces, possessive apostrophes and the periods of initials ("a. b. c.") are allowed (spell numbers out)`);
  }
  const bare = words.map((word) => word.replace(/'s$|'$|\.$/, ''));
  const isBrand = brands.includes(name);
  if (words.length < 2 && !isBrand) problems.push(`"${name}" is one word: use at least two words, or list it in CERTIFY_BRAND_INVOCATION_NAMES if it is your own brand`);
  const wake = bare.filter((word) => WAKE_WORDS.includes(word));
  if (wake.length > 0) problems.push(`"${name}" contains the wake word or reserved word ${wake.map((w) => `"${w}"`).join(', ')}`);
  const launch = bare.filter((word) => LAUNCH_PHRASES.includes(word));
  if (launch.length > 0) problems.push(`"${name}" contains the launch phrase ${launch.map((w) => `"${w}"`).join(', ')}`);
  if (words.length === 2) {
    const connecting = bare.filter((word) => CONNECTING_WORDS.includes(word));
    if (connecting.length > 0) problems.push(`"${name}" has only two words and one is the article or preposition "${connecting[0]}"`);
  }
  return problems;
}

/** Lowercase, single spaces, punctuation other than apostrophes dropped, and every {slot} replaced by its type. */
function normalisedUtterance(sample: string, slotTypes: Map<string, string>): string {
  return sample
    .toLowerCase()
    .replace(/\{\s*([^}]+?)\s*\}/g, (_all, slot: string) => `{${slotTypes.get(slot) ?? slot}}`)
    // Letters of any language: "è {code}" is not "{code}" in an Italian model.
    .replace(/[^\p{L}0-9'{}._\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const slotsUsedIn = (sample: string) => [...sample.matchAll(/\{\s*([^}]*?)\s*\}/g)].map((match) => match[1]!);

export interface ModelCheckOptions {
  brands: readonly string[];
  /** The intents the skill handles: Yes/No are required in the model only if it does. */
  handledIntents: readonly string[];
  catalog: CatalogEntry[] | null;
  catalogSource: string;
}

export function checkModel({ locale, model }: LoadedModel, options: ModelCheckOptions): CheckResult[] {
  if (!model) return [];
  const { languageModel, dialog, prompts } = model.interactionModel;
  const results: CheckResult[] = [];
  const intents = languageModel.intents;
  const names = new Set(intents.map((intent) => intent.name));

  results.push(verdict('model.invocation-name', locale, invocationNameProblems(languageModel.invocationName, options.brands), `"${languageModel.invocationName}" follows the invocation name rules.`));

  const required = [...REQUIRED_BUILT_INS, ...YES_NO_BUILT_INS.filter((name) => options.handledIntents.includes(name))];
  const missing = required.filter((name) => !names.has(name));
  results.push(verdict('model.built-in-intents', locale, missing.map((name) => `${name} is missing`), `all ${required.length} required built-in intents are present.`));

  const custom = intents.filter((intent) => !intent.name.startsWith('AMAZON.'));
  const thin = custom.filter((intent) => (intent.samples?.length ?? 0) < MIN_SAMPLES_PER_CUSTOM_INTENT);
  results.push(
    verdict(
      'model.sample-count',
      locale,
      thin.map((intent) => `${intent.name} has ${intent.samples?.length ?? 0} sample utterances (at least ${MIN_SAMPLES_PER_CUSTOM_INTENT} needed)`),
      `every custom intent has at least ${MIN_SAMPLES_PER_CUSTOM_INTENT} sample utterances (fewest: ${Math.min(...custom.map((i) => i.samples?.length ?? 0))}).`,
    ),
  );

  results.push(verdict('model.unique-utterances', locale, duplicateUtterances(intents), 'no sample utterance appears twice or in two intents.'));
  results.push(verdict('model.slots', locale, slotProblems(intents, new Set((languageModel.types ?? []).map((type) => type.name)), languageModel.types ?? []), 'every slot used is declared and every slot type exists.'));
  results.push(verdict('model.dialog-prompts', locale, dialogPromptProblems(intents, dialog, prompts), 'every required slot and confirmation has a prompt.'));
  results.push(productValuesResult(locale, languageModel.types ?? [], options));
  return results;
}

function duplicateUtterances(intents: ModelIntent[]): string[] {
  const seen = new Map<string, { intent: string; sample: string }>();
  const problems: string[] = [];
  for (const intent of intents) {
    const slotTypes = new Map((intent.slots ?? []).map((slot) => [slot.name, slot.type]));
    for (const sample of intent.samples ?? []) {
      const key = normalisedUtterance(sample, slotTypes);
      const first = seen.get(key);
      if (!first) seen.set(key, { intent: intent.name, sample });
      else if (first.intent === intent.name) problems.push(`"${sample}" appears twice in ${intent.name}`);
      else problems.push(`"${sample}" is in both ${first.intent} and ${intent.name}${first.sample === sample ? '' : ` (as "${first.sample}")`}`);
    }
  }
  return problems;
}

function slotProblems(intents: ModelIntent[], customTypes: Set<string>, types: { name: string; values: unknown[] }[]): string[] {
  const problems: string[] = [];
  for (const intent of intents) {
    const declared = new Map((intent.slots ?? []).map((slot) => [slot.name, slot]));
    const samples = [...(intent.samples ?? []), ...(intent.slots ?? []).flatMap((slot) => slot.samples ?? [])];
    const undeclared = [...new Set(samples.flatMap(slotsUsedIn).filter((name) => !declared.has(name)))];
    for (const name of undeclared) problems.push(`${intent.name} uses {${name}} in a sample but declares no slot "${name}"`);
    for (const slot of intent.slots ?? []) {
      const builtIn = /^AMAZON\.[A-Za-z_]+$/.test(slot.type);
      if (!builtIn && !customTypes.has(slot.type)) problems.push(`${intent.name}.${slot.name} has type ${slot.type}, which is neither AMAZON.* nor defined in "types"`);
    }
  }
  for (const type of types) if (type.values.length === 0) problems.push(`custom slot type ${type.name} has no values`);
  return problems;
}

type Dialog = InteractionModelFile['interactionModel']['dialog'];
type Prompts = InteractionModelFile['interactionModel']['prompts'];

function dialogPromptProblems(intents: ModelIntent[], dialog: Dialog, prompts: Prompts): string[] {
  if (!dialog) return [];
  const promptIds = new Map((prompts ?? []).map((prompt) => [prompt.id, prompt.variations.filter((v) => v.value.trim()).length]));
  const problems: string[] = [];
  const needPrompt = (where: string, id: string | undefined) => {
    if (!id) problems.push(`${where} has no prompt id`);
    else if (!promptIds.has(id)) problems.push(`${where} names prompt "${id}", which is not in "prompts"`);
    else if (promptIds.get(id) === 0) problems.push(`${where}: prompt "${id}" has no variations`);
  };
  for (const dialogIntent of dialog.intents) {
    const modelIntent = intents.find((intent) => intent.name === dialogIntent.name);
    if (!modelIntent) {
      problems.push(`the dialog model names ${dialogIntent.name}, which is not an intent of the model`);
      continue;
    }
    if (dialogIntent.confirmationRequired) needPrompt(`${dialogIntent.name} (intent confirmation)`, dialogIntent.prompts?.confirmation);
    for (const slot of dialogIntent.slots ?? []) {
      if (!(modelIntent.slots ?? []).some((s) => s.name === slot.name)) problems.push(`the dialog model has slot ${dialogIntent.name}.${slot.name}, which the intent does not declare`);
      if (slot.elicitationRequired) needPrompt(`${dialogIntent.name}.${slot.name} (elicitation)`, slot.prompts?.elicitation);
      if (slot.confirmationRequired) needPrompt(`${dialogIntent.name}.${slot.name} (confirmation)`, slot.prompts?.confirmation);
    }
  }
  return problems;
}

function productValuesResult(locale: string, types: { name: string; values: { id?: string; name: { value: string; synonyms?: string[] } }[] }[], options: ModelCheckOptions): CheckResult {
  const productType = types.find((type) => type.name === 'PRODUCT');
  if (!productType) return fail('model.product-values', locale, 'the model has no PRODUCT slot type, so shoppers cannot name products.');
  if (!options.catalog) return fail('model.product-values', locale, `the catalog (${options.catalogSource}) could not be read.`);
  if (options.catalog.length === 0) return fail('model.product-values', locale, `the ${options.catalogSource} is empty: load it (\`npm run cli -- seed\` for the demo) before comparing.`);
  const expected = new Map(productSlotValues(options.catalog, locale).map((value) => [value.id, value]));
  const actual = new Map(productType.values.map((value) => [value.id ?? '', value]));
  const problems: string[] = [];
  const missing = [...expected.keys()].filter((sku) => !actual.has(sku));
  const extra = [...actual.keys()].filter((sku) => !expected.has(sku));
  if (missing.length) problems.push(`${missing.length} catalog product(s) missing from PRODUCT: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  if (extra.length) problems.push(`${extra.length} PRODUCT value(s) not in the catalog: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`);
  for (const [sku, want] of expected) {
    const have = actual.get(sku);
    if (!have) continue;
    if (have.name.value !== want.value) problems.push(`${sku} is "${have.name.value}" in the model but "${want.value}" in the catalog`);
    else if ([...(have.name.synonyms ?? [])].sort().join('|') !== [...want.synonyms].sort().join('|')) problems.push(`${sku} synonyms differ from the catalog's`);
  }
  return verdict('model.product-values', locale, problems, `${expected.size} PRODUCT values match the ${options.catalogSource}.`, 6);
}
