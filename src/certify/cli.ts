import path from 'node:path';
import mongoose from 'mongoose';
import type { CatalogEntry } from '../conversation/vocabulary-catalog';
import type { Config } from '../config';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { startDatabase } from '../db/launcher';
import { DEMO_PRODUCTS } from '../demo/catalog';
import type { Logger } from '../logger';
import { openDatabase } from '../startup';
import { listActiveProducts } from '../store/catalog-store';
import { seedDemoData } from '../store/demo-seed';
import { ALL_SECTIONS, runCertification, summaryLines, writeReport, type CertifyReport, type CertifySection } from '.';

export interface CertifyCliOptions {
  config: Config;
  log: Logger;
  skillPackageDir: string;
  /** demo: the demo catalog (what the committed models are built from); database: the service's catalog. */
  catalog: 'demo' | 'database';
  sections?: readonly CertifySection[];
}

/**
 * `npm run certify`: the checklist against a scratch database of its own (the demo catalog and a test shopper,
 * dropped afterwards), so placing a test order never touches the shop's data. The report goes to
 * <DATA_DIR>/certify/report.md and report.json.
 */
export async function certifyFromCli(options: CertifyCliOptions): Promise<{ report: CertifyReport; files: { markdown: string; json: string }; lines: string[] }> {
  const { config, log } = options;
  const catalog = options.catalog === 'database' ? { entries: await catalogFromServiceDatabase(config, log), source: 'catalog in the database' } : { entries: DEMO_PRODUCTS as CatalogEntry[], source: 'demo catalog' };

  const sections = options.sections ?? ALL_SECTIONS;
  const needsDatabase = sections.includes('behaviour') || sections.includes('security');
  const report = needsDatabase ? await withScratchDatabase(options, () => runCertification({ config, log, skillPackageDir: options.skillPackageDir, catalog, sections })) : await runCertification({ config, log, skillPackageDir: options.skillPackageDir, catalog, sections });
  const files = await writeReport(report, path.join(config.DATA_DIR, 'certify'));
  return { report, files, lines: summaryLines(report) };
}

async function withScratchDatabase(options: CertifyCliOptions, run: () => Promise<CertifyReport>): Promise<CertifyReport> {
  const { config, log } = options;
  const server = await startDatabase({ mongodbUri: config.MONGODB_URI, dataDir: path.join(config.DATA_DIR, 'certify', 'db'), log });
  try {
    await connectDatabase(server.uri, { dbName: `certify_${process.pid}_${Date.now()}` });
    try {
      await seedDemoData({ voiceCodePepper: config.VOICE_CODE_PEPPER! });
      return await run();
    } finally {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await disconnectDatabase();
    }
  } finally {
    await server.stop();
  }
}

async function catalogFromServiceDatabase(config: Config, log: Logger): Promise<CatalogEntry[]> {
  const database = await openDatabase(config, log);
  try {
    return (await listActiveProducts()).map((product) => ({ sku: product.sku, name: product.name, synonyms: product.synonyms ?? [], category: product.category, translations: product.translations }));
  } finally {
    await database.close();
  }
}
