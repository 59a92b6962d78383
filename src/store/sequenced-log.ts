import type { Model } from 'mongoose';
import { insertOnce } from './insert-once';

/**
 * The one concurrency primitive this code base trusts on every database we run on: append entry
 * n+1 of a log only after deciding on entry n, where a unique index on (scope, seq) lets exactly
 * one writer claim each n+1. A writer that loses reads the entry that beat it and decides again,
 * so no decision is ever made on a stale read. (FerretDB applies conditional updates as a read
 * and a separate write; a unique insert is atomic there as on MongoDB.)
 *
 * Where the newest entry is comes from one of two places:
 * - a small scope (an order's statuses, a job's attempts, three voice-code guesses) is read
 *   newest-first in one round trip;
 * - a scope that grows without end, or whose newest entry the caller already holds, starts from a
 *   known head (`from`): the product document for a sku's stock ledger, the read-back's snapshot for
 *   a day's spend. A head may lag (it is written after the insert, or read a while ago), which costs
 *   a lost insert and a read, never a wrong decision; a refusal first probes the entry after the
 *   head, so it never rests on a lagging one (a refusal outside this file, on the product's stock,
 *   probes the same way: `currentStockHead` in inventory-store.ts).
 */

const MAX_ATTEMPTS = 500;

export interface SequencedEntry {
  seq: number;
}

function entryAt<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>, seq: number): Promise<Entry | null> {
  return model.findOne({ ...scope, seq }).lean() as Promise<Entry | null>;
}

/** The newest entry of a small scope, read newest-first. */
export async function latestEntry<Entry extends SequencedEntry>(model: Model<Entry>, scope: Record<string, unknown>): Promise<Entry | null> {
  return (await model.findOne(scope).sort({ seq: -1 }).lean()) as Entry | null;
}

/**
 * The newest entry at or after a known head (null: the log was empty when the head was read): the
 * entries after it are probed by equality on (scope, seq), usually none.
 */
export async function latestAfter<Known extends SequencedEntry, Entry extends Known>(model: Model<Entry>, scope: Record<string, unknown>, head: Known | null): Promise<Known | null> {
  let latest = head;
  for (let after = await entryAt(model, scope, nextSeq(head)); after; after = await entryAt(model, scope, after.seq + 1)) latest = after;
  return latest;
}

function nextSeq(latest: SequencedEntry | null): number {
  return latest ? latest.seq + 1 : 0;
}

/** A known head to start from: the newest entry as the caller last saw it (null: none then). */
export interface StartFrom<Known> {
  latest: Known | null;
}

/**
 * `decide(latest)` returns the fields of the next entry, or null to append nothing. Returns the entry
 * written (null when refused) and the latest entry the decision was made on. Without `from`, the
 * scope's newest entry is read first (a small scope).
 */
export async function appendInSequence<Entry extends Known, Known extends SequencedEntry = Entry>(
  model: Model<Entry>,
  scope: Record<string, unknown>,
  decide: (latest: Known | null) => Omit<Entry, 'seq' | keyof typeof scope> | null,
  from?: StartFrom<Known>,
): Promise<{ appended: Entry | null; latest: Known | null }> {
  let latest: Known | null = from ? from.latest : await latestEntry(model, scope);
  let next = nextSeq(latest);
  // Read newest-first just now, a refusal can rest on it; a known head may be followed by more entries.
  const verified = !from;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const fields = decide(latest);
    if (fields === null) {
      if (verified) return { appended: null, latest };
      const after = await entryAt(model, scope, next);
      if (!after) return { appended: null, latest };
      latest = after;
      next += 1;
      continue;
    }
    const entry = { ...fields, ...scope, seq: next } as unknown as Entry;
    if (await insertOnce(model, entry)) return { appended: entry, latest };
    // Someone holds `next`: that entry is the newer state to decide on (null if already swept).
    latest = await entryAt(model, scope, next);
    next += 1;
    await jitter(attempt);
  }
  throw new Error(`${model.modelName} stayed contended after ${MAX_ATTEMPTS} attempts for ${JSON.stringify(scope)}`);
}

function jitter(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 1 + attempt)));
}
