import { ALL_MODELS } from '../../models';

/** Empties every collection but keeps the indexes (dropping would make each test recreate them). */
export async function resetDatabase(): Promise<void> {
  await Promise.all(ALL_MODELS.map((model) => model.deleteMany({})));
}
