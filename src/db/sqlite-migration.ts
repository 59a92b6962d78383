import { existsSync, readdirSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from '../logger';
import { startSqliteFerretdb } from './embedded-ferretdb';

/**
 * Releases before the PostgreSQL backend kept the embedded database in `DATA_DIR/ferretdb`, one
 * SQLite file per database. Such a directory is copied once into the PostgreSQL cluster through
 * the wire protocol (the old files are served by the same Go program with `-handler sqlite`), and
 * then moved aside, never deleted.
 */

const LEGACY_DIR = 'ferretdb';
/** Present while a copy is under way: a copy found half-done on the next start is redone from the start. */
const IN_PROGRESS_MARKER = 'MIGRATING-TO-POSTGRESQL';
const SYSTEM_DATABASES = new Set(['admin', 'config', 'local']);
const BATCH = 500;

export interface LegacySqliteData {
  dir: string;
  files: string[];
}

/** The SQLite files of an earlier release in this DATA_DIR, or undefined. */
export function findLegacySqliteData(dataDir: string): LegacySqliteData | undefined {
  const dir = path.resolve(dataDir, LEGACY_DIR);
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((file) => file.endsWith('.sqlite'));
  return files.length > 0 ? { dir, files: files.map((file) => path.join(dir, file)) } : undefined;
}

export interface MigrationResult {
  /** Where the old files are now. */
  movedTo: string;
  files: string[];
  collections: { database: string; collection: string; documents: number; indexes: string[] }[];
}

export async function migrateLegacySqliteData(options: { legacy: LegacySqliteData; targetUri: string; log: Logger }): Promise<MigrationResult> {
  const { legacy, log } = options;
  const started = Date.now();
  const marker = path.join(legacy.dir, IN_PROGRESS_MARKER);
  const resuming = existsSync(marker);
  log.warn({ files: legacy.files }, 'found the SQLite database of an earlier release: copying it into PostgreSQL once (the old files are kept)');

  const old = await startSqliteFerretdb({ sqliteDir: legacy.dir, log });
  const source = new mongoose.mongo.MongoClient(old.uri);
  const target = new mongoose.mongo.MongoClient(options.targetUri);
  const collections: MigrationResult['collections'] = [];
  try {
    const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
    const names = databases.map((database) => database.name).filter((name) => !SYSTEM_DATABASES.has(name));

    for (const name of names) {
      const existing = await target.db(name).listCollections({}, { nameOnly: true }).toArray();
      if (existing.length === 0) continue;
      if (!resuming) {
        throw new Error(
          `both ${legacy.dir} (SQLite, an earlier release) and the PostgreSQL cluster hold a database "${name}". ` +
            'Refusing to merge them: move one of the two aside and start again.',
        );
      }
      log.warn({ database: name }, 'a previous migration stopped half-way: its partial copy is dropped and the copy starts again');
      await target.db(name).dropDatabase();
    }
    await writeFile(marker, `${new Date().toISOString()}\n`);

    for (const name of names) {
      const from = source.db(name);
      const to = target.db(name);
      for (const info of await from.listCollections({}, { nameOnly: false }).toArray()) {
        if (info.type && info.type !== 'collection') continue;
        collections.push(await copyCollection(from, to, info.name));
      }
    }
  } finally {
    await Promise.all([source.close(), target.close()]);
    await old.stop();
  }

  // The old directory goes aside whole, so the next start does not find it again.
  const movedTo = path.join(path.dirname(legacy.dir), `${LEGACY_DIR}-sqlite-migrated-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await rename(legacy.dir, movedTo);
  await rm(path.join(movedTo, IN_PROGRESS_MARKER), { force: true });
  const files = legacy.files.map((file) => path.join(movedTo, path.basename(file)));
  log.warn(
    { files, collections: collections.map((c) => `${c.database}.${c.collection}: ${c.documents} documents, indexes ${c.indexes.join(', ')}`), migrationMs: Date.now() - started },
    'migrated the SQLite database of an earlier release into PostgreSQL; the old files are kept where listed and can be deleted once you are satisfied',
  );
  return { movedTo, files, collections };
}

async function copyCollection(from: mongoose.mongo.Db, to: mongoose.mongo.Db, name: string): Promise<MigrationResult['collections'][number]> {
  await to.createCollection(name);
  const source = from.collection(name);
  const target = to.collection(name);
  // Values keep their BSON types (an Int32 stays an Int32, a Long a Long) instead of becoming JavaScript numbers.
  const cursor = source.find({}, { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true, batchSize: BATCH });
  let batch: mongoose.mongo.Document[] = [];
  let documents = 0;
  for await (const document of cursor) {
    batch.push(document);
    if (batch.length === BATCH) {
      await target.insertMany(batch, { ordered: true });
      documents += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await target.insertMany(batch, { ordered: true });
    documents += batch.length;
  }

  // After the data, as a restore does it; a unique index that the copy would break fails here, loudly.
  const indexes = (await source.listIndexes().toArray()).filter((index) => index.name !== '_id_');
  if (indexes.length > 0) {
    await target.createIndexes(indexes.map(({ v: _v, ns: _ns, key, name: indexName, ...options }) => ({ key, name: indexName, ...options })));
  }

  const [expected, copied] = await Promise.all([source.countDocuments({}), target.countDocuments({})]);
  if (expected !== copied || copied !== documents) {
    throw new Error(`copying ${from.databaseName}.${name} from SQLite: ${expected} documents there, ${copied} in PostgreSQL`);
  }
  return { database: from.databaseName, collection: name, documents, indexes: indexes.map((index) => index.name as string) };
}
