import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  /** Completed requests per second of wall time. */
  throughput: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  durationS: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Fixed number of requests (each pre-built), or a duration in seconds. */
  amount?: number;
  durationS?: number;
  /** Requests per second across all connections, for an open-loop webhook load. */
  overallRate?: number;
  /** Requests each connection sends in turn, in order (a conversation), then starts over. */
  steps?: number;
  /** The body and headers of a connection's next request; `context` lives as long as the connection. */
  next: (step: number, context: Record<string, unknown>) => { body: string; headers: Record<string, string>; path?: string };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    timeout: 30,
    requests: Array.from({ length: options.steps ?? 1 }, (_, step) => ({
      setupRequest: (request: autocannon.Request, context: object) => {
        const { body, headers, path } = options.next(step, context as Record<string, unknown>);
        return { ...request, method: 'POST' as const, ...(path ? { path } : {}), body, headers: { ...headers, 'content-type': 'application/json' } };
      },
    })),
  });
  const durationS = Number(process.hrtime.bigint() - started) / 1e9;
  const completed = result.requests.total;
  return {
    requests: completed,
    throughput: Math.round((completed / durationS) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationS: Math.round(durationS * 10) / 10,
  };
}
