/** The insights domain's API: the only way other folders reach insights/. */
export {
  discardPendingInsights,
  flushInsights,
  recordFirstAgentReply,
  recordFunnelStep,
  recordHandoffStarted,
  recordMatchedSearch,
  recordOrderPlaced,
  recordSearchOutcome,
  recordTurn,
  startInsightFlushing,
  type FunnelStep,
  type PlacedOrderFacts,
  type SearchOutcome,
} from './recording';
export { insightReport } from './report';
export type { InsightReport } from './report-types';
