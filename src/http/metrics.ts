import { Router, type RequestHandler } from 'express';
import type { Config } from '../config';
import { httpRequestDuration, metricsRegistry } from '../metrics';
import { requireApiKey } from './admin/auth';

/**
 * Times every request and counts it under its route pattern (`/admin/orders/:orderNumber`), never the
 * path it was called with: paths carry ids and anything a caller makes up. Paths that reach no mount
 * count as `unmatched`, and paths inside a mount that no route of it matched as `<mount>/*`.
 */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    const end = httpRequestDuration.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routePattern(res.locals.metricsMount as string | undefined, req.route?.path as unknown), status: String(res.statusCode) });
    });
    next();
  };
}

function routePattern(mount: string | undefined, routePath: unknown): string {
  const base = mount === undefined || mount === '/' ? '' : mount;
  if (typeof routePath === 'string') return base === '' || routePath !== '/' ? `${base}${routePath}` : base;
  return mount === undefined ? 'unmatched' : `${base}/*`;
}

/**
 * Names the mount a request entered, for requestMetrics. Express's own `req.baseUrl` will not do: it is
 * the path as the caller typed it (matching ignores case), and it is reset when an error leaves the
 * router before the response is written.
 */
export function metricsMount(path: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.metricsMount = path;
    next();
  };
}

/**
 * GET /metrics in Prometheus text format, for METRICS_TOKEN as `Authorization: Bearer` (Prometheus's
 * `authorization` scrape setting): it tells whoever reads it how busy the shop is and which channels
 * fail. The admin API key is refused here, so no scraper's configuration ever holds a key that can
 * also change orders or erase customers.
 */
export function metricsRouter(config: Config): Router {
  const router = Router();
  router.get('/', requireApiKey(config.METRICS_TOKEN, { presentedAs: 'bearer' }), async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
