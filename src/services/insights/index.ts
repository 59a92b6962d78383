/** The insights domain's API: the only way other folders reach insights/. */
export {
  countPlacedOrder,
  discardPendingInsights,
  flushInsights,
  recordFirstAgentReply,
  recordFunnelStep,
  recordHandoffStarted,
  recordMatchedSearch,
  recordSearchOutcome,
  recordTurn,
  ORDER_INSIGHTS_JOB_KIND,
  orderInsightsJob,
  startInsightFlushing,
  type FunnelStep,
  type OrderInsightsPayload,
  type PlacedOrderFacts,
  type SearchOutcome,
} from './recording';
export { campaignFigures, insightReport, type CampaignFigures } from './report';
export type { InsightReport } from './report-types';
