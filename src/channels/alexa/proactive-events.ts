import type { services } from 'ask-sdk-model';
import type { SendResult } from '../adapter';

/**
 * Alexa Proactive Events: the skill's own Login with Amazon client-credentials token (scope
 * alexa::proactive_events, not the customer's), then one event per notification, addressed to one
 * Alexa user id. Development posts to the development stage, which only reaches the skill's testers.
 */

export interface ProactiveEventsSettings {
  lwaBaseUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  stage: 'development' | 'live';
  timeoutMs: number;
}

/** The schema's states (AMAZON.OrderStatus.Updated); cancellations, returns and refunds have none. */
export type AlexaOrderState = 'PREORDER_RECEIVED' | 'ORDER_RECEIVED' | 'ORDER_PREPARING' | 'ORDER_SHIPPED' | 'ORDER_OUT_FOR_DELIVERY' | 'ORDER_DELIVERED';

/** referenceId allows letters, digits and ~ only, 1 to 100 of them. */
export function alexaReferenceId(key: string): string {
  return key.replace(/[^A-Za-z0-9~]/g, '~').slice(0, 100);
}

/** Events expire unread after this (the API accepts up to a day). */
const EXPIRY_MS = 23 * 60 * 60_000;
/** A token is renewed this long before LWA says it expires. */
const TOKEN_MARGIN_MS = 60_000;

export function orderStatusEvent(input: { referenceId: string; userId: string; state: AlexaOrderState; sellerName: string; locale: string; now: Date }): services.proactiveEvents.CreateProactiveEventRequest {
  return {
    timestamp: input.now.toISOString(),
    referenceId: input.referenceId,
    expiryTime: new Date(input.now.getTime() + EXPIRY_MS).toISOString(),
    event: {
      name: 'AMAZON.OrderStatus.Updated',
      payload: { state: { status: input.state }, order: { seller: { name: 'localizedattribute:sellerName' } } },
    },
    localizedAttributes: [{ locale: input.locale, sellerName: input.sellerName }],
    relevantAudience: { type: 'Unicast', payload: { user: input.userId } },
  };
}

export class ProactiveEventsClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly settings: ProactiveEventsSettings) {}

  private async accessToken(now: number): Promise<string | SendResult> {
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const response = await fetch(new URL('/auth/o2/token', this.settings.lwaBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.settings.clientId, client_secret: this.settings.clientSecret, scope: 'alexa::proactive_events' }).toString(),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    if (!response.ok) {
      // A refused client (400/401) is configuration: retrying the same secret will not help.
      return { ok: false, retryable: response.status === 429 || response.status >= 500, error: `lwa token ${response.status}` };
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) return { ok: false, retryable: true, error: 'lwa token response without access_token' };
    this.token = { value: body.access_token, expiresAt: now + (body.expires_in ?? 3600) * 1000 - TOKEN_MARGIN_MS };
    return body.access_token;
  }

  async send(event: services.proactiveEvents.CreateProactiveEventRequest): Promise<SendResult> {
    try {
      const token = await this.accessToken(Date.now());
      if (typeof token !== 'string') return token;
      const path = this.settings.stage === 'live' ? '/v1/proactiveEvents' : '/v1/proactiveEvents/stages/development';
      const response = await fetch(new URL(path, this.settings.apiBaseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      if (response.ok) return { ok: true };
      if (response.status === 401) this.token = null;
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      const retryable = response.status === 401 || response.status === 429 || response.status >= 500;
      return { ok: false, retryable, error: `alexa proactive events ${response.status}: ${detail}` };
    } catch (error) {
      return { ok: false, retryable: true, error: `alexa unreachable: ${(error as Error).message}` };
    }
  }
}
