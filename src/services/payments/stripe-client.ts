import Stripe from 'stripe';
import { AppError } from '../../core/errors';
import type { PaymentSettings } from '../settings';

export type StripeSettings = Extract<PaymentSettings, { provider: 'stripe' }>;

const clients = new Map<string, Stripe>();

/**
 * The official client, pointed at STRIPE_API_BASE_URL (tests and local fakes), one per key and base URL.
 * It sends the API version the package pins, so the shapes we read are the ones its types describe.
 * Network retries reuse the request's idempotency key, so a retry never charges twice.
 */
export function stripeClient(settings: StripeSettings): Stripe {
  const cacheKey = `${settings.apiBaseUrl} ${settings.secretKey}`;
  let client = clients.get(cacheKey);
  if (!client) {
    const base = new URL(settings.apiBaseUrl);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    client = new Stripe(settings.secretKey, {
      host: base.hostname,
      port: base.port || (protocol === 'http' ? 80 : 443),
      protocol,
      timeout: settings.timeoutMs,
      maxNetworkRetries: 2,
      telemetry: false,
    });
    clients.set(cacheKey, client);
  }
  return client;
}

/** Stripe takes lower-case ISO codes. */
export function stripeCurrency(currency: string): string {
  return currency.toLowerCase();
}

/**
 * Our minor units are the currency's smallest unit, which is what Stripe's `amount` counts, also for
 * zero-decimal currencies (JPY: yen). For three-decimal currencies Stripe takes only amounts ending in 0.
 */
export function stripeAmount(minor: number, currency: string): number {
  // UNCONFIRMED: the list of three-decimal currencies Stripe supports and the "last digit 0" rule, from Stripe's currency docs as remembered.
  if (['BHD', 'JOD', 'KWD', 'OMR', 'TND'].includes(currency) && minor % 10 !== 0) throw new Error(`Stripe refuses ${currency} amounts not divisible by 10 (got ${minor})`);
  return minor;
}

/** Stripe unreachable or refusing a request of ours (not a card's decline): the catalog's error, so callers answer 503 rather than 500. */
export async function askStripe<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError && !(error instanceof Stripe.errors.StripeCardError)) throw new AppError('PAYMENT_UNAVAILABLE', `Stripe refused or did not answer: ${error.type}`);
    throw error;
  }
}
