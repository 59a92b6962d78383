/**
 * The servers under load, each in its own Node process so the load generator (autocannon, in the
 * parent) does not share an event loop with them. Started as `node --import tsx bench/servers.ts`;
 * the parent sends one `start` message and gets back the port, bound to 127.0.0.1.
 */
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import express from 'express';
import { loadConfig } from '../src/config';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { drainBackground } from '../src/channels/background';
import { createApp } from '../src/http/app';
import { createLogger } from '../src/logger';

export type ServerKind = 'app' | 'hello-skill' | 'bare-express';

export interface StartMessage {
  kind: ServerKind;
  databaseUri?: string;
  databaseName?: string;
  /** Where Graph API and Alexa API calls go: the parent's fake, on 127.0.0.1. */
  fakeApiBaseUrl?: string;
  /** The stand-in Alexa PKI of the parent: the root to trust and the chain to serve. */
  trustedRootPem?: string;
  certChainPem?: string;
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

/** An express app that answers 200 and nothing else: the ceiling for a webhook acknowledgement. */
export function bareExpressApp(): express.Express {
  const app = express();
  app.post('/', (_req, res) => {
    res.status(200).send('EVENT_RECEIVED');
  });
  return app;
}

async function appUnderTest(message: StartMessage): Promise<express.Express> {
  await connectDatabase(message.databaseUri!, { dbName: message.databaseName });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', GRAPH_API_BASE_URL: message.fakeApiBaseUrl, ALEXA_API_BASE_URL: message.fakeApiBaseUrl });
  const chain = message.certChainPem!;
  return createApp({
    config,
    log: createLogger('silent'),
    channelOverrides: { alexa: { verifier: { trustedRoots: [new X509Certificate(message.trustedRootPem!)], fetchCertChain: async () => chain } } },
  });
}

async function start(message: StartMessage): Promise<void> {
  const app = message.kind === 'app' ? await appUnderTest(message) : message.kind === 'hello-skill' ? helloSkillApp() : bareExpressApp();
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  process.on('message', async (next: { type: string }) => {
    if (next.type === 'drain') {
      // Webhook replies still being worked out after their acknowledgement.
      await drainBackground();
      process.send!({ type: 'drained', rssMiB: process.memoryUsage().rss / 1024 ** 2 });
    }
    if (next.type === 'stop') {
      server.closeAllConnections();
      server.close();
      await drainBackground();
      if (message.kind === 'app') await disconnectDatabase();
      process.exit(0);
    }
  });
  process.send!({ type: 'listening', port: (server.address() as AddressInfo).port });
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
