import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { processAlive, processTree, waitUntil } from '../support/processes';
import { TEST_ADMIN_KEY } from '../support/config';

const ROOT = path.resolve(__dirname, '../..');
const START_COMMAND: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Every service a test starts, so a failing test cannot leave one running (and hold the test run open). */
const spawned: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exit: Promise<number | null>;
}

/** Runs `npm start`'s own command line, as a user would, on the embedded database. */
async function startService(env: Record<string, string>): Promise<Started> {
  const [command, ...args] = START_COMMAND.split(' ');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env };
  delete childEnv.MONGODB_URI;
  const child = spawn(command === 'node' ? process.execPath : command!, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.push(child);
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line));
      } catch {
        return;
      }
      if (logs.at(-1)!.msg === 'service listening') resolve();
    });
    exit.then((code) => reject(new Error(`service exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, logs, exit };
}

describe('npm start', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'serve-test-'));
  });
  afterEach(() => {
    for (const child of spawned.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves on the embedded database with the demo catalog, keeps data across a restart, and leaves no process after Ctrl-C, SIGTERM or SIGKILL', async function () {
    // Three starts of the service, each seconds long on a busy machine: a bound, not a timed assertion.
    this.timeout(300_000);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startService({ PORT: String(port), DATA_DIR: dataDir });
    const ready = first.logs.find((l) => l.msg === 'database ready')!;
    assert.equal(ready.backend, 'embedded-ferretdb');
    assert.match(String(ready.engine), /^FerretDB v1\.24\.\d+ on PostgreSQL 16\.\d+$/);
    const firstTree = processTree(ready.pid as number);
    assert.ok(firstTree.includes(ready.postgresPid as number), 'FerretDB and the PostgreSQL it runs');
    assert.ok(first.logs.some((l) => l.msg === 'empty database: demo catalog and customers loaded'));
    assert.equal((await fetch(`${base}/readyz`)).status, 200);

    const demo = await fetch(`${base}/admin/products/COF-001`, { headers: { 'x-api-key': TEST_ADMIN_KEY } });
    assert.equal(((await demo.json()) as { name: string }).name, 'Colombian Coffee');
    const write = await fetch(`${base}/admin/products/TEST-1`, {
      method: 'PUT',
      headers: { 'x-api-key': TEST_ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Restart Proof', category: 'misc', priceMinor: 4200, currency: 'USD', stock: 3 }),
    });
    assert.equal(write.status, 200);

    first.child.kill('SIGINT');
    assert.equal(await first.exit, 0);
    await waitUntil(() => firstTree.every((pid) => !processAlive(pid)), 10_000, 'FerretDB and PostgreSQL to be gone after Ctrl-C');

    const second = await startService({ PORT: String(port), DATA_DIR: dataDir });
    assert.ok(!second.logs.some((l) => l.msg === 'empty database: demo catalog and customers loaded'), 'no re-seed of a database that has data');
    const kept = (await (await fetch(`${base}/admin/products/TEST-1`, { headers: { 'x-api-key': TEST_ADMIN_KEY } })).json()) as { priceMinor: number; stock: number };
    assert.equal(kept.priceMinor, 4200);
    assert.equal(kept.stock, 3);

    const secondTree = processTree(second.logs.find((l) => l.msg === 'database ready')!.pid as number);
    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0);
    await waitUntil(() => secondTree.every((pid) => !processAlive(pid)), 10_000, 'FerretDB and PostgreSQL to exit after SIGTERM');

    const third = await startService({ PORT: String(port), DATA_DIR: dataDir });
    const thirdTree = processTree(third.logs.find((l) => l.msg === 'database ready')!.pid as number);
    assert.ok(thirdTree.length > 2);
    third.child.kill('SIGKILL');
    await third.exit;
    await waitUntil(() => thirdTree.every((pid) => !processAlive(pid)), 30_000, 'FerretDB and PostgreSQL to exit after SIGKILL of the service');
  });

  it('refuses to start on a bad setting, naming it, with no stack trace', async () => {
    const [command, ...args] = START_COMMAND.split(' ');
    const child = spawn(command === 'node' ? process.execPath : command!, args, { cwd: ROOT, env: { ...process.env, PORT: 'eighty', MONGODB_URI: 'localhost' }, stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /PORT: expected a whole number from 1 to 65535/);
    assert.match(stderr, /MONGODB_URI: expected a MongoDB connection string/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace for a configuration mistake');
  });
});
