/**
 * `npm run bench`: every figure of docs/BENCHMARKS.md, measured in one run on this machine against the
 * embedded database (the launcher `npm start` uses), each beside a baseline from the same run.
 * `npm run bench -- --quick` runs tiny sizes in a minute or two: a smoke test of the whole run and of
 * the report, not a measurement. BENCH_OUT_DIR writes the report elsewhere; BENCH_REPORT_ONLY=1
 * re-renders it from the last run's JSON (after editing bench/FINDINGS.md) without measuring.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { startDatabase } from '../src/db/launcher';
import { createLogger } from '../src/logger';
import { invalidateCatalogIndex } from '../src/services/catalog';
import { seedDemoData } from '../src/store/demo-seed';
import { certChainPem, testTrustRoots } from '../test/support/alexa-signing';
import { runAlexaBenchmark } from './alexa';
import { createFiller } from './filler';
import { measureGrowth } from './growth';
import { runMatchingBenchmark } from './matching';
import { runMessagingBenchmark } from './messaging';
import { writeReport, type BenchmarkResults } from './report';
import { startFakeApi } from './support/fake-api';
import { startServerProcess, type ServerProcess } from './support/processes';
import { machineInfo, round } from './support/stats';

export interface BenchmarkSizes {
  /** Documents in each large collection for the growth section's two measurements. */
  growthSmall: number;
  growthLarge: number;
  growthSamples: number;
  growthSecondsPerTurn: number;
  alexaCustomers: number;
  alexaSeconds: number;
  helloSeconds: number;
  connections: number;
  webhookRate: number;
  webhookSeconds: number;
  /** How long replies may still come after the webhook load before the rest count as missing. */
  drainLimitS: number;
  matchingSizes: number[];
  matchingQueries: number;
}

/** The filler is most of the run: 500,000 documents at 360–850 a second on 2 busy cores (32 minutes in all there; unmeasured on a quiet machine). */
export const FULL_SIZES: BenchmarkSizes = {
  growthSmall: 1_000,
  growthLarge: 100_000,
  growthSamples: 20,
  growthSecondsPerTurn: 15,
  alexaCustomers: 200,
  alexaSeconds: 30,
  helloSeconds: 10,
  connections: 8,
  webhookRate: 100,
  webhookSeconds: 30,
  drainLimitS: 60,
  matchingSizes: [1_000, 10_000, 100_000],
  matchingQueries: 5_000,
};

export const QUICK_SIZES: BenchmarkSizes = {
  growthSmall: 50,
  growthLarge: 300,
  growthSamples: 3,
  growthSecondsPerTurn: 1,
  alexaCustomers: 4,
  alexaSeconds: 2,
  helloSeconds: 1,
  connections: 2,
  webhookRate: 5,
  webhookSeconds: 2,
  drainLimitS: 60,
  matchingSizes: [100, 300, 1_000],
  matchingQueries: 40,
};

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const load1 = () => round(loadavg()[0]!, 2);

/**
 * Runs every section against the database mongoose is connected to (demo data and filler are loaded
 * into it). `database` describes it for the report and tells the server processes where to connect.
 */
export async function runBenchmarks(options: { quick: boolean; sizes: BenchmarkSizes; dataDir: string; database: { uri: string; name: string; kind: string } }): Promise<BenchmarkResults> {
  const started = Date.now();
  const loadAtStart = load1();
  const { sizes } = options;

  log(`matching at ${sizes.matchingSizes.join(', ')} products`);
  const matching = runMatchingBenchmark(sizes.matchingSizes, sizes.matchingQueries);

  await seedDemoData({ voiceCodePepper: loadConfig({ NODE_ENV: 'development' }).VOICE_CODE_PEPPER! });
  invalidateCatalogIndex();
  const fillTo = createFiller();
  log(`filling the large collections to ${sizes.growthSmall} documents`);
  const smallFill = await fillTo(sizes.growthSmall);

  const fakeApi = await startFakeApi();
  const servers: ServerProcess[] = [];
  try {
    const [app, hello, bare] = await Promise.all([
      startServerProcess({ kind: 'app', databaseUri: options.database.uri, databaseName: options.database.name, dataDir: options.dataDir, fakeApiBaseUrl: fakeApi.url, trustedRootPem: testTrustRoots()[0]!.toString(), certChainPem: certChainPem() }),
      startServerProcess({ kind: 'hello-skill' }),
      startServerProcess({ kind: 'bare-express' }),
    ]);
    servers.push(app, hello, bare);
    const growthOptions = { app, fakeApi, samples: sizes.growthSamples, secondsPerTurn: sizes.growthSecondsPerTurn };

    log(`growth: hot turns with ${sizes.growthSmall} documents per collection`);
    const growthSmall = await measureGrowth({ ...growthOptions, label: 'small' }, smallFill);

    log(`alexa order flow for ${sizes.alexaSeconds} s (${sizes.alexaCustomers} customers, ${sizes.connections} connections)`);
    const alexa = await runAlexaBenchmark({ app, helloUrl: hello.url, fakeApiUrl: fakeApi.url, customers: sizes.alexaCustomers, connections: sizes.connections, seconds: sizes.alexaSeconds, helloSeconds: sizes.helloSeconds });

    // The pollers of `npm start` (retries, recovery, the sweeper) run while the workers are under load.
    await app.ask({ type: 'workers', on: true });
    log(`webhooks at ${sizes.webhookRate}/s for ${sizes.webhookSeconds} s`);
    const messaging = await runMessagingBenchmark({ app, bare, fakeApi, ratePerSecond: sizes.webhookRate, seconds: sizes.webhookSeconds, connections: sizes.connections, drainLimitS: sizes.drainLimitS });
    await app.ask({ type: 'workers', on: false });
    // A backlog the workers did not finish would run on into the growth section and be counted there.
    log('waiting for the workers to finish the webhook backlog');
    await app.ask({ type: 'drain' });

    log(`filling the large collections to ${sizes.growthLarge} documents`);
    const largeFill = await fillTo(sizes.growthLarge);
    log(`growth: hot turns with ${sizes.growthLarge} documents per collection (filled in ${largeFill.seconds} s)`);
    const growthLarge = await measureGrowth({ ...growthOptions, label: 'large' }, largeFill);

    return {
      date: new Date(started).toISOString(),
      quick: options.quick,
      durationS: round((Date.now() - started) / 1000, 1),
      machine: machineInfo(options.database.kind),
      loadAverage: { start: loadAtStart, end: load1() },
      growth: { small: growthSmall, large: growthLarge },
      alexa,
      messaging,
      matching,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fakeApi.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const outDir = process.env.BENCH_OUT_DIR ?? path.join(__dirname, '..', 'docs');
  if (process.env.BENCH_REPORT_ONLY === '1') {
    const { goals: _goals, ...results } = JSON.parse(readFileSync(path.join(outDir, 'benchmarks-results.json'), 'utf8')) as BenchmarkResults & { goals: unknown };
    writeReport(results, outDir);
    return;
  }
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'commerce-bench-'));
  const server = await startDatabase({ mongodbUri: process.env.MONGODB_URI, dataDir, log: createLogger('silent') });
  const name = `bench_${process.pid}_${Date.now()}`;
  try {
    await connectDatabase(server.uri, { dbName: name });
    const kind = server.backend === 'embedded-ferretdb' ? `embedded ${server.engine}` : server.backend === 'external' ? 'MongoDB-wire server at MONGODB_URI' : 'mongod (mongodb-memory-server)';
    const results = await runBenchmarks({ quick, sizes: quick ? QUICK_SIZES : FULL_SIZES, dataDir, database: { uri: server.uri, name, kind } });
    const files = writeReport(results, outDir);
    log(`done in ${results.durationS} s: ${files.markdown}`);
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectDatabase().catch(() => undefined);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
