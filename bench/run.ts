/**
 * `npm run bench`: every figure of docs/BENCHMARKS.md, measured in one run on this machine, each
 * beside its baseline. BENCH_QUICK=1 runs tiny sizes in seconds (a smoke test, not a measurement).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { startDatabase } from '../src/db/launcher';
import { createLogger } from '../src/logger';
import { invalidateCatalogIndex } from '../src/services/catalog-service';
import { seedDemoData } from '../src/store/demo-seed';
import { certChainPem, testTrustRoots } from '../test/support/alexa-signing';
import { runAlexaBenchmark } from './alexa';
import { runMatchingBenchmark } from './matching';
import { runMessagingBenchmark } from './messaging';
import { runReorderBenchmark } from './reorder';
import { writeReport, type BenchmarkResults } from './report';
import { startFakeApi } from './support/fake-api';
import { startServerProcess, type ServerProcess } from './support/processes';
import { machineInfo, round } from './support/stats';

export interface BenchmarkSizes {
  matchingSizes: number[];
  matchingQueries: number;
  alexaCustomers: number;
  alexaSeconds: number;
  connections: number;
  helloSeconds: number;
  webhookRate: number;
  webhookSeconds: number;
  reorderPastOrders: number;
  reorderIterations: number;
}

export const FULL_SIZES: BenchmarkSizes = {
  matchingSizes: [1_000, 10_000, 100_000],
  matchingQueries: 5_000,
  alexaCustomers: 200,
  alexaSeconds: 60,
  connections: 8,
  helloSeconds: 10,
  webhookRate: 20,
  webhookSeconds: 10,
  reorderPastOrders: 10_000,
  reorderIterations: 10,
};

export const QUICK_SIZES: BenchmarkSizes = {
  matchingSizes: [200, 1_000, 2_000],
  matchingQueries: 200,
  alexaCustomers: 8,
  alexaSeconds: 3,
  connections: 4,
  helloSeconds: 1,
  webhookRate: 20,
  webhookSeconds: 1,
  reorderPastOrders: 100,
  reorderIterations: 3,
};

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/**
 * Runs every section against the database mongoose is connected to (demo data is loaded into it).
 * `database` describes it for the report and tells the server processes where to connect.
 */
export async function runBenchmarks(options: { quick: boolean; sizes: BenchmarkSizes; database: { uri: string; name: string; kind: string } }): Promise<BenchmarkResults> {
  const started = Date.now();
  const { sizes } = options;
  const machine = machineInfo(options.database.kind);

  log(`matching at ${sizes.matchingSizes.join(', ')} products`);
  const matching = runMatchingBenchmark(sizes.matchingSizes, sizes.matchingQueries);

  await seedDemoData({ voiceCodePepper: loadConfig({ NODE_ENV: 'development' }).VOICE_CODE_PEPPER! });
  invalidateCatalogIndex();
  const fakeApi = await startFakeApi();
  const servers: ServerProcess[] = [];
  try {
    const [app, hello, bare] = await Promise.all([
      startServerProcess({ kind: 'app', databaseUri: options.database.uri, databaseName: options.database.name, fakeApiBaseUrl: fakeApi.url, trustedRootPem: testTrustRoots()[0]!.toString(), certChainPem: certChainPem() }),
      startServerProcess({ kind: 'hello-skill' }),
      startServerProcess({ kind: 'bare-express' }),
    ]);
    servers.push(app, hello, bare);

    log(`alexa order flow for ${sizes.alexaSeconds} s (${sizes.alexaCustomers} customers)`);
    const alexa = await runAlexaBenchmark({ appUrl: app.url, helloUrl: hello.url, fakeApiUrl: fakeApi.url, customers: sizes.alexaCustomers, connections: sizes.connections, seconds: sizes.alexaSeconds, helloSeconds: sizes.helloSeconds });

    log(`webhooks at ${sizes.webhookRate}/s for ${sizes.webhookSeconds} s`);
    const messaging = await runMessagingBenchmark({ app, bare, fakeApi, ratePerSecond: sizes.webhookRate, seconds: sizes.webhookSeconds, connections: sizes.connections });

    log(`reorder with ${sizes.reorderPastOrders} past orders`);
    const reorder = await runReorderBenchmark({ pastOrders: sizes.reorderPastOrders, iterations: sizes.reorderIterations });

    return { date: new Date(started).toISOString(), quick: options.quick, durationS: round((Date.now() - started) / 1000, 1), machine, matching, alexa, messaging, reorder };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fakeApi.close();
  }
}

async function main(): Promise<void> {
  const outDir = process.env.BENCH_OUT_DIR ?? path.join(__dirname, '..', 'docs');
  if (process.env.BENCH_REPORT_ONLY === '1') {
    // Re-renders the report from the last run's figures (after editing bench/FINDINGS.md); measures nothing.
    const { goals: _goals, ...results } = JSON.parse(readFileSync(path.join(outDir, 'benchmarks-results.json'), 'utf8')) as BenchmarkResults & { goals: unknown };
    writeReport(results, outDir);
    return;
  }
  const quick = process.env.BENCH_QUICK === '1';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'commerce-bench-'));
  const server = await startDatabase({ mongodbUri: process.env.MONGODB_URI, dataDir, log: createLogger('silent') });
  const name = `bench_${process.pid}_${Date.now()}`;
  try {
    await connectDatabase(server.uri, { dbName: name });
    const kind = server.backend === 'embedded-ferretdb' ? `embedded ${server.engine}` : server.backend === 'external' ? 'MongoDB-wire server at MONGODB_URI' : 'mongod (mongodb-memory-server)';
    const results = await runBenchmarks({ quick, sizes: quick ? QUICK_SIZES : FULL_SIZES, database: { uri: server.uri, name, kind } });
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
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
