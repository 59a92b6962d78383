import type { HoldResult, OutboxSender, SendResult } from '../channels/adapter';
import type { Config } from '../config';
import { webhookSignature } from '../core/webhook-signature';
import type { HelpdeskEvent } from '../services/handoff';

/** The outbox sender for a connected helpdesk: one signed POST per handoff event, retried until the helpdesk takes it. */
export function helpdeskSender(config: Config): OutboxSender {
  return {
    messageCount: () => 1,
    async send(payload, _index, now): Promise<SendResult | HoldResult> {
      const url = config.HELPDESK_WEBHOOK_URL;
      const secret = config.HELPDESK_WEBHOOK_SECRET;
      if (!url || !secret) return { hold: 'withheld', reason: 'no helpdesk is connected (HELPDESK_WEBHOOK_URL, HELPDESK_WEBHOOK_SECRET)' };
      const body = JSON.stringify(payload as HelpdeskEvent);
      const timestamp = String(Math.floor(now.getTime() / 1000));
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-helpdesk-timestamp': timestamp, 'x-helpdesk-signature': webhookSignature(secret, timestamp, body) },
          body,
          signal: AbortSignal.timeout(config.OUTBOUND_TIMEOUT_MS),
        });
        if (response.ok) return { ok: true };
        return { ok: false, retryable: response.status >= 500 || response.status === 429, error: `helpdesk webhook answered ${response.status}` };
      } catch (error) {
        return { ok: false, retryable: true, error: `helpdesk webhook unreachable: ${(error as Error).message}` };
      }
    },
  };
}
