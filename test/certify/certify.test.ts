import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogEntry } from '../../src/conversation/vocabulary-catalog';
import { projectSkillInvoker, runCertification, writeReport, type CertifyReport, type SkillInvoker } from '../../src/certify';
import { DEMO_PRODUCTS } from '../../src/demo/catalog';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';

const ROOT = path.resolve(__dirname, '../..');
const demoCatalog = { entries: DEMO_PRODUCTS as CatalogEntry[], source: 'demo catalog' };

function check(report: CertifyReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `no check ${id} in the report: ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

const failures = (report: CertifyReport) => report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`);

/** A copy of the project's skill package whose en-US model the test breaks on purpose. */
async function brokenPackage(breakModel: (model: ModelJson) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'certify-'));
  await cp(path.join(ROOT, 'interactionModels'), path.join(dir, 'interactionModels'), { recursive: true });
  const file = path.join(dir, 'interactionModels', 'custom', 'en-US.json');
  const model = JSON.parse(await readFile(file, 'utf8')) as ModelJson;
  breakModel(model);
  await writeFile(file, JSON.stringify(model));
  return dir;
}

interface ModelJson {
  interactionModel: { languageModel: { invocationName: string; intents: { name: string; samples: string[]; slots?: unknown[] }[] } };
}

const intentOf = (model: ModelJson, name: string) => model.interactionModel.languageModel.intents.find((i) => i.name === name)!;

describe('certify', () => {
  // The behaviour checks only read the catalog and make their own shoppers, so one fresh store serves every test.
  before(freshDemoStore);
  const temporary: string[] = [];
  after(async () => {
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const broken = async (breakModel: (model: ModelJson) => void) => {
    const dir = await brokenPackage(breakModel);
    temporary.push(dir);
    return dir;
  };
  const staticChecks = (skillPackageDir: string) => runCertification({ config: testConfig(), log: silentLog, skillPackageDir, catalog: demoCatalog, sections: ['models', 'handlers'] });

  it("passes on the project's own skill: every item of the checklist, for every locale", async function () {
    // About 80 skill turns and a local HTTP server: generous room on a loaded 2-core machine.
    this.timeout(180_000);
    const report = await runCertification({ config: testConfig(), log: silentLog, skillPackageDir: ROOT, catalog: demoCatalog });
    assert.deepEqual(failures(report), []);
    assert.equal(report.passed, true);
    for (const locale of ['en-US', 'en-GB']) {
      for (const rule of ['model.schema', 'model.invocation-name', 'model.built-in-intents', 'model.sample-count', 'model.unique-utterances', 'model.slots', 'model.dialog-prompts', 'model.product-values', 'handlers.model-intents-handled', 'handlers.handled-intents-in-model', 'behaviour.launch', 'behaviour.help', 'behaviour.stop', 'behaviour.cancel', 'behaviour.fallback', 'behaviour.session-ended', 'behaviour.reprompt', 'behaviour.speech', 'behaviour.ssml', 'behaviour.purchase-read-back', 'behaviour.purchase-confirmation']) {
        assert.equal(check(report, `${rule}.${locale}`).status, 'pass');
      }
    }
    for (const id of ['security.unsigned', 'security.tampered', 'security.stale']) assert.equal(check(report, id).status, 'pass');
    assert.match(check(report, 'behaviour.purchase-read-back.en-US').message, /Your order from Corner Market: 1 .+ delivered to 1 Certification Way.+The total is \d+ dollars/);
    assert.match(check(report, 'security.tampered').message, /refused with 400 \(signature-mismatch\)/);
    assert.match(check(report, 'security.stale').message, /refused with 400 \(timestamp-out-of-range\)/);
  });

  it('fails the invocation name item for a one-word name, and says how to fix it', async () => {
    const dir = await broken((model) => {
      model.interactionModel.languageModel.invocationName = 'market';
    });
    const report = await staticChecks(dir);
    const item = check(report, 'model.invocation-name.en-US');
    assert.equal(item.status, 'fail');
    assert.equal(item.message, '"market" is one word: use at least two words, or list it in CERTIFY_BRAND_INVOCATION_NAMES if it is your own brand');
    assert.match(item.fix, /two or more lowercase words/);
    assert.equal(check(report, 'model.invocation-name.en-GB').status, 'pass');
    assert.deepEqual(failures(report), [`model.invocation-name.en-US: ${item.message}`]);
    assert.equal(report.passed, false);
  });

  it('accepts a one-word name listed as the owner\'s brand', async () => {
    const dir = await broken((model) => {
      model.interactionModel.languageModel.invocationName = 'zappomart';
    });
    const report = await runCertification({ config: testConfig({ CERTIFY_BRAND_INVOCATION_NAMES: 'zappomart,other brand' }), log: silentLog, skillPackageDir: dir, catalog: demoCatalog, sections: ['models'] });
    assert.equal(check(report, 'model.invocation-name.en-US').status, 'pass');
  });

  it('fails the unique-utterance item for an utterance in two intents, naming both', async () => {
    const dir = await broken((model) => {
      intentOf(model, 'ViewCartIntent').samples.push('Check  out');
    });
    const report = await staticChecks(dir);
    const item = check(report, 'model.unique-utterances.en-US');
    assert.equal(item.status, 'fail');
    assert.equal(item.message, '"Check  out" is in both CheckoutIntent and ViewCartIntent (as "check out")');
    assert.deepEqual(failures(report), [`model.unique-utterances.en-US: ${item.message}`]);
  });

  it('sees utterances that differ only in slot names as the same utterance', async () => {
    const dir = await broken((model) => {
      const browse = intentOf(model, 'BrowseIntent');
      browse.slots!.push({ name: 'item', type: 'PRODUCT' });
      browse.samples.push('how much is {item}');
    });
    const item = check(await staticChecks(dir), 'model.unique-utterances.en-US');
    assert.equal(item.status, 'fail');
    assert.equal(item.message, '"how much is {product}" is in both BrowseIntent and ProductPriceIntent (as "how much is {item}")');
  });

  it('fails handler coverage for an intent in the model that no handler answers', async () => {
    const dir = await broken((model) => {
      model.interactionModel.languageModel.intents.push({ name: 'TrackParcelIntent', samples: Array.from({ length: 10 }, (_, i) => `where is parcel number ${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][i]}`) });
    });
    const report = await staticChecks(dir);
    const item = check(report, 'handlers.model-intents-handled.en-US');
    assert.equal(item.status, 'fail');
    assert.equal(item.message, 'TrackParcelIntent is in the model but the skill has no handler for it (it would be answered as a fallback)');
    assert.match(item.fix, /VOCABULARY \(src\/conversation\/vocabulary.ts\)/);
    assert.deepEqual(failures(report), [`handlers.model-intents-handled.en-US: ${item.message}`]);
  });

  it('fails the other direction when the skill handles an intent the model lacks, and requires Yes/No only when handled', async () => {
    const dir = await broken((model) => {
      const intents = model.interactionModel.languageModel.intents;
      intents.splice(intents.findIndex((i) => i.name === 'AMAZON.YesIntent'), 1);
    });
    const report = await staticChecks(dir);
    assert.equal(check(report, 'handlers.handled-intents-in-model.en-US').message, 'the skill handles AMAZON.YesIntent but the model does not list it, so Alexa never sends it');
    assert.equal(check(report, 'model.built-in-intents.en-US').message, 'AMAZON.YesIntent is missing');
  });

  it('fails the reprompt items when a handler override leaves the session open without a reprompt', async () => {
    // One locale is enough to show it; the full run above covers them all.
    const dir = await broken(() => undefined);
    for (const other of ['en-GB', 'pt-BR', 'it-IT']) await rm(path.join(dir, 'interactionModels', 'custom', `${other}.json`));
    const config = testConfig();
    const project = projectSkillInvoker(config, silentLog);
    // The override: help answers as before but forgets its reprompt.
    const withoutHelpReprompt: SkillInvoker = async (envelope) => {
      const answer = await project(envelope);
      const request = envelope.request as { intent?: { name: string } };
      if (request.intent?.name === 'AMAZON.HelpIntent') delete answer.response.reprompt;
      return answer;
    };
    const report = await runCertification({ config, log: silentLog, skillPackageDir: dir, catalog: demoCatalog, invokeSkill: withoutHelpReprompt, sections: ['behaviour'] });
    assert.equal(check(report, 'behaviour.help.en-US').message, 'it leaves the session open without a reprompt');
    assert.equal(check(report, 'behaviour.reprompt.en-US').message, '"help" leaves the session open without a reprompt; "AMAZON.HelpIntent (no slots)" leaves the session open without a reprompt');
    assert.deepEqual(failures(report).map((line) => line.split(':')[0]).sort(), ['behaviour.help.en-US', 'behaviour.reprompt.en-US']);
  });

  it('fails the security items when the endpoint does not verify signatures, and says why', async () => {
    const report = await runCertification({ config: testConfig({ ALEXA_VERIFY_SIGNATURE: 'false' }), log: silentLog, skillPackageDir: ROOT, catalog: demoCatalog, sections: ['security'] });
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status, c.message]),
      [
        ['security.unsigned', 'fail', 'a request without SignatureCertChainUrl and Signature-256 was ACCEPTED with 200 because ALEXA_VERIFY_SIGNATURE=false.'],
        ['security.tampered', 'fail', 'a signed request whose body was changed after signing was ACCEPTED with 200 because ALEXA_VERIFY_SIGNATURE=false.'],
        ['security.stale', 'fail', 'a signed request whose timestamp is 151 s old was ACCEPTED with 200 because ALEXA_VERIFY_SIGNATURE=false.'],
      ],
    );
  });

  it('fails PRODUCT values when the catalog has moved on from the model', async () => {
    const catalog = { entries: [...(DEMO_PRODUCTS as CatalogEntry[]), { sku: 'NEW-001', name: 'Oat Milk', synonyms: [], category: 'grocery' }], source: 'catalog in the database' };
    const report = await runCertification({ config: testConfig(), log: silentLog, skillPackageDir: ROOT, catalog, sections: ['models'] });
    assert.equal(check(report, 'model.product-values.en-US').message, '1 catalog product(s) missing from PRODUCT: NEW-001');
  });

  it('says so when the catalog it compares with is empty, rather than listing every value', async () => {
    const report = await runCertification({ config: testConfig(), log: silentLog, skillPackageDir: ROOT, catalog: { entries: [], source: 'catalog in the database' }, sections: ['models'] });
    assert.equal(check(report, 'model.product-values.en-GB').message, 'the catalog in the database is empty: load it (`npm run cli -- seed` for the demo) before comparing.');
  });

  it('writes the report as Markdown and JSON, one line per item', async () => {
    const dir = await broken((model) => {
      model.interactionModel.languageModel.invocationName = 'market';
    });
    const report = await staticChecks(dir);
    const files = await writeReport(report, path.join(dir, 'report'));
    const json = JSON.parse(await readFile(files.json, 'utf8')) as CertifyReport;
    assert.equal(json.passed, false);
    assert.equal(json.checks.length, report.checks.length);
    const markdown = await readFile(files.markdown, 'utf8');
    assert.match(markdown, /\*\*FAILED\*\* \(\d+ passed, 1 failed\)/);
    assert.ok(markdown.includes('| `model.invocation-name.en-US` | **FAIL** | "market" is one word'));
    assert.ok(markdown.includes('[Design the Invocation Name for Your Skill](https://developer.amazon.com/en-US/docs/alexa/interaction-model-design/design-the-invocation-name-for-your-skill.html)'));
    assert.equal(markdown.split('\n').filter((line) => line.startsWith('| `')).length, report.checks.length);
  });
});
