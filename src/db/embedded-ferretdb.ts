import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';
import { ensurePostgresCluster, findPostgresBinaries, type PostgresBinaries } from './embedded-postgres';

/** The project's own Go program around FerretDB's embeddable package (see tools/ferretdb/main.go). */
export const FERRETDB_SOURCE_DIR = path.resolve(__dirname, '../../tools/ferretdb');
/** PostgreSQL's start-up (crash recovery after a kill included) is part of this. */
const READY_TIMEOUT_MS = 90_000;

export function goToolchainAvailable(): boolean {
  const result = spawnSync('go', ['version'], { stdio: 'ignore' });
  return result.status === 0;
}

function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'voice-commerce-backend');
}

/** Keyed by the Go sources' hash, so a change to them builds a new binary and clones share one build. */
export function ferretdbBinaryPath(): string {
  const hash = createHash('sha256');
  const sources = readdirSync(FERRETDB_SOURCE_DIR).filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum').sort();
  for (const file of sources) hash.update(file).update(readFileSync(path.join(FERRETDB_SOURCE_DIR, file)));
  return path.join(cacheRoot(), `ferretdb-${hash.digest('hex').slice(0, 16)}`, 'ferretdb-embedded');
}

export async function ensureFerretdbBinary(log: Logger): Promise<string> {
  const binary = ferretdbBinaryPath();
  if (existsSync(binary)) return binary;

  mkdirSync(path.dirname(binary), { recursive: true });
  // Build beside the target and rename, so a concurrent start never runs a half-written file.
  const partial = `${binary}.${process.pid}.partial`;
  log.info({ binary }, 'building the embedded FerretDB once with go build (about a minute, longer on an empty Go module cache)');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const build = spawn('go', ['build', '-trimpath', '-o', partial, '.'], {
      cwd: FERRETDB_SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go build of ${FERRETDB_SOURCE_DIR} failed (exit ${code}):\n${stderr.slice(-4000)}`))));
  }).catch((error: unknown) => {
    rmSync(partial, { force: true });
    throw error;
  });
  renameSync(partial, binary);
  log.info({ binary, buildMs: Date.now() - started }, 'embedded FerretDB built');
  return binary;
}

export interface EmbeddedFerretdb {
  uri: string;
  /** Our Go program: FerretDB, and the supervisor of postgres. */
  pid: number;
  /** The postmaster; its own children (backends, checkpointer, ...) exit when it does. */
  postgresPid?: number;
  versions: { ferretdb: string; postgresql?: string };
  stop(): Promise<void>;
}

interface ReadyLine {
  uri: string;
  ferretdbVersion: string;
  postgresVersion?: string;
  postgresPid?: number;
}

/**
 * FerretDB on PostgreSQL, with the cluster in `<dataDir>/postgres` (initialised on first use).
 * `listen` defaults to a free loopback port; a restart can pass the address it had, so clients
 * reconnect to it. `durable: false` turns fsync off, for throw-away test databases only.
 */
export async function startEmbeddedFerretdb(options: { dataDir: string; log: Logger; binaries?: PostgresBinaries; listen?: string; durable?: boolean }): Promise<EmbeddedFerretdb> {
  const binaries = options.binaries ?? (await findPostgresBinaries());
  if (!('postgres' in binaries)) throw new Error(`no PostgreSQL for the embedded database: ${binaries.missing}`);
  const [binary, cluster] = await Promise.all([
    ensureFerretdbBinary(options.log),
    ensurePostgresCluster({ dataDir: path.join(options.dataDir, 'postgres'), binaries, log: options.log }),
  ]);
  const args = ['-handler', 'postgresql', '-postgres-bin', cluster.binaries.postgres, '-postgres-data', cluster.dataDir];
  if (cluster.runAs) args.push('-postgres-uid', String(cluster.runAs.uid), '-postgres-gid', String(cluster.runAs.gid));
  if (options.durable === false) args.push('-postgres-no-fsync');
  return spawnFerretdb(binary, args, { FERRETDB_EMBEDDED_PG_PASSWORD: cluster.password }, options);
}

/** FerretDB on the SQLite files of earlier releases: only to migrate them (see sqlite-migration.ts). */
export async function startSqliteFerretdb(options: { sqliteDir: string; log: Logger; listen?: string }): Promise<EmbeddedFerretdb> {
  const binary = await ensureFerretdbBinary(options.log);
  mkdirSync(options.sqliteDir, { recursive: true });
  return spawnFerretdb(binary, ['-handler', 'sqlite', '-data-dir', path.resolve(options.sqliteDir)], {}, options);
}

async function spawnFerretdb(binary: string, args: string[], env: Record<string, string>, options: { log: Logger; listen?: string }): Promise<EmbeddedFerretdb> {
  // stdin stays a pipe we hold: when this process dies for any reason, SIGKILL included, the child
  // sees EOF and stops FerretDB and postgres. Its own process group, so that a Ctrl-C in the
  // terminal reaches only us: the service drains its requests first, then stops the database.
  const child = spawn(binary, [...args, '-listen', options.listen ?? '127.0.0.1:0', '-log-level', 'error'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const ready = await waitForReadyLine(child, () => stderr);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) options.log.error({ code, signal, pid: child.pid, output: stderr.slice(-2000) }, 'the embedded database exited unexpectedly');
  });
  // process.exit() skips stop(); SIGTERM still lets the child stop postgres cleanly.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);

  return {
    uri: ready.uri,
    pid: child.pid ?? -1,
    postgresPid: ready.postgresPid,
    versions: { ferretdb: ready.ferretdbVersion, postgresql: ready.postgresVersion },
    stop: async () => {
      stopping = true;
      process.removeListener('exit', stopOnExit);
      await stopChild(child);
    },
  };
}

function waitForReadyLine(child: ChildProcess, stderr: () => string): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`embedded FerretDB did not start within ${READY_TIMEOUT_MS} ms:\n${stderr()}`));
    }, READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (\{.*\})$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      resolve(JSON.parse(match[1]!) as ReadyLine);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`embedded FerretDB exited before it was ready (code ${code}, signal ${signal}):\n${stderr()}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** SIGTERM: the child stops FerretDB, then gives postgres a fast shutdown and waits for it. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Longer than the child's own wait for postgres, so that a kill is the last resort.
    const forceTimer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('exit', () => {
      clearTimeout(forceTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
