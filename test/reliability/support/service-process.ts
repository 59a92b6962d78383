import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from '../../../src/config';
import { waitUntil } from '../../support/processes';
import { get } from './webhooks';

const ROOT = path.resolve(__dirname, '../../..');

/** What GET /debug/heap answers: process.memoryUsage() after a forced collection. */
export interface HeapReading {
  collected: boolean;
  heapUsed: number;
  rss: number;
}

export interface ServiceProcess {
  baseUrl: string;
  pid: number;
  heap(): Promise<HeapReading>;
  /** Writes a heap snapshot into `heapSnapshotDir` (node's --heapsnapshot-signal); resolves once it is on disk. */
  snapshot(): Promise<void>;
  /** The end of what the service wrote to stdout and stderr, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** The test configuration whose secrets the harness signs with: the service gets the same ones. */
  config: Config;
  /** Where every platform API call goes: a fake on 127.0.0.1. */
  fakeApiBaseUrl: string;
  /** When set, the service writes heap snapshots there on snapshot(). */
  heapSnapshotDir?: string;
  /** `serve` (the default) or `worker`: the workers alone, with no HTTP server (then only stop() and output() apply). */
  command?: 'serve' | 'worker';
  /** More settings for this process (e.g. INBOUND_CONCURRENCY), over the harness's. */
  env?: Record<string, string>;
}

/**
 * The service as it is deployed, `node src/cli/main.ts serve`, in its own process against the test
 * run's database: a load test then measures the service's memory, not the harness's (nock, the
 * load generator and mocha share the test process). DIAGNOSTICS=on gives GET /debug/heap.
 */
export async function startServiceProcess({ config, fakeApiBaseUrl, heapSnapshotDir, command = 'serve', env = {} }: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const snapshotFlags = heapSnapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapSnapshotDir}`] : [];
  const child = spawn(process.execPath, ['--expose-gc', ...snapshotFlags, '--import', 'tsx', 'src/cli/main.ts', command], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DIAGNOSTICS: 'on',
      MONGODB_URI: withDatabaseName(process.env.TEST_DATABASE_URI!, process.env.TEST_DATABASE_NAME!),
      PUBLIC_BASE_URL: config.PUBLIC_BASE_URL,
      META_APP_SECRET: config.META_APP_SECRET,
      TWILIO_AUTH_TOKEN: config.TWILIO_AUTH_TOKEN,
      WECHAT_TOKEN: config.WECHAT_TOKEN,
      GOOGLE_WEBHOOK_SECRET: config.GOOGLE_WEBHOOK_SECRET,
      WHATSAPP_PHONE_NUMBER_ID: config.WHATSAPP_PHONE_NUMBER_ID,
      // The harness signs Alexa requests with a stand-in chain that only an in-process verifier can
      // be told to trust; `serve` trusts Amazon's root alone, so this process skips the check.
      ALEXA_VERIFY_SIGNATURE: 'false',
      GRAPH_API_BASE_URL: fakeApiBaseUrl,
      TWILIO_API_BASE_URL: fakeApiBaseUrl,
      ALEXA_API_BASE_URL: fakeApiBaseUrl,
      LWA_API_BASE_URL: fakeApiBaseUrl,
      WECHAT_API_BASE_URL: fakeApiBaseUrl,
      // A worker has no /readyz: its one info line says when it runs.
      ...(command === 'worker' ? { LOG_LEVEL: 'info' } : {}),
      ...env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A harness that dies must not leave a service listening.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was ready:\n${output}`);
      if (command === 'worker') return output.includes('"workers running"');
      return (await get(baseUrl, '/readyz').catch(() => ({ status: 0 }))).status === 200;
    }, 120_000, command === 'worker' ? 'the worker process to run' : 'the service process to answer /readyz');
  } catch (error) {
    await stop(child);
    process.off('exit', killOnExit);
    throw error;
  }

  return {
    baseUrl,
    pid: child.pid!,
    heap: async () => {
      const answer = await get(baseUrl, '/debug/heap');
      if (answer.status !== 200) throw new Error(`GET /debug/heap answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      return JSON.parse(answer.text) as HeapReading;
    },
    snapshot: async () => {
      if (!heapSnapshotDir) throw new Error('snapshot() needs heapSnapshotDir');
      const files = () => readdirSync(heapSnapshotDir).filter((name) => name.endsWith('.heapsnapshot'));
      const before = files().length;
      child.kill('SIGUSR2');
      // The file appears when writing starts; it is whole once the process answers again.
      await waitUntil(() => files().length > before, 120_000, 'the heap snapshot file');
      await waitUntil(async () => (await get(baseUrl, '/healthz').catch(() => ({ status: 0 }))).status === 200, 300_000, 'the service to answer after its snapshot');
    },
    output: () => output,
    stop: async () => {
      await stop(child);
      process.off('exit', killOnExit);
    },
  };
}

/** The test run's database as a URI that names it, as a deployment's MONGODB_URI would. */
function withDatabaseName(uri: string, name: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A port nothing listens on right now (the service's PORT must be given, not chosen by the kernel). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
