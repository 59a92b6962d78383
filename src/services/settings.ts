import type { Config } from '../config';
import type { SpendingLimits } from '../core/guard';
import type { PricingPolicy } from '../core/money';

/** The commerce rules a deployment sets, in the shape the services use (no other config reaches them). */
export interface CommerceSettings {
  sellerName: string;
  pricing: PricingPolicy;
  voiceCodeThresholdMinor: number;
  limits: SpendingLimits;
  cancellationWindowMinutes: number;
  voiceCodePepper: string;
  /** Link codes have their own secret, so rotating one never invalidates the other. */
  linkCodePepper: string;
  /** How long a message stays in the customer's transcript. */
  transcriptRetentionDays: number;
}

export function commerceSettings(config: Config): CommerceSettings {
  return {
    sellerName: config.SELLER_NAME,
    pricing: {
      currency: config.CURRENCY,
      taxRateBasisPoints: config.TAX_RATE_BASIS_POINTS,
      deliveryFeeMinor: config.DELIVERY_FEE_MINOR,
      freeDeliveryFromMinor: config.FREE_DELIVERY_FROM_MINOR,
    },
    voiceCodeThresholdMinor: config.VOICE_CODE_THRESHOLD_MINOR,
    limits: { perOrderMinor: config.ORDER_LIMIT_MINOR, perDayMinor: config.DAILY_LIMIT_MINOR },
    cancellationWindowMinutes: config.CANCELLATION_WINDOW_MINUTES,
    voiceCodePepper: config.VOICE_CODE_PEPPER!,
    linkCodePepper: config.LINK_CODE_PEPPER!,
    transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
  };
}
