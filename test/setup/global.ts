/**
 * One database server per test run: MONGODB_URI when set, else the embedded FerretDB in a fresh
 * temporary directory, chosen by the same launcher the service uses. Each run gets its own
 * database name, dropped at the end, so pointing MONGODB_URI at a shared server is safe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../src/db/connection';
import { startDatabase, type DatabaseServer } from '../../src/db/launcher';
import { createLogger } from '../../src/logger';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';

let server: DatabaseServer | undefined;
let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'commerce-test-'));
  // A throw-away database: PostgreSQL may skip fsync.
  server = await startDatabase({ mongodbUri: process.env.MONGODB_URI, dataDir, log: createLogger(process.env.LOG_LEVEL ?? 'silent'), durable: false });
  process.env.TEST_DATABASE_URI = server.uri;
  process.env.TEST_DATABASE_NAME = `test_${process.pid}_${Date.now()}`;
  await connectDatabase(server.uri, { dbName: process.env.TEST_DATABASE_NAME });
}

export async function mochaGlobalTeardown(): Promise<void> {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  failIfProcessLingers();
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
