import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';

/** The project's own Go program around FerretDB's embeddable package (see tools/ferretdb/main.go). */
export const FERRETDB_SOURCE_DIR = path.resolve(__dirname, '../../tools/ferretdb');
const SOURCE_FILES = ['go.mod', 'go.sum', 'main.go'];
const READY_TIMEOUT_MS = 30_000;

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
  for (const file of SOURCE_FILES) hash.update(readFileSync(path.join(FERRETDB_SOURCE_DIR, file)));
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
  pid: number;
  stop(): Promise<void>;
}

/** `listen` defaults to a free loopback port; a restart can pass the address it had, so clients reconnect to it. */
export async function startEmbeddedFerretdb(options: { dataDir: string; log: Logger; listen?: string }): Promise<EmbeddedFerretdb> {
  const binary = await ensureFerretdbBinary(options.log);
  mkdirSync(options.dataDir, { recursive: true });
  // stdin stays a pipe we hold: when this process dies for any reason, the child sees EOF and exits.
  const child = spawn(binary, ['-data-dir', path.resolve(options.dataDir), '-listen', options.listen ?? '127.0.0.1:0', '-log-level', 'error'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const uri = await waitForReadyLine(child, () => stderr);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    uri,
    pid: child.pid ?? -1,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

function waitForReadyLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded FerretDB did not start within ${READY_TIMEOUT_MS} ms:\n${stderr()}`));
    }, READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      resolve(match[1]!);
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
