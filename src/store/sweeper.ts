import type { Model } from 'mongoose';
import { LinkCodeModel, ProcessedEventModel, SessionModel } from '../../models';
import type { Logger } from '../logger';

/** FerretDB has no TTL indexes, so expiry is our own: anything past `expiresAt` is deleted here. */
const EXPIRING_MODELS = [SessionModel, ProcessedEventModel, LinkCodeModel] as unknown as Model<{ expiresAt: Date }>[];

export interface SweepResult {
  [collection: string]: number;
}

export async function sweepExpired(now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = {};
  for (const model of EXPIRING_MODELS) {
    const { deletedCount } = await model.deleteMany({ expiresAt: { $lte: now } });
    result[model.collection.collectionName] = deletedCount;
  }
  return result;
}

/** Runs the sweep on an interval; the returned function stops it. A failed sweep is logged and retried next time. */
export function startSweeper(intervalMs: number, log: Logger): () => void {
  const timer = setInterval(() => {
    sweepExpired().then(
      (result) => log.debug({ result }, 'expired documents swept'),
      (error: unknown) => log.warn({ err: error }, 'sweep failed; retrying next interval'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
