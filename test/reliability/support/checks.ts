import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ALL_MODELS } from '../../../models';
import { setStockLevel } from '../../../src/store/inventory-store';

/**
 * The suite runs small inside `npm test` and at the issue's sizes under `npm run test:reliability`
 * (RELIABILITY_SCALE=full), so CI exercises every check and the full run measures them.
 */
export const FULL_SCALE = process.env.RELIABILITY_SCALE === 'full';
export const scaled = (reduced: number, full: number): number => (FULL_SCALE ? full : reduced);

export interface CheckCount {
  tried: number;
  held: number;
  detail?: string;
}

/** Prints what a check tried and how much of it held (what `npm run test:reliability` reports), then demands all of it. */
export function reportCheck(name: string, { tried, held, detail }: CheckCount, failures: string[] = []): void {
  process.stdout.write(`      [reliability] ${name}: tried ${tried}, held ${held}${detail ? ` (${detail})` : ''}\n`);
  assert.ok(tried > 0, `${name}: nothing was tried`);
  assert.equal(held, tried, `${name}: ${tried - held} of ${tried} did not hold; first failures:\n${failures.slice(0, 5).join('\n')}`);
}

/** A digest of every document, per collection: equal digests mean nothing was written in between. */
export async function databaseDigest(): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const model of ALL_MODELS) {
    const documents = await model.find({}).sort({ _id: 1 }).lean();
    digests[model.collection.collectionName] = `${documents.length}:${createHash('sha256').update(JSON.stringify(documents)).digest('hex').slice(0, 16)}`;
  }
  return digests;
}

/** The coffee every load test orders, stocked deep enough that selling out never stands in for a failure. */
export const LOAD_SKU = 'COF-001';

export async function stockForLoad(): Promise<void> {
  await setStockLevel(LOAD_SKU, 1_000_000, 'restock');
}
