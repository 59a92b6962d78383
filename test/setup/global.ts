/**
 * One database server per test run: MONGODB_URI when set, else the embedded FerretDB in a fresh
 * temporary directory, chosen by the same launcher the service uses. It starts once, in mocha's
 * main process; with `--parallel` each worker process connects to it under a database name of its
 * own, so files running at the same time never see each other's data. All of the run's databases
 * are dropped at the end, so pointing MONGODB_URI at a shared server is safe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { takeCoverage } from 'node:v8';
import mongoose from 'mongoose';
import { connectDatabase } from '../../src/db/connection';
import { startDatabase, type DatabaseServer } from '../../src/db/launcher';
import { createLogger } from '../../src/logger';
import { closeSharedChromium } from '../support/chromium';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';

// Set in the main process when this file is first loaded; workers inherit it and add their id.
process.env.TEST_DATABASE_PREFIX ??= `test_${process.pid}_${Date.now()}`;
process.env.TEST_DATABASE_NAME = process.env.MOCHA_WORKER_ID === undefined ? process.env.TEST_DATABASE_PREFIX : `${process.env.TEST_DATABASE_PREFIX}_w${process.env.MOCHA_WORKER_ID}`;

let server: DatabaseServer | undefined;
let dataDir: string | undefined;

/**
 * FerretDB's garbage collection for the test database (Go's GOGC; its default is 100). FerretDB and its
 * PostgreSQL are about a third of the CPU npm test uses, and FerretDB allocates for every command: at
 * 400 its heap may grow to five times what is live (tens of MB more) and it collects a quarter as often,
 * which took about 15% off the database's CPU for the same resets, seeds and turns. A GOGC of your own wins.
 */
const FERRETDB_GOGC = '400';

/** Runs `start` with these environment variables set (a child process it spawns inherits them), then puts them back. */
async function withEnvironment<T>(variables: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await start();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export async function mochaGlobalSetup(): Promise<void> {
  const runDataDir = mkdtempSync(path.join(tmpdir(), 'commerce-test-'));
  dataDir = runDataDir;
  // A throw-away database: PostgreSQL may skip fsync, and FerretDB may trade memory for CPU (above).
  server = await withEnvironment({ GOGC: process.env.GOGC ?? FERRETDB_GOGC }, () =>
    startDatabase({ mongodbUri: process.env.MONGODB_URI, dataDir: runDataDir, log: createLogger(process.env.LOG_LEVEL ?? 'silent'), durable: false }),
  );
  process.env.TEST_DATABASE_URI = server.uri;
}

/** This process's connection with every index created; unset again when that failed, so the next file tries again. */
let connected: Promise<void> | undefined;

/**
 * Connects and creates every index (a deadlock between the two workers' index creation is tried
 * again there, in ensureIndexes). On failure the connection is closed, so that no later file of this
 * worker runs on a database left without its unique indexes; the next file tries again.
 */
async function connectWithIndexes(): Promise<void> {
  try {
    await connectDatabase(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME });
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    connected = undefined;
    throw error;
  }
}

/** Root hooks run in whichever process runs the test files: the main one, or each parallel worker. */
export const mochaHooks = {
  async beforeAll(): Promise<void> {
    // Once per process: in parallel mode this hook runs before every file a worker takes.
    connected ??= connectWithIndexes();
    await connected;
  },
  async afterAll(): Promise<void> {
    // mocha ends its parallel workers by killing them, and a killed process never writes its V8
    // coverage; under c8 each worker writes what it has covered after every file instead.
    if (process.env.NODE_V8_COVERAGE && process.env.MOCHA_WORKER_ID !== undefined) takeCoverage();
    // In parallel mode this hook runs after every file: a worker keeps its Chromium for its next browser
    // test (it goes with the worker); a run in one process closes it here, at its end.
    if (process.env.MOCHA_WORKER_ID === undefined) await closeSharedChromium();
  },
};

export async function mochaGlobalTeardown(): Promise<void> {
  if (server) await dropRunDatabases(server.uri).catch(() => undefined);
  await mongoose.disconnect();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  failIfProcessLingers();
}

async function dropRunDatabases(uri: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri);
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    const ours = databases.map((database) => database.name).filter((name) => name.startsWith(process.env.TEST_DATABASE_PREFIX!));
    await Promise.all(ours.map((name) => client.db(name).dropDatabase()));
  } finally {
    await client.close();
  }
}

/**
 * A leaked handle (a timer, a socket, a child process) would keep mocha alive and hang CI. The
 * timer is unref'd: it fires only if something else still holds the process open, and then names it.
 */
function failIfProcessLingers(): void {
  setTimeout(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().map((handle) => handle.constructor.name);
    process.stderr.write(`test run finished but the process is still held open by: ${handles.join(', ')}\n`);
    process.exit(1);
  }, 10_000).unref();
}
