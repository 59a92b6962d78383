import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config';
import { pingDatabase } from '../db/connection';
import type { Logger } from '../logger';
import { InboundQueue } from '../channels/inbound-queue';
import { channelRouters, inboundHandlers, linkChannels, type ChannelOverrides } from '../channels/registry';
import { channelServices } from '../channels/services';
import { OutboxDispatcher } from '../notify/outbox';
import { outboxSenders } from '../notify/senders';
import { commerceSettings } from '../services/settings';
import { adminRouter } from './admin/router';
import { consoleEnabled, consoleRouter } from './console/router';
import { diagnosticsEnabled, diagnosticsRouter } from './diagnostics/router';
import { errorHandler, notFound } from './errors';
import { metricsMount, metricsRouter, requestMetrics } from './metrics';
import { mcpMetadataRouter, mcpRouter } from './mcp/router';
import { oauthMountPath, oauthRouter, type OAuthRouterDependencies } from './oauth/router';
import { linksRouter } from './links/router';
import { agentRouter } from './agent/router';
import { dashboardRouter } from './dashboard/router';
import { helpdeskRouter } from './helpdesk/router';
import { stripeRouter } from './stripe/router';
import { staffRouter } from './staff/router';
import { UCP_MOUNT_PATH, ucpDiscoveryRouter, ucpRouter, type UcpRouterDependencies } from './ucp/router';

export interface AppDependencies {
  config: Config;
  log: Logger;
  channelOverrides?: ChannelOverrides;
  /** Where replies and notifications are queued; one per process, shared with the worker. */
  outbox?: OutboxDispatcher;
  /** Where messaging webhooks record messages; one per process, shared with its workers (see inboundQueueFor). */
  inbound?: InboundQueue;
  /** Stand-ins for the UCP checkout's collaborators (the payment charge, the clock) in tests. */
  ucpOverrides?: Pick<UcpRouterDependencies, 'charge' | 'now'>;
  /** The OAuth server's clock for its registration allowance, in tests. */
  oauthOverrides?: Pick<OAuthRouterDependencies, 'now'>;
}

/** The process's inbound queue as configured: it works messages unless INBOUND_WORKER is off (web-only instances). */
export function inboundQueueFor(config: Config, log: Logger, options: { works?: boolean } = {}): InboundQueue {
  const works = options.works ?? config.INBOUND_WORKER;
  return new InboundQueue(log, { concurrency: works ? config.INBOUND_CONCURRENCY : 0, maxAttempts: config.INBOUND_MAX_ATTEMPTS });
}

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * What a request log line may say. Query strings carry secrets and personal data (`hub.verify_token`,
 * WeChat's signature and openid, an OAuth `code`, a phone number in an admin search), and so do many
 * headers (cookies, signatures, `location` with an authorization code): only the path and these
 * headers are logged.
 */
const LOGGED_REQUEST_HEADERS = ['content-type', 'content-length', 'user-agent', 'x-request-id'];
const LOGGED_RESPONSE_HEADERS = ['content-type', 'content-length', 'x-request-id'];

function pick(headers: unknown, names: readonly string[]): Record<string, unknown> {
  const source = (headers ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
}

/** The path without its query, and without the OAuth interaction id (the value of the sign-in cookies). */
function pathOnly(url: unknown): string {
  return typeof url === 'string' ? url.split('?', 1)[0]!.replace(/\/(interaction|auth)\/[^/]+/, '/$1/:uid') : '';
}

export function createApp({ config, log, channelOverrides, ucpOverrides, oauthOverrides, outbox = new OutboxDispatcher(outboxSenders(config), log), inbound = inboundQueueFor(config, log) }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestMetrics());

  app.use(
    pinoHttp({
      logger: log,
      // Reuse a caller's id (a proxy's or a platform's) when it is safe to log, so one id follows a request across systems.
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      serializers: {
        req: (req: { id?: unknown; method?: unknown; url?: unknown; headers?: unknown }) => ({ id: req.id, method: req.method, path: pathOnly(req.url), headers: pick(req.headers, LOGGED_REQUEST_HEADERS) }),
        res: (res: { statusCode?: unknown; headers?: unknown }) => ({ statusCode: res.statusCode, headers: pick(res.headers, LOGGED_RESPONSE_HEADERS) }),
      },
    }),
  );

  app.use('/metrics', metricsMount('/metrics'), metricsRouter(config));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get('/readyz', async (_req, res) => {
    const databaseUp = await pingDatabase();
    res.status(databaseUp ? 200 : 503).json({ status: databaseUp ? 'ready' : 'unavailable', database: databaseUp ? 'up' : 'down' });
  });

  // The commerce settings every router and channel gets; the link channels come from the registry here, since use cases may not import it.
  const settings = commerceSettings(config, { linkChannels: linkChannels() });

  // Before /admin: the dashboard answers everything under its path, so the API key never opens it (staff session only).
  app.use('/admin/dashboard', metricsMount('/admin/dashboard'), dashboardRouter({ config }));
  app.use('/admin', metricsMount('/admin'), adminRouter(config));
  app.use('/staff', metricsMount('/staff'), staffRouter(config));
  app.use('/l', metricsMount('/l'), linksRouter(config));
  if (config.ALEXA_OAUTH_CLIENT_SECRET) {
    app.use(oauthMountPath(config), metricsMount(oauthMountPath(config)), oauthRouter({ config, settings, log, ...oauthOverrides }));
    // The assistants' resources need our authorization server: they are served with it.
    app.use(mcpMetadataRouter({ config }));
    app.use('/mcp', metricsMount('/mcp'), mcpRouter({ config, settings, log }));
    app.use(ucpDiscoveryRouter({ config }));
    app.use(UCP_MOUNT_PATH, metricsMount(UCP_MOUNT_PATH), ucpRouter({ config, settings, log, ...ucpOverrides }));
  }
  if (config.PAYMENTS === 'stripe') app.use('/stripe', metricsMount('/stripe'), stripeRouter(settings));
  const channelDeps = { config, settings, log, outbox, inbound, services: channelServices };
  inbound.useHandlers(inboundHandlers(channelDeps));
  for (const { path, router } of channelRouters(channelDeps, channelOverrides)) app.use(path, metricsMount(path), router);

  app.use('/agent', metricsMount('/agent'), agentRouter({ config, settings, outbox }));
  app.use('/helpdesk', metricsMount('/helpdesk'), helpdeskRouter({ config, settings, outbox }));
  if (consoleEnabled(config)) app.use('/console', metricsMount('/console'), consoleRouter({ config, settings, log }));
  if (diagnosticsEnabled(config)) app.use('/debug', metricsMount('/debug'), diagnosticsRouter());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
