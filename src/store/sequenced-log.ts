import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../db/connection';

/**
 * The one concurrency primitive this code base trusts on every database we run on: append entry
 * n+1 of a log only after deciding on entry n, where a unique index on (scope, seq) lets exactly
 * one writer claim each n+1. A writer that loses re-reads the new latest entry and decides again,
 * so no decision is ever made on a stale read. (FerretDB applies conditional updates as a read
 * and a separate write; a unique insert is atomic there as on MongoDB.)
 */

const MAX_ATTEMPTS = 500;

export interface SequencedEntry {
  seq: number;
}

export async function latestEntry<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>): Promise<Entry | null> {
  return (await model.findOne(scope).sort({ seq: -1 }).lean()) as Entry | null;
}

/**
 * `decide(latest)` returns the fields of the next entry, or null to append nothing. Returns the entry
 * written (null when refused) and the latest entry the decision was made on.
 */
export async function appendInSequence<Entry extends SequencedEntry>(
  model: Model<Entry>,
  scope: Record<string, unknown>,
  decide: (latest: Entry | null) => Omit<Entry, 'seq' | keyof typeof scope> | null,
): Promise<{ appended: Entry | null; latest: Entry | null }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const latest = await latestEntry(model, scope);
    const fields = decide(latest);
    if (fields === null) return { appended: null, latest };
    const entry = { ...fields, ...scope, seq: latest ? latest.seq + 1 : 0 } as unknown as Entry;
    try {
      await model.create(entry);
      return { appended: entry, latest };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await jitter(attempt);
    }
  }
  throw new Error(`${model.modelName} stayed contended after ${MAX_ATTEMPTS} attempts for ${JSON.stringify(scope)}`);
}

function jitter(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 1 + attempt)));
}
