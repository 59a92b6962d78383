import { isIP } from 'node:net';
import { z } from 'zod';
import { parseRateTable } from './core/whatsapp';
import { CHANNEL_ID_PATTERN } from './core/channels';
import { DISCOUNT_CODE_PATTERN } from './core/discount';

/**
 * Every setting the service reads from the environment, parsed once at start-up.
 * A bad value stops start-up with a message naming the variable and what it expects,
 * so a misconfigured deploy fails loudly instead of misbehaving later.
 */

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

const port = z.coerce
  .number({ error: 'expected a whole number from 1 to 65535' })
  .int('expected a whole number from 1 to 65535')
  .min(1, 'expected a whole number from 1 to 65535')
  .max(65535, 'expected a whole number from 1 to 65535');

const mongoUri = z.string().refine(
  (value) => {
    if (!/^mongodb(\+srv)?:\/\//.test(value)) return false;
    try {
      // The driver accepts comma-separated hosts, which URL does not; check the first host only.
      const firstHost = value.replace(/^(mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?)([^,/?]+)(?:,[^/?]*)?/, '$1$2');
      return new URL(firstHost).hostname.length > 0;
    } catch {
      return false;
    }
  },
  { message: 'expected a MongoDB connection string such as mongodb://127.0.0.1:27017/shop or mongodb+srv://user:pass@cluster.example.net/shop' },
);

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** Comma-separated whole-message keywords, upper-cased. */
const keywordList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((word) => word.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Z0-9]{2,20}$/, 'expected keywords of letters and digits, comma-separated')));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const minorUnits = z.coerce
  .number({ error: 'expected a whole number of minor units (cents)' })
  .int('expected a whole number of minor units (cents)')
  .min(0, 'expected a whole number of minor units (cents)');

/** proxy-addr's names for address ranges, which Express's `trust proxy` also accepts. */
/** Ten a second per channel: each campaign send reads the minute's taken rate slots, so the setting bounds that read. */
export const MAX_CAMPAIGN_SENDS_PER_MINUTE = 600;

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const TRUST_PROXY_EXPECTED = 'expected off, a number of proxy hops from 1 to 10, or the proxies\' addresses and CIDRs separated by commas (10.0.0.0/8,loopback)';

/**
 * Express's `trust proxy`: whose X-Forwarded-For names the client. `true` (trust every hop) is not
 * offered: then any caller could name any address and escape the per-address limits.
 */
const trustProxy = z.string().transform((value, ctx): false | number | string[] => {
  if (value === 'off') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const proxies = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (proxies.length > 0 && proxies.every(isProxyAddress)) return proxies;
  }
  ctx.addIssue({ code: 'custom', message: TRUST_PROXY_EXPECTED });
  return z.NEVER;
});

/** The development value of every secret: known to anyone who reads this file, so never for a reachable service. */
export const DEV_SECRETS = {
  GOOGLE_WEBHOOK_SECRET: 'dev-google-webhook-secret',
  META_APP_SECRET: 'dev-meta-app-secret',
  META_VERIFY_TOKEN: 'dev-meta-verify-token',
  META_PAGE_ACCESS_TOKEN: 'dev-meta-page-access-token',
  WHATSAPP_ACCESS_TOKEN: 'dev-whatsapp-access-token',
  TWILIO_AUTH_TOKEN: 'dev-twilio-auth-token',
  WECHAT_TOKEN: 'dev-wechat-token',
  WECHAT_APP_SECRET: 'dev-wechat-app-secret',
  X_CONSUMER_SECRET: 'dev-x-consumer-secret',
  X_USER_ACCESS_TOKEN: 'dev-x-user-access-token',
  VOICE_CODE_PEPPER: 'dev-voice-code-pepper-not-for-production',
  LINK_CODE_PEPPER: 'dev-link-code-pepper-not-for-production',
  ADMIN_API_KEY: 'dev-admin-api-key',
  METRICS_TOKEN: 'dev-metrics-token',
  ALEXA_OAUTH_CLIENT_SECRET: 'dev-alexa-oauth-client-secret',
  OAUTH_COOKIE_SECRET: 'dev-oauth-cookie-secret',
  ALEXA_SKILL_MESSAGING_CLIENT_SECRET: 'dev-alexa-skill-messaging-secret',
  STAFF_SESSION_SECRET: 'dev-staff-session-secret',
  HELPDESK_WEBHOOK_SECRET: 'dev-helpdesk-webhook-secret',
} as const;

/** A secret: required in production, a fixed development value elsewhere so the demo runs with no set-up. */
function secret(devValue: string, env: NodeJS.ProcessEnv, { required }: { required: boolean }) {
  const value = z.string().min(8, 'expected at least 8 characters');
  if (!isProduction(env)) return value.default(devValue);
  return required ? value : value.optional();
}

function buildSchema(env: NodeJS.ProcessEnv) {
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { error: 'expected development, test or production' }).default('development'),
    PORT: port.default(3000),
    /** The address to listen on: loopback unless said otherwise (and never otherwise with a development secret). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Off: the client is the socket's peer, and X-Forwarded-For is ignored. Behind a reverse proxy, name it (or count its hops) so per-address limits count each visitor. */
    TRUST_PROXY: trustProxy.default(false),
    MONGODB_URI: mongoUri.optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    PUBLIC_BASE_URL: httpUrl.default('http://127.0.0.1:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    SELLER_NAME: z.string().min(1).default('Corner Market'),
    CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD').default('USD'),
    TAX_RATE_BASIS_POINTS: z.coerce.number({ error: 'expected basis points, e.g. 825 for 8.25%' }).int().min(0).max(10000).default(825),
    DELIVERY_FEE_MINOR: minorUnits.default(499),
    FREE_DELIVERY_FROM_MINOR: minorUnits.default(5000),
    VOICE_CODE_THRESHOLD_MINOR: minorUnits.default(10000),
    ORDER_LIMIT_MINOR: minorUnits.default(50000),
    DAILY_LIMIT_MINOR: minorUnits.default(100000),
    CANCELLATION_WINDOW_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(0).default(30),
    /** Whether `npm start` (serve) also runs the inbound workers; false for web-only instances next to `npm run cli -- worker`. */
    INBOUND_WORKER: booleanFlag.default(true),
    /** Customers whose messages one process works at once. */
    INBOUND_CONCURRENCY: z.coerce.number({ error: 'expected a whole number from 1 to 256' }).int('expected a whole number from 1 to 256').min(1, 'expected a whole number from 1 to 256').max(256, 'expected a whole number from 1 to 256').default(8),
    /** Tries of one inbound message's turn (a failure or a crash each count) before it is parked for GET /admin/inbound/parked. */
    INBOUND_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a whole number from 1 to 20' }).int('expected a whole number from 1 to 20').min(1, 'expected a whole number from 1 to 20').max(20, 'expected a whole number from 1 to 20').default(5),
    /** Days every message of every channel is kept in the customer's transcript (agent inbox, export) before the sweeper deletes it. */
    TRANSCRIPT_RETENTION_DAYS: z.coerce.number({ error: 'expected a whole number of days from 1 to 3650' }).int('expected a whole number of days from 1 to 3650').min(1, 'expected a whole number of days from 1 to 3650').max(3650, 'expected a whole number of days from 1 to 3650').default(90),
    SWEEP_INTERVAL_SECONDS: z.coerce.number({ error: 'expected seconds' }).int().min(1).default(60),
    /** How often a process writes the insight counts it buffered (a crash loses at most this many seconds of them). */
    INSIGHTS_FLUSH_SECONDS: z.coerce.number({ error: 'expected seconds' }).int().min(1).max(300).default(5),

    ALEXA_SKILL_ID: z.string().min(1).default('amzn1.ask.skill.00000000-0000-0000-0000-000000000000'),
    ALEXA_VERIFY_SIGNATURE: booleanFlag.default(true),
    GOOGLE_WEBHOOK_SECRET: secret(DEV_SECRETS.GOOGLE_WEBHOOK_SECRET, env, { required: false }),
    /** When set, Dialogflow's basic-auth user name must equal it (the password is GOOGLE_WEBHOOK_SECRET). */
    GOOGLE_WEBHOOK_BASIC_USER: z.string().min(1).optional(),
    /**
     * Every Dialogflow order needs the customer's voice code, from every integration: the webhook secret
     * proves only that Dialogflow (or whoever holds it) called, and the session id naming the customer is
     * the caller's choice. Turn off only where the integration in front of Dialogflow signs its users in.
     */
    DIALOGFLOW_REQUIRE_VOICE_CODE: booleanFlag.default(true),
    META_APP_SECRET: secret(DEV_SECRETS.META_APP_SECRET, env, { required: false }),
    META_VERIFY_TOKEN: secret(DEV_SECRETS.META_VERIFY_TOKEN, env, { required: false }),
    META_PAGE_ACCESS_TOKEN: secret(DEV_SECRETS.META_PAGE_ACCESS_TOKEN, env, { required: false }),
    WHATSAPP_PHONE_NUMBER_ID: z.string().min(1).default('100000000000000'),
    /** The Meta catalog connected to the WhatsApp Business Account: product cards become product messages. */
    WHATSAPP_CATALOG_ID: z.string().regex(/^\d+$/, 'expected a numeric Meta catalog id').optional(),
    WHATSAPP_ACCESS_TOKEN: secret(DEV_SECRETS.WHATSAPP_ACCESS_TOKEN, env, { required: false }),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected a Twilio account SID (AC followed by 32 hex digits)').default('AC00000000000000000000000000000000'),
    TWILIO_AUTH_TOKEN: secret(DEV_SECRETS.TWILIO_AUTH_TOKEN, env, { required: false }),
    SMS_SEGMENT_BUDGET: z.coerce.number({ error: 'expected a whole number of SMS segments' }).int().min(1).max(10).default(4),
    SMS_TRANSLITERATE: booleanFlag.default(false),
    TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number such as +15550100').default('+15550100000'),
    WECHAT_TOKEN: secret(DEV_SECRETS.WECHAT_TOKEN, env, { required: false }),
    WECHAT_APP_ID: z.string().min(1).default('wx0000000000000000'),
    WECHAT_APP_SECRET: secret(DEV_SECRETS.WECHAT_APP_SECRET, env, { required: false }),
    /** How long a WeChat push may wait for its passive reply before "success" and a customer-service message instead (WeChat gives up at 5 s; 0 = always the API). */
    WECHAT_REPLY_BUDGET_MS: z.coerce.number({ error: 'expected milliseconds from 0 to 4500' }).int('expected milliseconds from 0 to 4500').min(0, 'expected milliseconds from 0 to 4500').max(4500, 'expected milliseconds from 0 to 4500').default(4000),
    /** The X app's consumer (API) secret: keys the CRC answer and the x-twitter-webhooks-signature of every Account Activity POST. */
    X_CONSUMER_SECRET: secret(DEV_SECRETS.X_CONSUMER_SECRET, env, { required: false }),
    /** An OAuth 2.0 user-context token of the shop's X account (scopes dm.write, dm.read, tweet.read, users.read) for the DM send API. */
    X_USER_ACCESS_TOKEN: secret(DEV_SECRETS.X_USER_ACCESS_TOKEN, env, { required: false }),
    /** The shop's X user id: Account Activity events for any other subscribed account are ignored. */
    X_ACCOUNT_ID: z.string().regex(/^\d{1,20}$/, 'expected a numeric X user id').default('1000000000000000000'),
    VOICE_CODE_PEPPER: secret(DEV_SECRETS.VOICE_CODE_PEPPER, env, { required: true }),
    /**
     * Keys link-code hashes only, so rotating it never touches voice codes. No grace period for the old
     * value (link codes were once keyed with VOICE_CODE_PEPPER): a code issued before a change stops
     * matching and the customer asks for a new one; a code lives 10 minutes at most.
     */
    LINK_CODE_PEPPER: secret(DEV_SECRETS.LINK_CODE_PEPPER, env, { required: true }),
    ADMIN_API_KEY: secret(DEV_SECRETS.ADMIN_API_KEY, env, { required: true }),
    /** The bearer token GET /metrics asks of a scraper; it reads counts only. Unset in production: every scrape is refused. */
    METRICS_TOKEN: secret(DEV_SECRETS.METRICS_TOKEN, env, { required: false }),
    /** Alexa account linking (OAuth 2 authorization-code grant at /oauth): the client Alexa is configured with. */
    ALEXA_OAUTH_CLIENT_ID: z.string().regex(/^[\w.-]{3,128}$/, 'expected 3 to 128 letters, digits, dots, dashes or underscores').default('alexa-skill'),
    ALEXA_OAUTH_CLIENT_SECRET: secret(DEV_SECRETS.ALEXA_OAUTH_CLIENT_SECRET, env, { required: false }),
    /** Alexa's account-linking redirect URLs for the skill (pitangui, layla, alexa.amazon.co.jp), comma-separated. */
    ALEXA_OAUTH_REDIRECT_URIS: z
      .string()
      .transform((value) => value.split(',').map((uri) => uri.trim()).filter((uri) => uri !== ''))
      .pipe(z.array(z.url({ protocol: /^https$/, error: 'expected https URLs, comma-separated' })).min(1, 'expected at least one https URL'))
      .default(['https://pitangui.amazon.com/api/skill/link/MDEVELOPMENT0', 'https://layla.amazon.com/api/skill/link/MDEVELOPMENT0', 'https://alexa.amazon.co.jp/api/skill/link/MDEVELOPMENT0']),
    /** The OAuth server's issuer URL; PUBLIC_BASE_URL + /oauth when unset. */
    OAUTH_ISSUER: httpUrl.optional(),
    /** Signs the OAuth server's short-lived sign-in cookies. */
    OAUTH_COOKIE_SECRET: secret(DEV_SECRETS.OAUTH_COOKIE_SECRET, env, { required: false }),
    /** The assistant platform's order webhook (UCP): order status changes of its checkouts are sent there, signed. Unset: none are sent. */
    UCP_ORDER_WEBHOOK_URL: httpUrl.optional(),
    /** The ES256 private key (PKCS#8 PEM) that signs UCP order webhooks; its public half is published in /.well-known/ucp. Unset: a key per process (development only: restarts and other instances sign with other keys). */
    UCP_SIGNING_KEY: z.string().regex(/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----\s*$/, 'expected a PKCS#8 PEM private key').optional(),
    SMTP_URL: z.string().regex(/^(smtps?:\/\/|json:|file:)/, 'expected smtp://, smtps://, json: or file:<folder>').default('json:'),

    /** Channels tried for a notification after the customer's own preferred ones, in this order. */
    NOTIFY_CHANNEL_ORDER: z
      .string()
      .transform((value) => value.split(',').map((channel) => channel.trim()).filter(Boolean))
      // Channel ids, not a fixed list: channels are registered, and one without a notifier is skipped.
      .pipe(z.array(z.string().regex(CHANNEL_ID_PATTERN, 'expected a comma-separated list of channel ids such as whatsapp, messenger, instagram, sms, alexa')).min(1))
      .default(['whatsapp', 'messenger', 'instagram', 'sms', 'alexa']),
    QUIET_HOURS: z.string().regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'expected HH:MM-HH:MM (24-hour, in the customer\'s time zone) or off').default('21:00-08:00'),
    WHATSAPP_TEMPLATE_ORDER_UPDATE: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('order_status_update'),
    WHATSAPP_TEMPLATE_BACK_IN_STOCK: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('back_in_stock'),
    WHATSAPP_TEMPLATE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'expected a template language code such as en_US').default('en_US'),
    /**
     * Estimated WhatsApp cost per pricing category, in minor units of CURRENCY per 1000 messages (a utility
     * message costs a fraction of a cent): recorded with every send, summed by GET /admin/message-spend.
     */
    WHATSAPP_RATES_PER_1000: z
      .string()
      .transform((value, ctx) => {
        const table = parseRateTable(value);
        if (typeof table === 'string') {
          ctx.addIssue({ code: 'custom', message: table });
          return z.NEVER;
        }
        return table;
      })
      .prefault('marketing:2500,utility:400,authentication:1350,service:0'),
    /** A Page utility-message template for order updates outside the 24-hour window; unset: Messenger gets no order updates outside it (message tags are not used). */
    MESSENGER_UTILITY_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a template name (lowercase letters, digits, underscores)').optional(),
    ALEXA_SKILL_MESSAGING_CLIENT_ID: z.string().min(1).default('amzn1.application-oa2-client.dev'),
    ALEXA_SKILL_MESSAGING_CLIENT_SECRET: secret(DEV_SECRETS.ALEXA_SKILL_MESSAGING_CLIENT_SECRET, env, { required: false }),
    ALEXA_PROACTIVE_STAGE: z.enum(['development', 'live'], { error: 'expected development or live' }).default('development'),
    LWA_API_BASE_URL: httpUrl.default('https://api.amazon.com'),
    MAIL_FROM: z.string().min(3).default('Corner Market <orders@example.com>'),
    /** A mailbox for mailto: unsubscribes, added to campaign e-mails' List-Unsubscribe; unset: the one-click https address only. Someone must read it: nothing here does. */
    MAIL_UNSUBSCRIBE_MAILTO: z.email().max(254).optional(),
    GRAPH_API_BASE_URL: httpUrl.default('https://graph.facebook.com'),
    GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'expected a Graph API version such as v21.0').default('v21.0'),
    TWILIO_API_BASE_URL: httpUrl.default('https://api.twilio.com'),
    ALEXA_API_BASE_URL: httpUrl.default('https://api.amazonalexa.com'),
    OUTBOUND_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100).max(120_000).default(10_000),
    WECHAT_API_BASE_URL: httpUrl.default('https://api.weixin.qq.com'),
    X_API_BASE_URL: httpUrl.default('https://api.x.com'),
    /** One-word invocation names that are the owner's brand, comma-separated ("certify" accepts them). */
    CERTIFY_BRAND_INVOCATION_NAMES: z
      .string()
      .regex(/^[a-z' .]+(,[a-z' .]+)*$/, 'expected lowercase invocation names separated by commas')
      .optional(),

    /**
     * E.164 prefixes outbound SMS and WhatsApp messages may go to, comma-separated ("+1,+44"); unset:
     * the calling code of TWILIO_FROM (for +1, the US and Canada only). Replies to a number that wrote are exempt.
     */
    OUTBOUND_COUNTRY_PREFIXES: z
      .string()
      .transform((value) => value.split(',').map((prefix) => prefix.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^\+[1-9]\d{0,5}$/, 'expected E.164 prefixes such as +1,+44, comma-separated')).min(1))
      .optional(),
    /** Messages nobody asked for by writing to us (a link code texted to a typed number): per requester, per destination, overall, per hour. */
    UNSOLICITED_PER_REQUESTER_PER_HOUR: z.coerce.number({ error: 'expected a whole number' }).int().min(0).default(3),
    UNSOLICITED_PER_DESTINATION_PER_HOUR: z.coerce.number({ error: 'expected a whole number' }).int().min(0).default(3),
    UNSOLICITED_PER_HOUR: z.coerce.number({ error: 'expected a whole number' }).int().min(0).default(100),
    /** Campaign messages one customer may get per 7-day window, on all channels together; further ones are withheld. */
    CAMPAIGN_WEEKLY_CAP: z.coerce.number({ error: 'expected a whole number' }).int().min(0).max(50).default(2),
    /** Hours a cart with lines is left untouched before its one reminder (marketing consent on the channel needed). */
    CART_REMINDER_AFTER_HOURS: z.coerce.number({ error: 'expected hours' }).int().min(1).max(72).default(4),
    /** The approved WhatsApp MARKETING template for a cart reminder, with the cart's items as its one parameter. */
    WHATSAPP_TEMPLATE_CART_REMINDER: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('cart_reminder'),
    /** Whole-message keywords that start a marketing sign-up on SMS (confirmed by YES) and WhatsApp, comma-separated. */
    SIGNUP_KEYWORDS: keywordList('JOIN'),
    /** Whole-message keywords that start the event dialog (pick a city, get its event) on SMS and WhatsApp; their series are kept by the admin API. */
    EVENT_KEYWORDS: keywordList('EVENTS'),
    /**
     * Campaign messages sent per minute on each channel; the rest wait for the next minute. Bounded because
     * every send reads this minute's taken slots (up to this many rows, `store/rate-store.ts`).
     */
    CAMPAIGN_SENDS_PER_MINUTE: z.coerce.number({ error: 'expected a whole number' }).int().min(1).max(MAX_CAMPAIGN_SENDS_PER_MINUTE).default(60),
    /** Which consent allows the NPS question after delivery: service (not opted out of messages) or marketing (a marketing opt-in); off sends none. */
    NPS_PURPOSE: z.enum(['service', 'marketing', 'off'], { error: 'expected service, marketing or off' }).default('service'),
    /** Hours after delivery before the NPS question goes (then quiet hours may defer it further). */
    NPS_DELAY_HOURS: z.coerce.number({ error: 'expected hours' }).int().min(0).max(720).default(24),
    /** A customer is asked at most once in this many days, however often they order. */
    NPS_EVERY_DAYS: z.coerce.number({ error: 'expected days' }).int().min(1).max(3650).default(90),
    /** Days an NPS question waits for its score; a number after that is an ordinary message. */
    NPS_OPEN_DAYS: z.coerce.number({ error: 'expected days' }).int().min(1).max(60).default(7),
    /** The approved WhatsApp template for the NPS question outside the 24-hour window (UTILITY for service, MARKETING for marketing), the seller as its one parameter. */
    WHATSAPP_TEMPLATE_NPS: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('nps_question'),
    /** on: customers with a birth date and a marketing opt-in get a birthday message; off: none. */
    BIRTHDAY_MESSAGES: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
    /** The hour (0-23) in the customer's time zone their birthday message is due (quiet hours still defer it). */
    BIRTHDAY_LOCAL_HOUR: z.coerce.number({ error: 'expected an hour 0-23' }).int().min(0).max(23).default(10),
    /** A discount code named in the birthday message (create it in the discounts API); unset: none. */
    BIRTHDAY_DISCOUNT_CODE: z.string().regex(DISCOUNT_CODE_PATTERN, 'expected a discount code (3 to 24 capital letters and digits)').optional(),
    /** The approved WhatsApp MARKETING template for a birthday message, with the message text as its one parameter. */
    WHATSAPP_TEMPLATE_BIRTHDAY: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('birthday_greeting'),

    /** How long a web chat session token lasts from when it was issued. */
    WEBCHAT_SESSION_TTL_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(1).max(43200).default(1440),
    /** New web chat sessions one source address may open per clock hour (shared addresses behind one NAT count together). */
    WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: z.coerce.number({ error: 'expected a whole number' }).int().min(1).default(60),
    /** off: orders are paid on delivery (today's demos); stripe: charged through Stripe (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET then required). */
    PAYMENTS: z.enum(['off', 'stripe'], { error: 'expected off or stripe' }).default('off'),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w{8,}$/, 'expected a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_...)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w{8,}$/, 'expected a Stripe webhook signing secret (whsec_...)').optional(),
    STRIPE_API_BASE_URL: httpUrl.default('https://api.stripe.com'),
    /** How long an order waiting for payment holds its stock (and its payment link lives): Stripe's Checkout expiry allows 30 minutes to 24 hours. */
    PAYMENT_HOLD_MINUTES: z.coerce.number({ error: 'expected minutes from 30 to 1440' }).int('expected minutes from 30 to 1440').min(30, 'expected minutes from 30 to 1440').max(1440, 'expected minutes from 30 to 1440').default(30),
    /** When people answer handed-off conversations, HH:MM-HH:MM in HANDOFF_TIME_ZONE (may wrap midnight), or always. */
    HANDOFF_OPENING_HOURS: z.string().regex(/^(always|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'expected HH:MM-HH:MM (24-hour) or always').default('09:00-17:00'),
    HANDOFF_TIME_ZONE: z.string().refine((zone) => { try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return true; } catch { return false; } }, 'expected an IANA time zone such as America/New_York').default('UTC'),
    /** The wait a shopper is told inside opening hours. */
    HANDOFF_EXPECTED_WAIT_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(1).max(1440).default(5),
    /** Words that hand a conversation to a person, comma-separated, matched as whole words in any case. */
    HANDOFF_WORDS: z
      .string()
      .transform((value) => value.split(',').map((word) => word.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().max(40)).max(50))
      .default(['complaint', 'refund', 'broken']),
    /** Minutes a queued conversation waits for a claim before the shopper is told and offered the assistant again. */
    HANDOFF_CLAIM_TIMEOUT_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(1).max(1440).default(10),
    /** Minutes a claiming agent may stay idle before the conversation goes back to the queue. */
    HANDOFF_IDLE_MINUTES: z.coerce.number({ error: 'expected minutes' }).int().min(1).max(1440).default(15),
    /** The approved WhatsApp template an agent's reply becomes outside the 24-hour window: it asks the customer to reply (parameter 1: the shop's name). */
    WHATSAPP_TEMPLATE_AGENT_REPLY: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name (lowercase letters, digits, underscores)').default('agent_reply_waiting'),
    /** A helpdesk that receives handoff events (queued, claimed, message, resolved), signed with HELPDESK_WEBHOOK_SECRET; unset: none are posted. */
    HELPDESK_WEBHOOK_URL: httpUrl.optional(),
    /** Signs the events posted to HELPDESK_WEBHOOK_URL and verifies the helpdesk's replies (POST /helpdesk/replies). Unset in production: replies are refused. */
    HELPDESK_WEBHOOK_SECRET: secret(DEV_SECRETS.HELPDESK_WEBHOOK_SECRET, env, { required: false }),
    /** Signs the staff sign-in cookie (agent inbox, dashboard). Unset in production: staff cannot sign in. */
    STAFF_SESSION_SECRET: secret(DEV_SECRETS.STAFF_SESSION_SECRET, env, { required: false }),
    /** How long a staff sign-in lasts without activity. */
    STAFF_SESSION_HOURS: z.coerce.number({ error: 'expected hours from 1 to 24' }).int('expected hours from 1 to 24').min(1, 'expected hours from 1 to 24').max(24, 'expected hours from 1 to 24').default(8),
    /** Staff sign-in attempts allowed per e-mail, and per source address, per 15 minutes. */
    STAFF_SIGN_IN_ATTEMPTS: z.coerce.number({ error: 'expected a whole number from 1 to 100' }).int('expected a whole number from 1 to 100').min(1, 'expected a whole number from 1 to 100').max(100, 'expected a whole number from 1 to 100').default(5),
    /** The developer console at /console: on by default outside production, off in production unless set to true. */
    CONSOLE_ENABLED: booleanFlag.optional(),
    /** GET /debug/heap (heap after a forced collection, loopback callers only) for load tests; never in production. */
    DIAGNOSTICS: z
      .enum(['on', 'off'], { error: 'expected on or off' })
      .default('off')
      .refine((value) => value === 'off' || !isProduction(env), 'diagnostics are never on in production (expected off)'),
  });
}

export type Config = z.infer<ReturnType<typeof buildSchema>>;

/** Every variable the service reads; .env.example and the README list exactly these. */
export const CONFIG_KEYS = Object.keys(buildSchema({}).shape) as (keyof Config)[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset: `FOO=` in a .env file should mean "use the default". */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = buildSchema(env).safeParse(withoutEmptyValues(env));
  if (result.success) {
    const missing = [...paymentSettingsMissing(result.data), ...keywordsShared(result.data)];
    if (missing.length > 0) throw new ConfigError(missing);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const given = env[name];
    const shown = given === undefined ? 'it is not set' : `got ${JSON.stringify(redactIfSecret(name, given))}`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}

/** PAYMENTS=stripe cannot work without its key and its webhook secret: say so at start-up rather than at the first order. */
function paymentSettingsMissing(config: Config): string[] {
  if (config.PAYMENTS !== 'stripe') return [];
  return (['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const).filter((name) => !config[name]).map((name) => `${name}: required when PAYMENTS=stripe (it is not set)`);
}

/** A keyword that both signs up and starts the event dialog would do only the first: refuse it at start-up. */
function keywordsShared(config: Config): string[] {
  const shared = config.EVENT_KEYWORDS.filter((word) => config.SIGNUP_KEYWORDS.includes(word));
  return shared.length === 0 ? [] : [`EVENT_KEYWORDS: ${shared.join(', ')} is also in SIGNUP_KEYWORDS (a keyword does one thing)`];
}

const SECRET_NAMES = /SECRET|TOKEN|PEPPER|API_KEY|PASSWORD/;

function redactIfSecret(name: string, value: string): string {
  if (SECRET_NAMES.test(name)) return '<redacted>';
  // A connection string may carry a password.
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:<redacted>@');
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why the service must not listen on `host`, or [] when it may: on any address other people can reach,
 * no secret may have its published development value, and the sign-in-free developer console must be
 * asked for by name rather than on by default.
 */
export function listenRefusals(config: Config, host: string): string[] {
  if (isLoopbackHost(host)) return [];
  const problems: string[] = [];
  const devSecrets = (Object.keys(DEV_SECRETS) as (keyof typeof DEV_SECRETS)[]).filter((name) => config[name] === DEV_SECRETS[name]);
  if (devSecrets.length > 0) problems.push(`HOST=${host} is reachable from other machines, but these still have their development values: ${devSecrets.join(', ')}; set them, or listen on 127.0.0.1`);
  if (!config.ALEXA_VERIFY_SIGNATURE) problems.push(`HOST=${host} is reachable from other machines, but ALEXA_VERIFY_SIGNATURE=false lets anyone call /alexa as any user; set it to true, or listen on 127.0.0.1`);
  if (config.CONSOLE_ENABLED === undefined && config.NODE_ENV !== 'production') problems.push(`HOST=${host} is reachable from other machines and the developer console (no sign-in) would be on; set CONSOLE_ENABLED=false, or listen on 127.0.0.1`);
  return problems;
}
