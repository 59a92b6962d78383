import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { startDatabase, type DatabaseServer } from '../../src/db/launcher';
import { silentLog } from '../support/config';
import { waitUntil } from '../support/processes';

/**
 * FerretDB 1.24 sends an equality filter to PostgreSQL as `_jsonb->$1 @> $2`, which the btree indexes
 * it creates cannot serve. The embedded supervisor keeps a GIN index per indexed field and runs
 * PostgreSQL with custom plans; this asks PostgreSQL itself how it would answer that query.
 */
describe('embedded FerretDB on PostgreSQL: equality lookups use an index', () => {
  let dataDir: string;
  let server: DatabaseServer;
  let sql: Client;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gin-test-'));
    server = await startDatabase({ dataDir, log: silentLog, durable: false });
    const cluster = path.join(dataDir, 'postgres');
    // postmaster.pid: line 4 is the port; the launcher keeps the cluster's generated password beside it.
    const port = Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[3]);
    const password = readFileSync(path.join(cluster, 'embedded-password'), 'utf8').trim();
    sql = new Client({ host: '127.0.0.1', port, user: 'ferretdb', password, database: 'ferretdb' });
    await sql.connect();
  });

  after(async () => {
    await sql?.end();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a pushed-down equality filter on an indexed field, and on _id, with an index scan', async () => {
    const client = new mongoose.mongo.MongoClient(server.uri);
    try {
      const sessions = client.db('gin_check').collection('sessions');
      await sessions.createIndex({ key: 1 }, { unique: true });
      await sessions.insertMany(Array.from({ length: 2_000 }, (_, n) => ({ key: `k${n}`, dialog: { step: n } })));
      assert.equal((await sessions.findOne({ key: 'k1234' }))?.dialog.step, 1234);

      const ginIndexes = async () => (await sql.query<{ tablename: string; indexdef: string }>("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'gin_check' AND indexname LIKE 'ferretdb_gin_%'")).rows;
      await waitUntil(async () => (await ginIndexes()).length >= 2, 30_000, 'the supervisor to add GIN indexes for key and _id');
      const indexes = await ginIndexes();
      assert.ok(indexes.some((index) => index.indexdef.includes("(_jsonb -> 'key'::text)")), 'a GIN index on key');
      assert.ok(indexes.some((index) => index.indexdef.includes("(_jsonb -> '_id'::text)")), 'a GIN index on _id');

      // The statement FerretDB prepares (filterEqual in internal/backends/postgresql/query.go), with its parameters.
      const table = `gin_check.${indexes[0]!.tablename}`;
      await sql.query(`PREPARE lookup(text, jsonb) AS SELECT _jsonb FROM ${table} WHERE _jsonb -> $1 @> $2`);
      for (let run = 0; run < 7; run++) await sql.query(`EXECUTE lookup('key', '"k${run}"')`); // past the point where a generic plan could be chosen
      const plan = (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE lookup('key', '"k1234"')`)).rows.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(plan, /Index Scan on ferretdb_gin_/, plan);
      assert.doesNotMatch(plan, /Seq Scan/, plan);

      // A concurrent build cut short leaves an index PostgreSQL marks invalid (never used by a plan):
      // the supervisor drops it and builds it again rather than taking it for a finished one.
      const keyIndex = indexes.find((index) => index.indexdef.includes("(_jsonb -> 'key'::text)"))!;
      const keyIndexName = /INDEX (ferretdb_gin_\w+)/.exec(keyIndex.indexdef)![1]!;
      const validity = async () => (await sql.query<{ indisvalid: boolean; oid: number }>(`SELECT x.indisvalid, x.indexrelid::int AS oid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'gin_check' AND c.relname = $1`, [keyIndexName])).rows[0];
      const before = (await validity())!;
      await sql.query('UPDATE pg_index SET indisvalid = false WHERE indexrelid = $1', [before.oid]);
      await waitUntil(async () => {
        const now = await validity();
        return !!now && now.indisvalid && now.oid !== before.oid;
      }, 30_000, 'the supervisor to rebuild the invalid GIN index');
    } finally {
      await client.close();
    }
  });
});
