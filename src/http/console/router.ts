import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { channelAdapter, registeredChannels } from '../../channels/registry';
import { WEBCHAT_LIMITS } from '../../channels/webchat/capabilities';
import { handleTurn } from '../../conversation/engine';
import type { Intent } from '../../conversation/turn';
import { understandPayload } from '../../conversation/understand';
import { AppError } from '../../core/errors';
import { jsonBody } from '../../channels/body';
import { DEMO_CUSTOMERS, type DemoCustomer } from '../../demo/catalog';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { existingCustomerId, orderCount } from '../../store/console-store';
import { claimIdentity } from '../../store/customer-store';
import type { Channel } from '../../core/channels';
import { lastCertifyReport } from './certify-report';
import { consolePage } from './page';

/** On in development and test; in production only when CONSOLE_ENABLED=true says so on purpose. */
export function consoleEnabled(config: Config): boolean {
  return config.CONSOLE_ENABLED ?? config.NODE_ENV !== 'production';
}

export interface ConsoleDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
}

const customerKeys = DEMO_CUSTOMERS.map((c) => c.key) as [string, ...string[]];

const turnRequestSchema = z
  .object({
    // Read per request: a channel registered after this module loaded is offered too.
    channel: z.string().refine((id) => channelAdapter(id) !== undefined, { error: () => `expected one of ${registeredChannels().map((adapter) => adapter.id).join(', ')}` }),
    customer: z.enum(customerKeys, { error: `expected one of ${customerKeys.join(', ')}` }),
    text: z.string().max(WEBCHAT_LIMITS.inboundTextCharacters).optional(),
    choiceId: z.string().min(1).max(WEBCHAT_LIMITS.choiceIdCharacters).optional(),
  })
  .strict()
  .refine((t) => (t.text?.trim() ?? '') !== '' || t.choiceId !== undefined, { message: 'send text or a choiceId', path: ['text'] });

/** The demo customer's own identity on the channel where it has one, else a console identity bound to that customer. */
function consoleIdentity(customer: DemoCustomer, channel: Channel): string {
  return customer.identities.find((identity) => identity.channel === channel)?.externalId ?? `console-${customer.key}-${channel}`;
}

async function demoCustomerId(customer: DemoCustomer) {
  const first = customer.identities[0];
  return first ? existingCustomerId(first.channel, first.externalId) : null;
}

const STATIC_DIR = path.join(__dirname, 'static');

/** 403 for a browser request from another origin; tools that send no Origin (curl, tests) pass. */
function sameOriginOnly(config: Config): RequestHandler {
  const allowed = new Set([new URL(config.PUBLIC_BASE_URL).origin]);
  return (req, _res, next) => {
    const origin = req.header('origin');
    const own = `${req.protocol}://${req.header('host') ?? ''}`;
    if (origin !== undefined && origin !== own && !allowed.has(origin)) {
      next(new AppError('FORBIDDEN', 'The console answers only pages it served itself.'));
      return;
    }
    if (req.header('sec-fetch-site') === 'cross-site') {
      next(new AppError('FORBIDDEN', 'The console answers only pages it served itself.'));
      return;
    }
    next();
  };
}

/**
 * GET /console: the page; POST /console/api/turn: one turn through the real conversation engine as a
 * demo customer on a channel, answered with the neutral Reply and that channel's rendered payload.
 */
export function consoleRouter({ config, settings, log }: ConsoleDependencies): Router {
  const router = Router();

  router.use('/static', express.static(STATIC_DIR, { index: false }));

  router.get('/', async (_req, res) => {
    const customers = await Promise.all(
      DEMO_CUSTOMERS.map(async (customer) => {
        const id = await demoCustomerId(customer);
        return { key: customer.key, displayName: customer.displayName, orders: id ? await orderCount(id) : null };
      }),
    );
    const channels = registeredChannels().map(({ id, label }) => ({ id, label }));
    res.type('html').send(consolePage({ channels, customers, report: await lastCertifyReport(config.DATA_DIR) }));
  });

  // A turn acts as a demo customer, so another site must not be able to run one in a developer's browser:
  // JSON only (a cross-site form or text/plain POST needs no preflight; JSON does, and gets none), and
  // a browser's Origin, when sent, must be this server.
  router.post('/api/turn', sameOriginOnly(config), ...jsonBody(WEBCHAT_LIMITS.requestBodyBytes), async (req, res) => {
    const request = turnRequestSchema.parse(req.body);
    const adapter = channelAdapter(request.channel)!;
    const customer = DEMO_CUSTOMERS.find((c) => c.key === request.customer)!;
    const customerId = await demoCustomerId(customer);
    if (!customerId) throw new AppError('CONFLICT', `${customer.displayName} is not in the database; load the demo data with npm run cli seed.`);
    const channelUserId = consoleIdentity(customer, request.channel);
    // The console's own identity for this customer on this channel; already there after the first turn.
    await claimIdentity(request.channel, channelUserId, customerId);

    const intent: Intent | undefined = request.choiceId ? (understandPayload(request.choiceId) ?? undefined) : undefined;
    const text = intent ? undefined : (request.text ?? request.choiceId);
    const reply = await handleTurn(
      // The console speaks as a recognized, linked customer: the guard still asks for a code where the customer has one.
      { channel: request.channel, channelUserId, locale: 'en-US', intent, text, voice: adapter.voice, speakerRecognized: true, accountLinked: adapter.voice ? true : undefined, eventId: `console-${randomUUID()}` },
      settings,
      log,
    );
    const rendered = adapter.render(reply, { config, channelUserId });
    res.json({ channel: request.channel, label: adapter.label, channelUserId, neutral: reply, preview: { delivery: adapter.delivery.caption, ...rendered } });
  });

  return router;
}
