import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from '../logger';
import { goToolchainAvailable, startEmbeddedFerretdb } from './embedded-ferretdb';

export type DatabaseBackend = 'external' | 'embedded-ferretdb' | 'mongodb-memory-server';

export interface DatabaseServer {
  uri: string;
  backend: DatabaseBackend;
  /** The child process serving the database, when we started one. */
  pid?: number;
  stop(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const NO_DATABASE_HELP = [
  'No database is available. Choose one of:',
  '  1. set MONGODB_URI to a running MongoDB or FerretDB (e.g. mongodb://127.0.0.1:27017/shop or an Atlas mongodb+srv:// URI);',
  '  2. install the Go toolchain (https://go.dev/doc/install) so the embedded FerretDB can be built from tools/ferretdb;',
  '  3. allow mongodb-memory-server-core to download a mongod binary (needs internet access to fastdl.mongodb.org).',
].join('\n');

/**
 * Picks the database in the order of ARCHITECTURE.md: MONGODB_URI, else the embedded FerretDB
 * (built from tools/ferretdb with Go), else mongodb-memory-server-core; waits until it answers ping.
 */
export async function startDatabase(options: { mongodbUri?: string; dataDir: string; log: Logger; pingTimeoutMs?: number }): Promise<DatabaseServer> {
  const { log } = options;
  const started = Date.now();
  const server = await chooseDatabase(options);
  try {
    await waitForPing(server.uri, options.pingTimeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log.info({ backend: server.backend, pid: server.pid, startMs: Date.now() - started, uri: redactCredentials(server.uri) }, 'database ready');
  return server;
}

async function chooseDatabase({ mongodbUri, dataDir, log }: { mongodbUri?: string; dataDir: string; log: Logger }): Promise<DatabaseServer> {
  if (mongodbUri) return { uri: mongodbUri, backend: 'external', stop: async () => undefined };

  if (goToolchainAvailable()) {
    const ferret = await startEmbeddedFerretdb({ dataDir: path.join(dataDir, 'ferretdb'), log });
    return { uri: ferret.uri, backend: 'embedded-ferretdb', pid: ferret.pid, stop: ferret.stop };
  }

  log.warn('Go toolchain not found: trying mongodb-memory-server-core, which downloads a mongod binary');
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const dbPath = path.join(dataDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    const memory = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1', dbPath, storageEngine: 'wiredTiger' } });
    return {
      uri: memory.getUri(),
      backend: 'mongodb-memory-server',
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
