import type { Model } from 'mongoose';
import { expiresBucketOf, SequenceHeadModel } from '../../models';
import { insertOnce } from './insert-once';
import { upsertRacing } from './upsert';

/**
 * The one concurrency primitive this code base trusts on every database we run on: append entry
 * n+1 of a log only after deciding on entry n, where a unique index on (scope, seq) lets exactly
 * one writer claim each n+1. A writer that loses reads the entry that beat it and decides again,
 * so no decision is ever made on a stale read. (FerretDB applies conditional updates as a read
 * and a separate write; a unique insert is atomic there as on MongoDB.)
 *
 * The newest entry is found without sorting the scope (which FerretDB would do over every entry of,
 * say, a sku's whole stock history): a head document (`SequenceHead`, `_id` from the scope) says
 * which seq was last appended, and the entries after it are probed by equality on (scope, seq).
 */

const MAX_ATTEMPTS = 500;

export interface SequencedEntry {
  seq: number;
}

function headId(model: { collection: { collectionName: string } }, scope: Record<string, unknown>): string {
  // JSON gives ObjectIds as hex and Dates as ISO strings; sorted keys make the id independent of the caller's key order.
  return `${model.collection.collectionName}:${JSON.stringify(Object.keys(scope).sort().map((key) => [key, scope[key]]))}`;
}

function entryAt<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>, seq: number): Promise<Entry | null> {
  return model.findOne({ ...scope, seq }).lean() as Promise<Entry | null>;
}

/**
 * The entry at the head's seq and the next seq to try. The head's entry may be gone (the sweeper
 * deletes expired entries): then nothing is there to decide on, but seqs still never repeat.
 * Without a head (a new scope, or one written before heads) the scope is sorted once; the first
 * append then writes the head.
 */
async function startingPoint<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>, shape: LogShape): Promise<{ latest: Entry | null; next: number }> {
  const head = shape.grows ? await SequenceHeadModel.findById(headId(model, scope)).lean() : null;
  if (!head) {
    const latest = (await model.findOne(scope).sort({ seq: -1 }).lean()) as Entry | null;
    return { latest, next: latest ? latest.seq + 1 : 0 };
  }
  return { latest: await entryAt(model, scope, head.seq), next: head.seq + 1 };
}

/**
 * How a log's scope grows. A scope that stays small (an order's statuses, a job's attempts, three
 * voice-code guesses) is read newest-first in one round trip; one that grows without end (a sku's
 * stock history) keeps a head document, which costs a read and a write per append but never
 * sorts the scope.
 */
export interface LogShape {
  grows: boolean;
}

const SMALL: LogShape = { grows: false };

export async function latestEntry<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>, shape: LogShape = SMALL): Promise<Entry | null> {
  let { latest, next } = await startingPoint(model, scope, shape);
  if (!shape.grows) return latest;
  // The head lags by the appends whose head update has not landed yet: usually none.
  for (let after = await entryAt(model, scope, next); after; after = await entryAt(model, scope, ++next)) latest = after;
  return latest;
}

/**
 * `decide(latest)` returns the fields of the next entry, or null to append nothing. Returns the entry
 * written (null when refused) and the latest entry the decision was made on.
 */
export async function appendInSequence<Entry extends SequencedEntry>(
  model: Model<Entry>,
  scope: Record<string, unknown>,
  decide: (latest: Entry | null) => Omit<Entry, 'seq' | keyof typeof scope> | null,
  shape: LogShape = SMALL,
): Promise<{ appended: Entry | null; latest: Entry | null }> {
  let { latest, next } = await startingPoint(model, scope, shape);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const fields = decide(latest);
    if (fields === null) {
      if (!shape.grows) return { appended: null, latest };
      // A refusal must rest on the newest entry, and the head may lag (a writer that died between its
      // insert and the head update): only refuse once nothing follows.
      const after = await entryAt(model, scope, next);
      if (!after) return { appended: null, latest };
      latest = after;
      next += 1;
      continue;
    }
    const entry = { ...fields, ...scope, seq: next } as unknown as Entry;
    if (await insertOnce(model, entry)) {
      if (shape.grows) await advanceHead(model, scope, entry);
      return { appended: entry, latest };
    }
    // Someone holds `next`: that entry is the newer state to decide on (null if already swept).
    latest = await entryAt(model, scope, next);
    next += 1;
    await jitter(attempt);
  }
  throw new Error(`${model.modelName} stayed contended after ${MAX_ATTEMPTS} attempts for ${JSON.stringify(scope)}`);
}

/**
 * `$max` so a slow writer never moves the head back on MongoDB; on FerretDB `$max` is a read then a
 * write, so a head can end up behind, which costs a probe or a lost insert later, never a wrong seq.
 */
async function advanceHead(model: { collection: { collectionName: string } }, scope: Record<string, unknown>, entry: SequencedEntry & { expiresAt?: Date }): Promise<void> {
  const expiry = entry.expiresAt ? { expiresAt: entry.expiresAt, expiresBucket: expiresBucketOf(entry.expiresAt) } : {};
  const update = { $max: { seq: entry.seq, ...expiry }, $setOnInsert: { scope } };
  const _id = headId(model, scope);
  await upsertRacing(() => SequenceHeadModel.updateOne({ _id }, update, { upsert: true }));
}

function jitter(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 1 + attempt)));
}
