import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Writable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { startSqliteFerretdb } from '../../src/db/embedded-ferretdb';
import { startDatabase } from '../../src/db/launcher';
import { ROOT_CLUSTERS_DIR } from '../../src/db/embedded-postgres';
import { createLogger } from '../../src/logger';
import { silentLog } from '../support/config';
import { processAlive, processTree, processUid, waitUntil } from '../support/processes';

/** A logger whose lines the test reads. */
function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  return { log, lines };
}

const alive = (pids: number[]) => pids.filter(processAlive);

async function ping(uri: string): Promise<number> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const answer = await client.db('admin').command({ ping: 1 });
    return answer.ok as number;
  } finally {
    await client.close();
  }
}

describe('database launcher', () => {
  // One DATA_DIR for the file: initdb (seconds) runs once, and every later start finds the cluster as a restart would.
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-test-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('without MONGODB_URI starts FerretDB on PostgreSQL on loopback ports, logs both versions, and after stop no process is left', async () => {
    const { log, lines } = capturingLog();
    const server = await startDatabase({ dataDir, log });
    assert.equal(server.backend, 'embedded-ferretdb');
    assert.match(server.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.pid && processAlive(server.pid), 'FerretDB runs while the database is up');
    assert.ok(server.postgresPid && processAlive(server.postgresPid), 'PostgreSQL runs while the database is up');
    const tree = processTree(server.pid);
    assert.ok(tree.includes(server.postgresPid), 'postgres is a child of our FerretDB process');
    assert.ok(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')), 'the cluster lives in DATA_DIR/postgres');
    assert.equal(await ping(server.uri), 1);

    const ready = lines.find((line) => line.msg === 'database ready')!;
    assert.match(String(ready.engine), /^FerretDB v1\.24\.\d+ on PostgreSQL 16\.\d+$/);
    assert.match(String(ready.ferretdbVersion), /^v1\.24\./);
    assert.match(String(ready.postgresVersion), /^16\./);
    assert.equal(typeof ready.startMs, 'number');

    await server.stop();
    assert.deepEqual(alive(tree), [], 'FerretDB, postgres and its workers are all gone');
  });

  it('runs PostgreSQL as a user other than root, which it requires, and keeps the cluster across restarts', async function () {
    const first = await startDatabase({ dataDir, log: silentLog });
    const postgresUid = processUid(first.postgresPid!);
    if (process.getuid!() === 0) {
      assert.notEqual(postgresUid, 0, 'as root, postgres runs as another user');
      assert.equal(postgresUid, Number(execFileSync('id', ['-u', 'postgres']).toString()));
    } else {
      assert.equal(postgresUid, process.getuid!(), 'as any other user, postgres runs as that user');
    }
    const client = new mongoose.mongo.MongoClient(first.uri);
    await client.db('kept').collection('things').insertOne({ _id: 'one' as never, n: 1 });
    await client.close();
    await first.stop();

    const { log, lines } = capturingLog();
    const second = await startDatabase({ dataDir, log });
    try {
      assert.ok(!lines.some((line) => line.msg === 'embedded PostgreSQL cluster initialised'), 'initdb runs once');
      const again = new mongoose.mongo.MongoClient(second.uri);
      assert.deepEqual(await again.db('kept').collection('things').findOne({ _id: 'one' as never }), { _id: 'one', n: 1 });
      await again.close();
    } finally {
      await second.stop();
    }
  });

  it('keeps the cluster where PostgreSQL can reach it when DATA_DIR is inside a private folder (as root: elsewhere, named in the log), and finds it again on restart', async () => {
    const root = process.getuid!() === 0;
    // A clone in a `mktemp -d` folder (mode 0700) with the default DATA_DIR inside it.
    const privateDataDir = path.join(dataDir, 'clone', '.data');
    mkdirSync(privateDataDir, { recursive: true });
    chmodSync(dataDir, 0o700);

    const { log, lines } = capturingLog();
    const first = await startDatabase({ dataDir: privateDataDir, log });
    const moved = lines.find((line) => line.cluster !== undefined);
    const cluster = root ? String(moved?.cluster) : path.join(privateDataDir, 'postgres');
    try {
      if (root) {
        // The postgres user cannot pass the 0700 folder: the cluster is its own, outside, and the log says where.
        assert.ok(cluster.startsWith(ROOT_CLUSTERS_DIR), `the log names the cluster's directory (${cluster})`);
        assert.equal(statSync(cluster).uid, Number(execFileSync('id', ['-u', 'postgres']).toString()), 'the cluster belongs to the postgres user');
        assert.ok(!existsSync(path.join(privateDataDir, 'postgres')), 'nothing half-made is left in DATA_DIR');
      } else {
        assert.equal(moved, undefined, 'PostgreSQL runs as this user and reaches DATA_DIR');
      }
      assert.ok(existsSync(path.join(cluster, 'PG_VERSION')));
      const client = new mongoose.mongo.MongoClient(first.uri);
      await client.db('kept').collection('things').insertOne({ _id: 'one' as never, n: 1 });
      await client.close();
    } finally {
      await first.stop();
    }

    const { log: secondLog, lines: secondLines } = capturingLog();
    const second = await startDatabase({ dataDir: privateDataDir, log: secondLog });
    try {
      assert.ok(!secondLines.some((line) => line.msg === 'embedded PostgreSQL cluster initialised'), 'initdb runs once');
      if (root) assert.equal(secondLines.find((line) => line.cluster !== undefined)?.cluster, cluster, 'the same cluster on every start');
      const again = new mongoose.mongo.MongoClient(second.uri);
      assert.deepEqual(await again.db('kept').collection('things').findOne({ _id: 'one' as never }), { _id: 'one', n: 1 });
      await again.close();
    } finally {
      await second.stop();
      if (root) rmSync(path.dirname(cluster), { recursive: true, force: true });
    }
  });

  it('with MONGODB_URI uses that server and starts no process', async () => {
    const server = await startDatabase({ mongodbUri: process.env.TEST_DATABASE_URI, dataDir, log: silentLog });
    assert.equal(server.backend, 'external');
    assert.equal(server.pid, undefined);
    assert.equal(await ping(server.uri), 1);
    await server.stop();
  });

  it('reports an unreachable MONGODB_URI clearly instead of hanging', async () => {
    await assert.rejects(startDatabase({ mongodbUri: 'mongodb://127.0.0.1:1/', dataDir, log: silentLog, pingTimeoutMs: 1_000 }), /127\.0\.0\.1:1\/ did not answer ping within 1000 ms/);
  });

  it('FerretDB and PostgreSQL exit by themselves when the process that started them is killed (SIGKILL)', async () => {
    const script = `
      const { startDatabase } = require('./src/db/launcher');
      const { createLogger } = require('./src/logger');
      startDatabase({ dataDir: process.argv[1], log: createLogger('silent') }).then((db) => console.log('PIDS ' + db.pid + ' ' + db.postgresPid));`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script, dataDir], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const [ferretdbPid, postgresPid] = await new Promise<number[]>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /PIDS (\d+) (\d+)/.exec(chunk.toString());
        if (match) resolve([Number(match[1]), Number(match[2])]);
      });
      parent.once('exit', (code) => reject(new Error(`launcher script exited early (${code})`)));
    });
    const tree = processTree(ferretdbPid!);
    assert.ok(tree.includes(postgresPid!) && tree.length > 2, 'FerretDB, postgres and its workers run');

    parent.kill('SIGKILL');
    await waitUntil(() => alive(tree).length === 0, 30_000, 'the orphaned FerretDB and PostgreSQL to exit');
  });

  it('PostgreSQL stops by itself even when our FerretDB process is killed with SIGKILL (Linux parent-death signal)', async () => {
    const server = await startDatabase({ dataDir, log: silentLog });
    const tree = processTree(server.pid!);
    process.kill(server.pid!, 'SIGKILL');
    await waitUntil(() => alive(tree).length === 0, 30_000, 'postgres to exit after its supervisor was killed');
    await server.stop();
  });

  it('migrates a DATA_DIR of the SQLite backend once: orders, their types and indexes copied, old files kept and named', async () => {
    // The previous release's layout: DATA_DIR/ferretdb/<database>.sqlite, written by FerretDB's SQLite backend.
    const sqliteDir = path.join(dataDir, 'ferretdb');
    const old = await startSqliteFerretdb({ sqliteDir, log: silentLog });
    const orders = Array.from({ length: 1_203 }, (_, index) => ({
      orderNumber: `A-${String(index).padStart(5, '0')}`,
      customerId: new mongoose.Types.ObjectId(),
      status: index % 3 === 0 ? 'placed' : 'shipped',
      totalMinor: 1_250 + index,
      currency: 'USD',
      lines: [{ sku: 'COF-001', quantity: 2, unitPriceMinor: 625 }],
      placedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
    }));
    let client = new mongoose.mongo.MongoClient(old.uri);
    await client.db('shop').collection('orders').insertMany(orders);
    await client.db('shop').collection('orders').createIndex({ orderNumber: 1 }, { unique: true, name: 'orderNumber_1' });
    await client.db('shop').collection('orders').createIndex({ customerId: 1, status: 1 }, { name: 'customerId_1_status_1' });
    await client.db('shop').collection('customers').insertOne({ name: 'Ada', big: mongoose.mongo.Long.fromString('9007199254740993') });
    await client.close();
    await old.stop();
    const sqliteFiles = readdirSync(sqliteDir).filter((file) => file.endsWith('.sqlite'));
    assert.ok(sqliteFiles.includes('shop.sqlite'));

    const { log, lines } = capturingLog();
    const server = await startDatabase({ dataDir, log });
    try {
      client = new mongoose.mongo.MongoClient(server.uri);
      const shop = client.db('shop');
      assert.equal(await shop.collection('orders').countDocuments({}), orders.length);
      const sample = await shop.collection('orders').findOne({ orderNumber: 'A-01202' });
      assert.deepEqual(sample, { _id: sample!._id, ...orders[1_202] });
      const customer = await shop.collection('customers').findOne({}, { promoteLongs: false });
      assert.equal((customer!.big as mongoose.mongo.Long).toString(), '9007199254740993', 'a 64-bit integer stays exact');
      const indexes = await shop.collection('orders').listIndexes().toArray();
      assert.deepEqual(indexes.map((index) => [index.name, index.key, index.unique ?? false]).sort(), [
        ['_id_', { _id: 1 }, false],
        ['customerId_1_status_1', { customerId: 1, status: 1 }, false],
        ['orderNumber_1', { orderNumber: 1 }, true],
      ]);
      await assert.rejects(shop.collection('orders').insertOne({ orderNumber: 'A-00001' }), { code: 11000 }, 'the unique index holds on PostgreSQL');
      await client.close();

      const migrated = lines.find((line) => /^migrated the SQLite database/.test(String(line.msg)))!;
      assert.ok(migrated, 'the migration is logged');
      const movedFiles = migrated.files as string[];
      assert.ok(!existsSync(sqliteDir), 'the old directory is moved aside');
      assert.ok(movedFiles.some((file) => file.endsWith(`${path.sep}shop.sqlite`)));
      for (const file of movedFiles) assert.ok(existsSync(file), `${file} is kept`);
    } finally {
      await server.stop();
    }

    const { log: secondLog, lines: secondLines } = capturingLog();
    const again = await startDatabase({ dataDir, log: secondLog });
    try {
      assert.ok(!secondLines.some((line) => /SQLite/.test(String(line.msg))), 'not migrated twice');
      client = new mongoose.mongo.MongoClient(again.uri);
      assert.equal(await client.db('shop').collection('orders').countDocuments({}), orders.length);
      await client.close();
    } finally {
      await again.stop();
    }
  });
});
