import type { Config } from '../config';
import type { Channel } from '../core/channels';
import type { SpendingLimits } from '../core/guard';
import { parseOpeningHours, type OpeningHours } from '../core/handoff';
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
  payments: PaymentSettings;
  /** How long a message stays in the customer's transcript. */
  transcriptRetentionDays: number;
  handoff: HandoffSettings;
  /** Whole-message keywords that start a marketing sign-up on SMS and WhatsApp (upper case). */
  signupKeywords: readonly string[];
  /** Whole-message keywords that start the event dialog on SMS and WhatsApp (upper case); each one's series is in the database. */
  eventKeywords: readonly string[];
  /** Hours before an abandoned cart's one reminder is queued. */
  cartReminderAfterHours: number;
  /** The hour in each customer's time zone their birthday message is due; null: no birthday messages. */
  birthdayLocalHour: number | null;
  notifications: NotificationChannelSettings;
}

/** Where a notification may go, as the notification sender chooses (services/notifications `notificationChannels`). */
export interface NotificationChannelSettings {
  /** NOTIFY_CHANNEL_ORDER: tried after the customer's own preferred channels. */
  channelOrder: readonly Channel[];
  /**
   * The channels that can show a link unprompted (a notifier, and not voice), so that a use case which
   * must tell the customer now whether a link will reach them (a card-setup link asked for by voice)
   * need not know the channels. Use cases may not import the channel registry (docs: the module map),
   * so the composition roots read it (channels/registry `linkChannels`) and pass it in.
   */
  linkChannels: readonly Channel[];
}

/** When and how conversations go to a person. */
export interface HandoffSettings {
  /** Null: people answer at any time. */
  openingHours: OpeningHours | null;
  expectedWaitMinutes: number;
  words: readonly string[];
  claimTimeoutMinutes: number;
  idleMinutes: number;
  /** Handoff events are also queued for a connected helpdesk (HELPDESK_WEBHOOK_URL). */
  helpdesk: boolean;
}

/** PAYMENTS=off: nothing is charged (paid on delivery); stripe: what the payments domain needs to reach Stripe. */
export type PaymentSettings =
  | { provider: 'off' }
  | { provider: 'stripe'; secretKey: string; webhookSecret: string; apiBaseUrl: string; timeoutMs: number; holdMinutes: number; returnUrl: string };

/** What the settings need from the channel registry, read by a composition root (channels/registry `linkChannels`). */
export interface RegisteredChannelFacts {
  linkChannels: readonly Channel[];
}

/**
 * The channel facts are required, not defaulted: a caller that forgot them would silently tell every
 * voice shopper that no link can reach them.
 */
export function commerceSettings(config: Config, channels: RegisteredChannelFacts): CommerceSettings {
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
    payments:
      config.PAYMENTS === 'stripe'
        ? {
            provider: 'stripe',
            // loadConfig refuses PAYMENTS=stripe without both.
            secretKey: config.STRIPE_SECRET_KEY!,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
            apiBaseUrl: config.STRIPE_API_BASE_URL,
            timeoutMs: config.OUTBOUND_TIMEOUT_MS,
            holdMinutes: config.PAYMENT_HOLD_MINUTES,
            returnUrl: new URL('/stripe/return', config.PUBLIC_BASE_URL).href,
          }
        : { provider: 'off' },
    transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
    handoff: {
      openingHours: parseOpeningHours(config.HANDOFF_OPENING_HOURS, config.HANDOFF_TIME_ZONE),
      expectedWaitMinutes: config.HANDOFF_EXPECTED_WAIT_MINUTES,
      words: config.HANDOFF_WORDS,
      claimTimeoutMinutes: config.HANDOFF_CLAIM_TIMEOUT_MINUTES,
      idleMinutes: config.HANDOFF_IDLE_MINUTES,
      helpdesk: config.HELPDESK_WEBHOOK_URL !== undefined,
    },
    signupKeywords: config.SIGNUP_KEYWORDS,
    eventKeywords: config.EVENT_KEYWORDS,
    cartReminderAfterHours: config.CART_REMINDER_AFTER_HOURS,
    birthdayLocalHour: config.BIRTHDAY_MESSAGES === 'on' ? config.BIRTHDAY_LOCAL_HOUR : null,
    notifications: {
      channelOrder: config.NOTIFY_CHANNEL_ORDER,
      linkChannels: [...channels.linkChannels],
    },
  };
}
