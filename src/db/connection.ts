import mongoose from 'mongoose';
import { ALL_MODELS } from '../../models';

export class IndexCreationError extends Error {
  override name = 'IndexCreationError';
}

/**
 * Connects mongoose and creates every index before anything is served: the uniqueness invariants
 * (one order per idempotency key, one reply per event, stock never below zero) depend on them.
 */
export async function connectDatabase(uri: string, options: { dbName?: string; monitorCommands?: boolean } = {}): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, {
    dbName: options.dbName,
    // Off in service: the driver then builds no event per command. Tests count round trips with it.
    monitorCommands: options.monitorCommands ?? false,
    autoIndex: false,
    autoCreate: true,
    // With the database gone, a request fails in 4 s with "try again shortly" (Alexa waits 8 s, Twilio 15 s)
    // instead of queueing in mongoose's buffer; the driver reconnects on its own when the database is back.
    serverSelectionTimeoutMS: 4_000,
    bufferCommands: false,
    // An absent value stays absent; the driver would otherwise store undefined as null.
    ignoreUndefined: true,
  });
  await ensureIndexes();
  return mongoose;
}

/** How often one model's index creation is tried when PostgreSQL picks it as a deadlock's victim. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Processes that start together (workers of a scale-out, the test workers) create the same indexes at
 * the same moment, and FerretDB's PostgreSQL backend can answer one of them with a deadlock (SQLSTATE
 * 40P01), which cancels only that statement: creating indexes is idempotent, so it is tried again.
 */
async function createIndexesOf(model: (typeof ALL_MODELS)[number], attempts = DEADLOCK_ATTEMPTS): Promise<void> {
  try {
    await model.createCollection().catch(ignoreAlreadyExists);
    await model.createIndexes();
  } catch (error) {
    if (attempts > 1 && /deadlock detected|40P01/.test(String((error as Error).message))) return createIndexesOf(model, attempts - 1);
    throw error;
  }
}

export async function ensureIndexes(): Promise<void> {
  for (const model of ALL_MODELS) {
    try {
      await createIndexesOf(model);
    } catch (error) {
      throw new IndexCreationError(
        `could not create the indexes of ${model.collection.collectionName}: ${(error as Error).message}. ` +
          'The service does not start without them: they enforce uniqueness that orders and stock depend on.',
      );
    }
  }
}

function ignoreAlreadyExists(error: { code?: number }): void {
  if (error.code !== 48) throw error;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export async function pingDatabase(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** Duplicate key on a unique index. FerretDB reports code 11000 without `keyPattern`, so only the code is trusted. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
