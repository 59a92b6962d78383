import { Router } from 'express';
import type { Config } from '../../config';

/**
 * Development and test only: the service's heap after a full collection, so that a load test running
 * the service in another process can tell whether the service's memory grows (the harness's own heap
 * says nothing about it). A route rather than the inspector: `--inspect` would open a port that runs
 * any code it is sent, while this answers one number. It is mounted only when DIAGNOSTICS=on, which
 * the configuration refuses in production, and it answers only callers on loopback.
 * Heap snapshots need no route: start node with `--heapsnapshot-signal=SIGUSR2`.
 */
export function diagnosticsEnabled(config: Config): boolean {
  return config.DIAGNOSTICS === 'on' && config.NODE_ENV !== 'production';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function diagnosticsRouter(): Router {
  const router = Router();
  router.use((req, _res, next) => {
    // Anyone else gets the 404 the route would give if it were not mounted.
    if (LOOPBACK.has(req.socket.remoteAddress ?? '')) next();
    else next('router');
  });
  router.get('/heap', (_req, res) => {
    // global.gc exists only under `node --expose-gc`; without it the figure includes garbage, and says so.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage();
    res.json({ collected: gc !== undefined, heapUsed, heapTotal, rss, external, arrayBuffers });
  });
  return router;
}
