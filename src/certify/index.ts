import type { RequestEnvelope } from 'ask-sdk-model';
import { buildAlexaSkill, alexaSkillCoverage } from '../channels/alexa/skill';
import type { CatalogEntry } from '../conversation/vocabulary-catalog';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { commerceSettings } from '../services/settings';
import { linkChannels } from '../channels/registry';
import { checkBehaviour, type SkillInvoker } from './behaviour';
import { checkModel, loadModels } from './model-checks';
import { buildReport, verdict, type CertifyReport, type CheckResult } from './report';
import { checkSecurity } from './security';

export type { SkillInvoker } from './behaviour';
export { summaryLines, writeReport, renderMarkdown, type CertifyReport } from './report';

export interface CertifyOptions {
  config: Config;
  log: Logger;
  /** The folder holding interactionModels/custom/<locale>.json (the skill package root). */
  skillPackageDir: string;
  /** The catalog the PRODUCT values must match, and what it is called in the report. */
  catalog: { entries: CatalogEntry[] | null; source: string };
  /** The skill under test; default: the project's own, built as the endpoint builds it. */
  invokeSkill?: SkillInvoker;
  /** The intents the skill handles; default: read from the skill's own mapping. */
  handledIntents?: readonly string[];
  /** Which parts of the checklist to run; default all. The model checks need no database. */
  sections?: readonly CertifySection[];
}

export type CertifySection = 'models' | 'handlers' | 'behaviour' | 'security';
export const ALL_SECTIONS: readonly CertifySection[] = ['models', 'handlers', 'behaviour', 'security'];

/** The project's Alexa skill as an in-process function, with no progressive-response delay (no call leaves the process). */
export function projectSkillInvoker(config: Config, log: Logger): SkillInvoker {
  const skill = buildAlexaSkill({ settings: commerceSettings(config, { linkChannels: linkChannels() }), log, apiBaseUrl: config.ALEXA_API_BASE_URL, progressiveAfterMs: 0 });
  return (envelope: RequestEnvelope) => skill.invoke(envelope);
}

/** Every check of the checklist, in order: models, handler coverage, behaviour, security. Needs a connected database. */
export async function runCertification(options: CertifyOptions): Promise<CertifyReport> {
  const { config, log } = options;
  const handledIntents = options.handledIntents ?? alexaSkillCoverage().intents;
  const brands = (config.CERTIFY_BRAND_INVOCATION_NAMES ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const sections = new Set(options.sections ?? ALL_SECTIONS);
  const results: CheckResult[] = [];

  const { models, results: loading } = await loadModels(options.skillPackageDir);
  if (sections.has('models')) results.push(...loading);
  for (const loaded of sections.has('models') ? models : []) {
    results.push(...checkModel(loaded, { brands, handledIntents, catalog: options.catalog.entries, catalogSource: options.catalog.source }));
  }

  for (const { locale, model } of sections.has('handlers') ? models : []) {
    if (!model) continue;
    const modelIntents = model.interactionModel.languageModel.intents.map((intent) => intent.name);
    const unhandled = modelIntents.filter((name) => !handledIntents.includes(name));
    const absent = handledIntents.filter((name) => !modelIntents.includes(name));
    results.push(verdict('handlers.model-intents-handled', locale, unhandled.map((name) => `${name} is in the model but the skill has no handler for it (it would be answered as a fallback)`), `all ${modelIntents.length} model intents have a handler.`));
    results.push(verdict('handlers.handled-intents-in-model', locale, absent.map((name) => `the skill handles ${name} but the model does not list it, so Alexa never sends it`), `all ${handledIntents.length} handled intents are in the model.`));
  }

  const invoke = options.invokeSkill ?? projectSkillInvoker(config, log);
  const settings = commerceSettings(config, { linkChannels: linkChannels() });
  for (const { locale, model } of sections.has('behaviour') ? models : []) {
    if (!model) continue;
    const modelIntents = model.interactionModel.languageModel.intents.map((intent) => intent.name);
    results.push(...(await checkBehaviour({ config, invoke, skillId: config.ALEXA_SKILL_ID, settings, locale, modelIntents })));
  }

  if (sections.has('security')) results.push(...(await checkSecurity(config, log)));
  return buildReport(results);
}
