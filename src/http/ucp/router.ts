import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { jsonBody } from '../../channels/body';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { claimIdempotencyKey, createUcpCheckout, findUcpCheckout, keepIdempotentResponse, releaseIdempotencyKey, saveUcpCheckout, type UcpCheckoutRecord } from '../../store/ucp-checkout-store';
import { assistantResources, UCP_REST_PATH } from '../oauth/provider';
import { protectedResourceMetadata, requireResourceToken, resourceMetadataPath, tokenCustomer } from '../oauth/resource-server';
import { assess, checkoutBody, completeCheckout, linesAtTodaysPrices } from './checkout';
import { chargeThroughPayments, type ChargeUcpOrder } from './payment';
import { ucpProfile } from './profile';

export interface UcpRouterDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  /** How completion charges the platform's credential (tests may stand in for the payments domain). */
  charge?: ChargeUcpOrder;
  now?: () => Date;
}

/** Where the checkout endpoint is mounted: the path of the REST endpoint the profile advertises. */
export const UCP_MOUNT_PATH = UCP_REST_PATH;

const BODY_LIMIT = '32kb';
const MAX_LINES = 50;

const lineItem = z.object({ item: z.object({ id: z.string().trim().min(1).max(64) }), quantity: z.number().int().min(1).max(99) });
/** Create and update carry the whole basket; the fields we do not act on (buyer, context, signals) are accepted and ignored. */
const basketRequest = z.object({ line_items: z.array(lineItem).min(1).max(MAX_LINES) });
const completeRequest = z.object({
  payment: z.object({
    instruments: z
      .array(z.object({ id: z.string().max(128).optional(), handler_id: z.string().min(1).max(128), type: z.string().min(1).max(64), credential: z.object({ type: z.string().min(1).max(64), token: z.string().min(1).max(512) }) }))
      .min(1)
      .max(5),
  }),
});
const sessionId = z.string().regex(/^chk_[0-9a-f]{32}$/);
/** RFC 8941 string-ish keys: printable ASCII, bounded. */
const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/);

/** The discovery profile and the checkout endpoint's protected resource metadata. */
export function ucpDiscoveryRouter({ config }: Pick<UcpRouterDependencies, 'config'>): Router {
  const router = Router();
  const resource = assistantResources(config).ucp;
  router.get('/.well-known/ucp', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(ucpProfile(config));
  });
  router.get(resourceMetadataPath(resource), (_req, res) => {
    res.json(protectedResourceMetadata(config, resource, `${config.SELLER_NAME} checkout`));
  });
  return router;
}

type Answer = { status: number; body: unknown };

/**
 * The checkout capability's REST binding under the advertised endpoint (/ucp/v1): a bearer token from
 * our OAuth server (identity linking) names the customer; a session is only ever found with its
 * customer. Mutating calls honour `Idempotency-Key`: a replay gets the stored response byte for byte.
 */
export function ucpRouter({ config, settings, charge, now = () => new Date() }: UcpRouterDependencies): Router {
  const router = Router();
  // With PAYMENTS=off nothing can take the platform's credential: completion is refused before anything is placed.
  const chargeOrder = charge ?? (settings.payments.provider === 'stripe' ? chargeThroughPayments : undefined);
  router.use(requireResourceToken(assistantResources(config).ucp));
  // A checkout is always a customer's: a service token (client credentials) names nobody.
  router.use((req, _res, next) => next(tokenCustomer(req) ? undefined : new AppError('FORBIDDEN', "A checkout needs a customer's token (identity linking), not a service token.")));
  const customerOf = (req: Request) => tokenCustomer(req)!;

  async function session(req: Request): Promise<UcpCheckoutRecord> {
    const id = sessionId.safeParse(req.params.id);
    const found = id.success ? await findUcpCheckout(id.data, customerOf(req), now()) : null;
    if (!found) throw new AppError('NOT_FOUND', 'No such checkout session.');
    return found;
  }

  /** Runs a mutating operation once per Idempotency-Key (when one is sent) and answers it. */
  async function once(req: Request, res: Response, run: () => Promise<Answer>): Promise<void> {
    const header = req.get('idempotency-key');
    if (header === undefined) {
      const answer = await run();
      res.status(answer.status).json(answer.body);
      return;
    }
    const key = idempotencyKey.safeParse(header);
    if (!key.success) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 printable characters.');
    const customerId = customerOf(req);
    const operation = `${req.method} ${req.baseUrl}${req.path}`;
    const requestHash = createHash('sha256').update(`${operation}\n${JSON.stringify(req.body ?? null)}`).digest('base64url');
    const claim = await claimIdempotencyKey(customerId, operation, key.data, requestHash, now());
    if (claim.kind === 'mismatch') throw new AppError('CONFLICT', 'This Idempotency-Key was used for another request.');
    if (claim.kind === 'in-progress') throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being worked.');
    if (claim.kind === 'replay') {
      res.status(claim.status).type('application/json').send(claim.body);
      return;
    }
    let answer: Answer;
    try {
      answer = await run();
    } catch (error) {
      await releaseIdempotencyKey(customerId, operation, key.data);
      throw error;
    }
    const body = JSON.stringify(answer.body);
    await keepIdempotentResponse(customerId, operation, key.data, answer.status, body);
    res.status(answer.status).type('application/json').send(body);
  }

  router.post('/checkout-sessions', ...jsonBody(BODY_LIMIT), async (req, res) => {
    const request = basketRequest.parse(req.body);
    await once(req, res, async () => {
      const customerId = customerOf(req);
      const lines = await linesAtTodaysPrices(customerId, request.line_items.map((line) => ({ sku: line.item.id, quantity: line.quantity })), settings);
      const created = await createUcpCheckout(customerId, lines, settings.pricing.currency, now());
      const assessed = await assess(created, settings);
      if (assessed.status !== created.status) await saveUcpCheckout({ ...created, status: assessed.status }, now());
      return { status: 201, body: checkoutBody(config, created, assessed, assessed.status) };
    });
  });

  router.get('/checkout-sessions/:id', async (req, res) => {
    const found = await session(req);
    const assessed = await assess(found, settings);
    res.json(checkoutBody(config, found, assessed, isFinal(found) ? found.status : assessed.status));
  });

  router.put('/checkout-sessions/:id', ...jsonBody(BODY_LIMIT), async (req, res) => {
    const request = basketRequest.parse(req.body);
    await once(req, res, async () => {
      const found = await session(req);
      if (isFinal(found)) throw new AppError('CONFLICT', `The checkout session is ${found.status}.`);
      const previous = new Map(found.lines.map((line) => [line.sku, line.shownPriceMinor]));
      const lines = await linesAtTodaysPrices(found.customerId, request.line_items.map((line) => ({ sku: line.item.id, quantity: line.quantity })), settings);
      // A line kept from before keeps the price the platform was shown, so a change since is reported, not slipped in.
      const updated = { ...found, lines: lines.map((line) => ({ ...line, shownPriceMinor: previous.get(line.sku) ?? line.shownPriceMinor })) };
      const assessed = await assess(updated, settings);
      const shown = { ...updated, lines: assessed.shownNow, status: assessed.status };
      await saveUcpCheckout(shown, now());
      return { status: 200, body: checkoutBody(config, shown, assessed, assessed.status) };
    });
  });

  router.post('/checkout-sessions/:id/complete', ...jsonBody(BODY_LIMIT), async (req, res) => {
    const request = completeRequest.parse(req.body);
    if (!chargeOrder) throw new AppError('PAYMENT_UNAVAILABLE', 'PAYMENTS=off: completing a UCP checkout needs PAYMENTS=stripe; nothing was placed.');
    await once(req, res, async () => {
      const found = await session(req);
      if (isFinal(found)) {
        const assessed = await assess(found, settings);
        return { status: 200, body: checkoutBody(config, found, { ...assessed, messages: [] }, found.status) };
      }
      const instrument = request.payment.instruments[0]!;
      const done = await completeCheckout(found, { handlerId: instrument.handler_id, type: instrument.credential.type, token: instrument.credential.token }, chargeOrder, settings, now());
      return { status: 200, body: checkoutBody(config, done.session, { view: done.view, messages: done.messages }, done.status) };
    });
  });

  router.post('/checkout-sessions/:id/cancel', ...jsonBody(BODY_LIMIT), async (req, res) => {
    await once(req, res, async () => {
      const found = await session(req);
      if (found.status === 'completed') throw new AppError('CONFLICT', 'A completed checkout is cancelled by cancelling its order.');
      // Nothing is reserved before completion, so cancelling holds nothing back: the session just ends.
      const canceled = { ...found, status: 'canceled' as const };
      if (found.status !== 'canceled') await saveUcpCheckout(canceled, now());
      const assessed = await assess(canceled, settings);
      return { status: 200, body: checkoutBody(config, canceled, { ...assessed, messages: [] }, 'canceled') };
    });
  });

  return router;
}

function isFinal(session: UcpCheckoutRecord): boolean {
  return session.status === 'completed' || session.status === 'canceled';
}
