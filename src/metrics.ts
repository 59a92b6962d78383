import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, served by GET /metrics (http/metrics.ts) in Prometheus text format. Every
 * label value comes from a closed set (route patterns, channel ids, outcome names, error codes from
 * the catalog), never from what a caller sent, so the number of series stays bounded.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Its `_count` is requests by route and status. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, and how long they took',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

/** Its `_count` is turns by channel and outcome: `answered`, or the error code the shopper was told. */
export const turnDuration = new Histogram({
  name: 'commerce_turn_duration_seconds',
  help: 'Conversation turns by channel and outcome (answered, or the error code), and how long they took',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const outboxSends = new Counter({
  name: 'commerce_outbox_sends_total',
  help: 'Outbox send tries by kind of job (a channel, notification or receipt) and result: sent, retry, dead, withheld, deferred',
  labelNames: ['kind', 'result'] as const,
  registers: [metricsRegistry],
});

export const inboundEvents = new Counter({
  name: 'commerce_inbound_events_total',
  help: 'Inbound messages worked by channel and result: done, retry, parked (left for GET /admin/inbound/parked)',
  labelNames: ['channel', 'result'] as const,
  registers: [metricsRegistry],
});
