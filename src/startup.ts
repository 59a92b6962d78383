/**
 * Process start-up for `cli serve` and `cli worker`: the database, the periodic jobs, the outbox, the
 * inbound workers and the HTTP server, started in that order and stopped in reverse.
 */
import { ConfigError, listenRefusals, type Config } from './config';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { startDatabase, type DatabaseServer } from './db/launcher';
import { createApp, inboundQueueFor } from './http/app';
import { inboundHandlers, linkChannels } from './channels/registry';
import { channelServices } from './channels/services';
import { commerceSettings } from './services/settings';
import { startHttpServer, type RunningHttpServer } from './http/server';
import type { Logger } from './logger';
import { seedIfEmpty } from './store/demo-seed';
import { drainBackground } from './channels/background';
import { startHandoffTimeouts } from './notify/agent-replies';
import { OutboxDispatcher } from './notify/outbox';
import { outboxSenders } from './notify/senders';
import { startInsightFlushing } from './services/insights';
import { startMaintenance } from './services/maintenance';

/** How often due outbox jobs (retries, deferred sends) are tried. */
const OUTBOX_INTERVAL_MS = 5_000;
/** How often the inbound workers look for messages recorded elsewhere, retries and crashed turns. */
const INBOUND_INTERVAL_MS = 1_000;

export interface OpenDatabase {
  server: DatabaseServer;
  close(): Promise<void>;
}

/** Starts (or reaches) the database, connects mongoose and creates every index. */
export async function openDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  const server = await startDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR, log });
  try {
    await connectDatabase(server.uri, { dbName: databaseNameFor(config) });
  } catch (error) {
    await disconnectDatabase().catch(() => undefined);
    await server.stop();
    throw error;
  }
  return {
    server,
    close: async () => {
      await disconnectDatabase();
      await server.stop();
    },
  };
}

export interface RunningService {
  database: DatabaseServer;
  http: RunningHttpServer;
  stop(): Promise<void>;
}

/** Database, indexes, demo data when empty, maintenance, HTTP: in that order, and stopped in reverse. */
export async function startService(config: Config, log: Logger, options: { host?: string } = {}): Promise<RunningService> {
  const started = Date.now();
  const host = options.host ?? config.HOST;
  const refusals = listenRefusals(config, host);
  if (refusals.length > 0) throw new ConfigError(refusals);
  const database = await openDatabase(config, log);
  let stopMaintenance: (() => Promise<void>) | undefined;
  try {
    // Demo customers have a published voice code (4321): never in a database that might be real.
    const seeded = config.NODE_ENV === 'development' ? await seedIfEmpty({ voiceCodePepper: config.VOICE_CODE_PEPPER! }) : null;
    if (seeded) log.info(seeded, 'empty database: demo catalog and customers loaded');
    const settings = commerceSettings(config, { linkChannels: linkChannels() });
    stopMaintenance = startMaintenance(config.SWEEP_INTERVAL_SECONDS * 1000, log, settings);
    const stopInsights = startInsightFlushing(config.INSIGHTS_FLUSH_SECONDS * 1000, insightFlushFailed(log));
    const outbox = new OutboxDispatcher(outboxSenders(config), log);
    const stopOutbox = outbox.start(OUTBOX_INTERVAL_MS);
    const stopHandoffTimeouts = startHandoffTimeouts({ config, settings, outbox }, config.SWEEP_INTERVAL_SECONDS * 1000, log);
    const inbound = inboundQueueFor(config, log);
    const stopInbound = inbound.works ? inbound.start(INBOUND_INTERVAL_MS) : () => undefined;
    const http = await startHttpServer(createApp({ config, log, outbox, inbound }), config.PORT, host);
    log.info({ host, port: http.port, startMs: Date.now() - started, inboundWorkers: inbound.works }, 'service listening');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await http.close();
        // Replies still being worked out after their webhook was acknowledged finish first.
        stopInbound();
        await drainBackground();
        // The jobs, maintenance and handoff-clock runs in flight finish (their counts taken) before the last flush.
        await Promise.all([stopOutbox(), stopMaintenance?.(), stopHandoffTimeouts()]);
        // After every turn and job has finished counting, before the database goes.
        await stopInsights();
        await database.close();
        log.info('service stopped');
      })());
    return { database: database.server, http, stop };
  } catch (error) {
    await stopMaintenance?.();
    await database.close();
    throw error;
  }
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * The workers alone, for deployments that run web instances with INBOUND_WORKER=false: inbound turns
 * and the outbox, with no HTTP server. Any number of these may run against one database.
 */
export async function startWorker(config: Config, log: Logger): Promise<RunningWorker> {
  const database = await openDatabase(config, log);
  const outbox = new OutboxDispatcher(outboxSenders(config), log);
  const stopOutbox = outbox.start(OUTBOX_INTERVAL_MS);
  const inbound = inboundQueueFor(config, log, { works: true });
  inbound.useHandlers(inboundHandlers({ config, settings: commerceSettings(config, { linkChannels: linkChannels() }), log, outbox, inbound, services: channelServices }));
  const stopInbound = inbound.start(INBOUND_INTERVAL_MS);
  const stopInsights = startInsightFlushing(config.INSIGHTS_FLUSH_SECONDS * 1000, insightFlushFailed(log));
  log.info({ concurrency: config.INBOUND_CONCURRENCY }, 'workers running');
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        stopInbound();
        // Turns already started finish (their lanes are released) before the database goes.
        await drainBackground();
        await stopOutbox();
        await stopInsights();
        await database.close();
        log.info('workers stopped');
      })()),
  };
}

/** Insight counts that could not be written are lost (analytics): said once per failed flush, without the counts. */
function insightFlushFailed(log: Logger): (error: unknown) => void {
  return (error) => log.warn({ err: error }, 'insight counts not written');
}

/** A URI that names its database keeps it; otherwise (the embedded server, a bare host) we use our own. */
function databaseNameFor(config: Config): string | undefined {
  if (!config.MONGODB_URI) return 'commerce';
  const path = config.MONGODB_URI.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '').replace(/^\//, '').split('?')[0];
  return path ? undefined : 'commerce';
}
