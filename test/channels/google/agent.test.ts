import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { AGENT_FOLDER, AGENT_LANGUAGES, buildDialogflowAgent, productEntries, zipDialogflowAgent } from '../../../src/channels/google/agent';
import { agentSchema, entityEntriesSchema, intentSchema, schemaForAgentFile, userSaysSchema } from '../../../src/channels/google/agent-schema';
import { ANSWER_CONTEXTS } from '../../../src/channels/google/capabilities';
import { FALLBACK_INTENT, OPTION_EVENT, SELECT_INTENT, WELCOME_INTENT, dialogflowIntentName } from '../../../src/channels/google/intent-names';
import { INTENT_DEFINITIONS } from '../../../src/conversation/vocabulary';
import { DEMO_PRODUCTS } from '../../../src/demo/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const AGENT_DIR = path.join(ROOT, AGENT_FOLDER);

function committedFiles(dir = AGENT_DIR, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [file, text] of committedFiles(full, `${prefix}${name}/`)) files.set(file, text);
    else files.set(`${prefix}${name}`, readFileSync(full, 'utf8'));
  }
  return files;
}

const built = buildDialogflowAgent(DEMO_PRODUCTS);
const parsed = (file: string) => JSON.parse(built.get(file)!) as unknown;

describe('Dialogflow ES agent', () => {
  it(`${AGENT_FOLDER}/ is what the generator makes from the demo catalogue (regenerate with build-models --demo)`, () => {
    const committed = committedFiles();
    assert.deepEqual([...committed.keys()].sort(), [...built.keys()].sort());
    for (const [file, text] of built) assert.equal(committed.get(file), text, file);
  });

  it('passes the schema of every agent file', () => {
    for (const [file, text] of committedFiles()) {
      const result = schemaForAgentFile(file).safeParse(JSON.parse(text));
      assert.ok(result.success, `${file}: ${result.success ? '' : result.error.message}`);
    }
  });

  it('has a product entity whose values are the catalogue skus and whose synonyms include each product name', () => {
    const entries = entityEntriesSchema.parse(parsed('entities/product_entries_en.json'));
    assert.deepEqual(entries.map((entry) => entry.value).sort(), DEMO_PRODUCTS.map((product) => product.sku).sort());
    for (const product of DEMO_PRODUCTS) {
      const entry = entries.find((candidate) => candidate.value === product.sku)!;
      assert.equal(entry.synonyms[0], product.name);
    }
    const allSynonyms = entries.flatMap((entry) => entry.synonyms.map((synonym) => synonym.toLowerCase()));
    assert.equal(new Set(allSynonyms).size, allSynonyms.length, 'no synonym names two products');
    assert.deepEqual(entries, productEntries([...DEMO_PRODUCTS].reverse()), 'the same whatever order the catalogue comes in');
  });

  it('has an intent for every vocabulary sense, plus carousel selection, all fulfilled by the webhook', () => {
    const names = new Set(INTENT_DEFINITIONS.map(dialogflowIntentName));
    names.add(SELECT_INTENT);
    const intentFiles = [...built.keys()].filter((file) => /^intents\/[^/]+\.json$/.test(file) && !file.includes('_usersays_'));
    assert.deepEqual(intentFiles.map((file) => file.slice('intents/'.length, -'.json'.length)).sort(), [...names].sort());
    for (const file of intentFiles) assert.equal(intentSchema.parse(parsed(file)).webhookUsed, true, file);
    assert.deepEqual(intentSchema.parse(parsed(`intents/${WELCOME_INTENT}.json`)).events, [{ name: 'WELCOME' }, { name: 'GOOGLE_ASSISTANT_WELCOME' }]);
    assert.equal(intentSchema.parse(parsed(`intents/${FALLBACK_INTENT}.json`)).fallbackIntent, true);
    assert.deepEqual(intentSchema.parse(parsed(`intents/${SELECT_INTENT}.json`)).events, [{ name: OPTION_EVENT }]);
    assert.deepEqual(intentSchema.parse(parsed('intents/VoiceCodeIntent.json')).contexts, [ANSWER_CONTEXTS.voiceCode]);
  });

  it('annotates training phrases with declared parameters of known entities, and no phrase is in two intents', () => {
    const entities = new Set([...built.keys()].filter((file) => /^entities\/[^/_]+\.json$/.test(file)).map((file) => `@${file.slice('entities/'.length, -'.json'.length)}`));
    const seen = new Map<string, string>();
    for (const file of [...built.keys()].filter((candidate) => candidate.includes('_usersays_'))) {
      const intentName = file.slice('intents/'.length, file.indexOf('_usersays_'));
      const parameters = new Map(intentSchema.parse(parsed(`intents/${intentName}.json`)).responses[0]!.parameters.map((parameter) => [parameter.name, parameter.dataType]));
      for (const phrase of userSaysSchema.parse(parsed(file))) {
        for (const part of phrase.data) {
          if (!part.userDefined) continue;
          assert.equal(parameters.get(part.alias), part.meta, `${intentName}: ${part.alias}`);
          assert.ok(part.meta.startsWith('@sys.') || entities.has(part.meta), `${intentName}: unknown entity ${part.meta}`);
        }
        const text = `${phrase.lang}: ${phrase.data.map((part) => (part.userDefined ? `{${part.alias}}` : part.text)).join('').toLowerCase()}`;
        assert.equal(seen.get(text) ?? intentName, intentName, `"${text}" is in ${seen.get(text)} and ${intentName}`);
        seen.set(text, intentName);
      }
    }
    const addToCart = userSaysSchema.parse(parsed('intents/AddToCartIntent_usersays_en.json'));
    const withQuantity = addToCart.find((phrase) => phrase.data.some((part) => part.userDefined && part.alias === 'quantity'))!;
    assert.ok(withQuantity.data.some((part) => part.userDefined && part.alias === 'product' && part.meta === '@product'));
  });

  it('speaks every new language Dialogflow ES supports: its training phrases in that language, its product entity from the catalogue translations', () => {
    assert.deepEqual(agentSchema.parse(parsed('agent.json')).supportedLanguages, ['pt-br', 'it', 'zh-cn', 'pl', 'ro']);
    const cases = [
      { lang: 'pt-br', reorder: 'repetir o último pedido', coffee: 'Café Colombiano' },
      { lang: 'it', reorder: "ripeti l'ultimo ordine", coffee: 'Caffè Colombiano' },
      { lang: 'zh-cn', reorder: '重复上次的订单', coffee: '哥伦比亚咖啡' },
      { lang: 'pl', reorder: 'powtórz ostatnie zamówienie', coffee: 'Kawa Kolumbijska' },
      { lang: 'ro', reorder: 'repetă ultima comandă', coffee: 'Cafea Columbiană' },
    ];
    assert.deepEqual(cases.map((c) => c.lang).sort(), Object.keys(AGENT_LANGUAGES).filter((lang) => lang !== 'en').sort());
    for (const { lang, reorder, coffee } of cases) {
      const phrases = userSaysSchema.parse(parsed(`intents/ReorderIntent_usersays_${lang}.json`));
      assert.ok(phrases.every((phrase) => phrase.lang === lang), `${lang}: every phrase says its language`);
      assert.ok(phrases.some((phrase) => phrase.data.map((part) => part.text).join('') === reorder), `${lang}: "${reorder}" trains ReorderIntent`);
      const addToCart = userSaysSchema.parse(parsed(`intents/AddToCartIntent_usersays_${lang}.json`));
      assert.ok(addToCart.some((phrase) => phrase.data.some((part) => part.userDefined && part.meta === '@product')), `${lang}: AddToCart phrases name a product`);
      const products = entityEntriesSchema.parse(parsed(`entities/product_entries_${lang}.json`));
      assert.equal(products.find((entry) => entry.value === 'COF-001')?.synonyms[0], coffee, `${lang}: the product entity has the translated name`);
      for (const entity of ['category', 'voice-code']) assert.ok(built.has(`entities/${entity}_entries_${lang}.json`), `${lang}: ${entity} entries`);
    }
    // The English agent is as before: its phrases and entities are English.
    assert.equal(entityEntriesSchema.parse(parsed('entities/product_entries_en.json')).find((entry) => entry.value === 'COF-001')?.synonyms[0], 'Colombian Coffee');
  });

  it('zips to an importable archive: the same files, agent.json at the root, the same bytes every time', () => {
    const zip = zipDialogflowAgent(built);
    const unzipped = unzipSync(zip);
    assert.deepEqual(Object.keys(unzipped).sort(), [...built.keys()].sort());
    for (const [file, text] of built) assert.equal(strFromU8(unzipped[file]!), text, file);
    assert.deepEqual(zipDialogflowAgent(buildDialogflowAgent(DEMO_PRODUCTS)), zip);
  });
});
