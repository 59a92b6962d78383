/** The insights domain's API: the only way other folders reach insights/. */
export { recordSearchOutcome, topSearches, type SearchOutcome } from './insight-service';
export type { InsightReport } from './report-types';
