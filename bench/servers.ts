/**
 * The servers under load, each in its own Node process so the load generator (autocannon, in the
 * parent) does not share an event loop with them. Started as `node --import tsx bench/servers.ts`;
 * the parent sends one `start` message and gets back the port, bound to 127.0.0.1; later messages are
 * questions (`{ type, id, ... }`) answered with `{ type: 'answer', id, value }`.
 *
 * The app runs as `npm start` runs it (createApp with the process's outbox and inbound queue), plus
 * two instruments the parent switches on and off: the driver's command monitoring for one request,
 * and the V8 CPU profiler.
 */
import { X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import express from 'express';
import mongoose from 'mongoose';
import { drainBackground } from '../src/channels/background';
import { loadConfig } from '../src/config';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { createApp, inboundQueueFor } from '../src/http/app';
import { rawBodyOf } from '../src/channels/body';
import { createLogger } from '../src/logger';
import { OutboxDispatcher } from '../src/notify/outbox';
import { outboxSenders } from '../src/notify/senders';
import { startMaintenance } from '../src/services/maintenance';
import { summarizeCpuProfile, type CpuProfile } from './support/cpu-profile';

export type ServerKind = 'app' | 'hello-skill' | 'bare-express';

export interface StartMessage {
  kind: ServerKind;
  databaseUri?: string;
  databaseName?: string;
  /** Where the app keeps its files (e-mail receipts): the run's temporary directory. */
  dataDir?: string;
  /** Where Graph API and Alexa API calls go: the parent's fake, on 127.0.0.1. */
  fakeApiBaseUrl?: string;
  /** The stand-in Alexa PKI of the parent: the root to trust and the chain to serve. */
  trustedRootPem?: string;
  certChainPem?: string;
}

/** One database command of a profiled request, as the driver's command monitoring saw it. */
export interface RecordedCommand {
  name: string;
  collection: string;
  ms: number;
  /** The command as sent (EJSON, without session and cluster fields), for explain. */
  command: string;
}

/** A bare ask-sdk-core skill that says hello, served by express: the ceiling for an Alexa endpoint. */
export function helloSkillApp(): express.Express {
  const skill = SkillBuilders.custom()
    .addRequestHandlers({ canHandle: () => true, handle: ({ responseBuilder }) => responseBuilder.speak('Hello').getResponse() })
    .create();
  const app = express();
  app.post('/', express.json(), async (req, res) => {
    res.json(await skill.invoke(req.body as RequestEnvelope));
  });
  return app;
}

/**
 * An express app that reads the body with the webhooks' own parser (the raw bytes a signature is
 * checked over) and answers 200: the ceiling for a webhook acknowledgement, on any path.
 */
export function bareExpressApp(): express.Express {
  const app = express();
  app.use(...rawBodyOf(['application/json'], '1mb'), (_req, res) => {
    res.status(200).send('EVENT_RECEIVED');
  });
  return app;
}

const DRIVER_FIELDS = new Set(['lsid', '$clusterTime', '$db', 'txnNumber', 'autocommit', 'startTransaction', 'readConcern', 'writeConcern', '$readPreference']);

/**
 * The command as the driver put it on the wire, as EJSON. Round-tripped through BSON first: a command
 * may hold mongoose arrays, which BSON serializes as the driver does but EJSON cannot (they are circular).
 * A listener that threw would fail the command, so anything unexpected is recorded as unknown instead.
 */
function sentCommand(command: Record<string, unknown>): string {
  try {
    const { BSON } = mongoose.mongo;
    const plain = BSON.deserialize(BSON.serialize(Object.fromEntries(Object.entries(command).filter(([key]) => !DRIVER_FIELDS.has(key)))));
    return BSON.EJSON.stringify(plain, { relaxed: false });
  } catch {
    return '{}';
  }
}

/** Records the database commands started while one request is being answered, until its response is sent. */
class CommandRecorder {
  private armed = false;
  private recording: RecordedCommand[] | undefined;
  private readonly started = new Map<number, RecordedCommand>();
  private done: Promise<RecordedCommand[]> | undefined;
  private finish: ((commands: RecordedCommand[]) => void) | undefined;

  attach(): void {
    const client = mongoose.connection.getClient();
    client.on('commandStarted', (event) => {
      if (!this.recording) return;
      const collection = String(event.command[event.commandName] ?? event.command.collection ?? '');
      const recorded = { name: event.commandName, collection, ms: Number.NaN, command: sentCommand(event.command as Record<string, unknown>) };
      this.recording.push(recorded);
      this.started.set(event.requestId, recorded);
    });
    const ended = (event: { requestId: number; duration: number }) => {
      const recorded = this.started.get(event.requestId);
      if (!recorded) return;
      recorded.ms = Math.round(event.duration * 1000) / 1000;
      this.started.delete(event.requestId);
    };
    client.on('commandSucceeded', ended);
    client.on('commandFailed', ended);
  }

  /** The commands of the next request this server answers. */
  nextRequest(): Promise<RecordedCommand[]> {
    this.armed = true;
    this.done = new Promise((resolve) => (this.finish = resolve));
    return this.done;
  }

  onRequest(res: ServerResponse): void {
    if (!this.armed) return;
    this.armed = false;
    const commands: RecordedCommand[] = [];
    this.recording = commands;
    res.once('finish', () => {
      this.recording = undefined;
      // Commands still running when the response went out finish in the background; give them a moment.
      setTimeout(() => this.finish!(commands), 200);
    });
  }
}

interface AppProcess {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  answer(question: Question): Promise<unknown>;
  stop(): Promise<void>;
}

type Question = { type: 'record-next-request' } | { type: 'workers'; on: boolean } | { type: 'cpu-profile-start' } | { type: 'cpu-profile-stop' } | { type: 'drain' };

async function appProcess(message: StartMessage): Promise<AppProcess> {
  await connectDatabase(message.databaseUri!, { dbName: message.databaseName, monitorCommands: true });
  const recorder = new CommandRecorder();
  recorder.attach();
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error', DATA_DIR: message.dataDir, GRAPH_API_BASE_URL: message.fakeApiBaseUrl, ALEXA_API_BASE_URL: message.fakeApiBaseUrl });
  // Errors only: a turn that fails under load shows in the bench's output.
  const log = createLogger('error');
  const outbox = new OutboxDispatcher(outboxSenders(config), log);
  const inbound = inboundQueueFor(config, log);
  const chain = message.certChainPem!;
  const app = createApp({
    config,
    log,
    outbox,
    inbound,
    channelOverrides: { alexa: { verifier: { trustedRoots: [new X509Certificate(message.trustedRootPem!)], fetchCertChain: async () => chain } } },
  });
  // The pollers of `npm start` (retries, recovery, the sweeper): off while single requests are profiled,
  // so their commands are not counted as a turn's.
  let stopWorkers: (() => void) | undefined;
  const session = new Session();
  session.connect();
  return {
    handler: (req, res) => {
      recorder.onRequest(res);
      app(req, res);
    },
    answer: async (question) => {
      switch (question.type) {
        case 'record-next-request':
          return recorder.nextRequest();
        case 'workers':
          if (question.on && !stopWorkers) {
            const stops = [outbox.start(5_000), inbound.start(1_000), startMaintenance(config.SWEEP_INTERVAL_SECONDS * 1000, log)];
            stopWorkers = () => stops.forEach((stop) => stop());
          } else if (!question.on) {
            stopWorkers?.();
            stopWorkers = undefined;
          }
          return question.on;
        case 'cpu-profile-start':
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
          return true;
        case 'cpu-profile-stop': {
          const { profile } = await session.post('Profiler.stop');
          return summarizeCpuProfile(profile as CpuProfile);
        }
        case 'drain':
          // Webhook turns this process started on, until their replies are queued and sent.
          await drainBackground();
          return process.memoryUsage().rss / 1024 ** 2;
      }
    },
    stop: async () => {
      stopWorkers?.();
      await drainBackground();
      await disconnectDatabase();
    },
  };
}

/** A parent that has gone away (the run was stopped) is not told anything; `disconnect` ends this process. */
function tellParent(message: object): void {
  if (process.connected) process.send!(message);
}

async function start(message: StartMessage): Promise<void> {
  let appUnderTest: AppProcess | undefined;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  if (message.kind === 'app') {
    appUnderTest = await appProcess(message);
    handler = appUnderTest.handler;
  } else {
    handler = message.kind === 'hello-skill' ? helloSkillApp() : bareExpressApp();
  }
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', async (next: Question & { id?: number } | { type: 'stop' }) => {
    if (next.type === 'stop') {
      server.closeAllConnections();
      server.close();
      await appUnderTest?.stop();
      process.exit(0);
    }
    const value = await appUnderTest?.answer(next);
    tellParent({ type: 'answer', id: (next as { id?: number }).id, value });
  });
  tellParent({ type: 'listening', port: (server.address() as AddressInfo).port });
}

if (require.main === module) {
  process.once('message', (message: StartMessage) => {
    start(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  // The parent going away takes this server with it.
  process.on('disconnect', () => process.exit(0));
}
