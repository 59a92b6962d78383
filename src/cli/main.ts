import path from 'node:path';
import { writeAlexaModels } from '../channels/alexa/interaction-model';
import type { CatalogEntry } from '../conversation/vocabulary-catalog';
import { AGENT_FOLDER, writeDialogflowAgent, writeDialogflowZip } from '../channels/google/agent';
import { ALL_SECTIONS, type CertifySection } from '../certify';
import { certifyFromCli } from '../certify/cli';
import { ConfigError, loadConfig } from '../config';
import { DEMO_PRODUCTS } from '../demo/catalog';
import { listActiveProducts } from '../store/catalog-store';
import { createLogger } from '../logger';
import { openDatabase, startService, startWorker } from '../startup';
import { upgradeData } from '../db/upgrade';
import { seedDemoData } from '../store/demo-seed';

const USAGE = `usage: npm run cli -- <command>
  serve [--no-worker]
          run the HTTP service (what npm start does), with the inbound workers unless --no-worker
          (or INBOUND_WORKER=false): web-only instances next to separate workers
  worker  run the inbound workers and the outbox alone, no HTTP server (any number, one database)
  seed    load the demo catalog and customers (safe to run twice)
  migrate upgrade data written by earlier releases (safe to run again): drop indexes the schemas no
          longer declare, rebuild every customer's order summary from their orders
  build-models [--demo] [--zip <file>]
          regenerate interactionModels/ (Alexa, every locale, and the Dialogflow ES agent) from the
          catalog in the database, or from the demo catalog with --demo (no database needed);
          --zip also writes the Dialogflow agent as a zip to import in the Dialogflow console
  certify [--catalog demo|database] [--skill-package <dir>] [--only models,handlers,behaviour,security]
          check the Alexa skill against the certification checklist; report in <DATA_DIR>/certify/
          (PRODUCT values compared with the demo catalog, the default, or the catalog in the database;
          models read from <dir>/interactionModels/custom, default this repository;
          models and handlers alone need no database)`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  const loaded = loadConfig();
  const config = command === 'serve' && argv.includes('--no-worker') ? { ...loaded, INBOUND_WORKER: false } : loaded;
  const log = createLogger(config.LOG_LEVEL);

  switch (command) {
    case 'serve': {
      const service = await startService(config, log);
      await untilSignalled(service, log);
      return 0;
    }
    case 'worker': {
      await untilSignalled(await startWorker(config, log), log);
      return 0;
    }
    case 'seed': {
      if (config.NODE_ENV === 'production') {
        // The demo customers' voice code (4321) is in the README: never in a production database.
        console.error('seed loads demo customers with a published voice code; it does not run with NODE_ENV=production');
        return 2;
      }
      const database = await openDatabase(config, log);
      try {
        const result = await seedDemoData({ voiceCodePepper: config.VOICE_CODE_PEPPER! });
        console.log(`seeded: ${result.products} products, ${result.customers} customers`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'migrate': {
      const database = await openDatabase(config, log);
      try {
        const result = await upgradeData(log);
        const listed = (names: string[]) => (names.length > 0 ? ` (${names.join(', ')})` : '');
        console.log(
          `migrated: ${result.droppedIndexes.length} stale indexes dropped${listed(result.droppedIndexes)}, ${result.orderSummaries} order summaries rebuilt, ${result.droppedCollections.length} retired collections dropped${listed(result.droppedCollections)}, ${result.pendingOrdersMarked} pending orders marked for maintenance`,
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'build-models': {
      const zipAt = argv.indexOf('--zip');
      const zipFile = zipAt >= 0 ? argv[zipAt + 1] : undefined;
      if (zipAt >= 0 && (!zipFile || zipFile.startsWith('--'))) {
        console.error(`--zip needs a file name\n${USAGE}`);
        return 2;
      }
      const catalog = argv.includes('--demo') ? DEMO_PRODUCTS : await catalogFromDatabase(config, log);
      const written = await writeAlexaModels(catalog, PROJECT_ROOT);
      const agentFiles = await writeDialogflowAgent(catalog, PROJECT_ROOT);
      const summary = [...written.map((file) => path.relative(PROJECT_ROOT, file)), `${AGENT_FOLDER}/ (${agentFiles.length} files)`];
      if (zipFile) summary.push(await writeDialogflowZip(catalog, path.resolve(zipFile)));
      console.log(`wrote ${summary.join(', ')}`);
      return 0;
    }
    case 'certify': {
      const catalogValue = optionValue(argv, '--catalog') ?? 'demo';
      if (catalogValue !== 'demo' && catalogValue !== 'database') {
        console.error(`--catalog must be demo or database, not ${catalogValue}\n${USAGE}`);
        return 2;
      }
      const skillPackageDir = path.resolve(optionValue(argv, '--skill-package') ?? PROJECT_ROOT);
      const only = optionValue(argv, '--only')?.split(',');
      const unknownSection = only?.find((section) => !(ALL_SECTIONS as readonly string[]).includes(section));
      if (unknownSection !== undefined) {
        console.error(`--only takes ${ALL_SECTIONS.join(', ')}, not ${unknownSection}\n${USAGE}`);
        return 2;
      }
      // Start-up logs would bury the checklist: warnings only, unless LOG_LEVEL is set.
      const quiet = process.env.LOG_LEVEL ? log : createLogger('warn');
      const { report, files, lines } = await certifyFromCli({ config, log: quiet, skillPackageDir, catalog: catalogValue, sections: only as CertifySection[] | undefined });
      console.log(lines.join('\n'));
      console.log(`report: ${path.relative(process.cwd(), files.markdown)}, ${path.relative(process.cwd(), files.json)}`);
      return report.passed ? 0 : 1;
    }
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** Runs until SIGINT or SIGTERM, then stops gracefully; a second signal means "now". */
function untilSignalled(running: { stop(): Promise<void> }, log: ReturnType<typeof createLogger>): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down: draining in-flight work');
      // A second Ctrl-C means "now": the database child still gets its signal through the process group.
      process.once(signal, () => process.exit(130));
      running.stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}

/** `--name value` or `--name=value`. */
function optionValue(argv: string[], name: string): string | undefined {
  const joined = argv.find((arg) => arg.startsWith(`${name}=`));
  if (joined) return joined.slice(name.length + 1);
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function catalogFromDatabase(config: ReturnType<typeof loadConfig>, log: ReturnType<typeof createLogger>): Promise<CatalogEntry[]> {
  const database = await openDatabase(config, log);
  try {
    return await listActiveProducts();
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Start-up problems are the operator's to fix: say what, without a stack trace.
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`start-up failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
