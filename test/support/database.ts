import { ALL_MODELS } from '../../models';
import { discardPendingInsights } from '../../src/services/insights';

/** Empties every collection but keeps the indexes (dropping would make each test recreate them). */
export async function resetDatabase(): Promise<void> {
  // Counts an earlier test buffered in this process belong to its database, not to the one starting now.
  discardPendingInsights();
  await Promise.all(ALL_MODELS.map((model) => model.deleteMany({})));
}
