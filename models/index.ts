import type { Model } from 'mongoose';
import { BucketCursorModel } from './bucket-cursor';
import { CampaignAttributionModel, CampaignModel, CampaignSendModel, LinkClickModel, ShortLinkModel } from './campaign';
import { CartModel } from './cart';
import { ChannelIdentityModel } from './channel-identity';
import { ConsentRecordModel } from './consent-record';
import { CustomerModel } from './customer';
import { CustomerMergeModel } from './customer-merge';
import { DiscountCodeModel, DiscountUseModel } from './discount';
import { EventSeriesModel } from './event-series';
import { HandoffClaimModel, HandoffConversationModel, HandoffSignalModel } from './handoff';
import { InboundEventModel, InboundLeaseModel } from './inbound-event';
import { InsightDailyModel } from './insight-daily';
import { InventoryLedgerModel } from './inventory-ledger';
import { LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel } from './link-code';
import { MessageCostModel } from './message-cost';
import { MessageTemplateModel } from './message-template';
import { NpsQuestionModel, NpsResponseModel } from './nps';
import { OAuthConsumptionModel, OAuthRecordModel } from './oauth-record';
import { OrderModel } from './order';
import { OrderStatusEventModel } from './order-status-event';
import { OrderSummaryModel } from './order-summary';
import { OutboxModel } from './outbox';
import { OutboxAttemptModel } from './outbox-attempt';
import { PaymentModel } from './payment';
import { ProcessedEventModel } from './processed-event';
import { ProductModel } from './product';
import { RateSlotModel } from './rate-slot';
import { SessionModel } from './session';
import { SpendLedgerModel } from './spend-ledger';
import { StaffModel, StaffSessionModel } from './staff';
import { StockAlertModel } from './stock-alert';
import { TranscriptMessageModel } from './transcript-message';
import { UcpCheckoutModel, UcpIdempotencyModel } from './ucp-checkout';
import { VoiceCodeAttemptModel } from './voice-code-attempt';
import { WebchatTokenModel } from './webchat-token';

export * from './bucket-cursor';
export * from './campaign';
export * from './cart';
export * from './channel-identity';
export * from './consent-record';
export * from './customer';
export * from './customer-merge';
export * from './discount';
export * from './event-series';
export * from './handoff';
export * from './inbound-event';
export * from './insight-daily';
export * from './inventory-ledger';
export * from './link-code';
export * from './message-cost';
export * from './message-template';
export * from './nps';
export * from './oauth-record';
export * from './order';
export * from './order-status-event';
export * from './order-summary';
export * from './outbox';
export * from './outbox-attempt';
export * from './payment';
export * from './processed-event';
export * from './product';
export * from './rate-slot';
export * from './session';
export * from './spend-ledger';
export * from './staff';
export * from './stock-alert';
export * from './transcript-message';
export * from './ucp-checkout';
export * from './voice-code-attempt';
export * from './webchat-token';
export { EXPIRY_BUCKET_MS, expiresBucketOf } from './shared';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ALL_MODELS: Model<any>[] = [
  ProductModel,
  CustomerModel,
  ChannelIdentityModel,
  CartModel,
  OrderModel,
  OrderStatusEventModel,
  SessionModel,
  ProcessedEventModel,
  ConsentRecordModel,
  OutboxModel,
  OutboxAttemptModel,
  LinkCodeModel,
  InventoryLedgerModel,
  VoiceCodeAttemptModel,
  StockAlertModel,
  LinkCodeAttemptModel,
  LinkCodeRedemptionModel,
  CustomerMergeModel,
  OAuthRecordModel,
  OAuthConsumptionModel,
  WebchatTokenModel,
  RateSlotModel,
  BucketCursorModel,
  SpendLedgerModel,
  OrderSummaryModel,
  InboundEventModel,
  InboundLeaseModel,
  PaymentModel,
  DiscountCodeModel,
  DiscountUseModel,
  CampaignModel,
  CampaignSendModel,
  ShortLinkModel,
  LinkClickModel,
  CampaignAttributionModel,
  EventSeriesModel,
  InsightDailyModel,
  MessageCostModel,
  MessageTemplateModel,
  TranscriptMessageModel,
  StaffModel,
  StaffSessionModel,
  HandoffConversationModel,
  HandoffClaimModel,
  HandoffSignalModel,
  UcpCheckoutModel,
  UcpIdempotencyModel,
  NpsQuestionModel,
  NpsResponseModel,
];
