import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startDatabase } from '../../src/db/launcher';
import { silentLog } from '../support/config';
import { processAlive, waitUntil } from '../support/processes';

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
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'launcher-test-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('without MONGODB_URI starts the embedded FerretDB on a loopback port, and after stop no process is left', async () => {
    const server = await startDatabase({ dataDir, log: silentLog });
    assert.equal(server.backend, 'embedded-ferretdb');
    assert.match(server.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.pid && processAlive(server.pid), 'the child runs while the database is up');
    assert.equal(await ping(server.uri), 1);

    await server.stop();
    assert.equal(processAlive(server.pid), false);
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

  it('the embedded server exits by itself when the process that started it is killed', async () => {
    const script = `
      const { startDatabase } = require('./src/db/launcher');
      const { createLogger } = require('./src/logger');
      startDatabase({ dataDir: process.argv[1], log: createLogger('silent') }).then((db) => console.log('PID ' + db.pid));`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script, dataDir], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /PID (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', (code) => reject(new Error(`launcher script exited early (${code})`)));
    });
    assert.ok(processAlive(childPid));

    parent.kill('SIGKILL');
    await waitUntil(() => !processAlive(childPid), 10_000, 'the orphaned FerretDB to exit');
  });
});
