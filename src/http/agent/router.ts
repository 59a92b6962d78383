import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { Outbox } from '../../channels/adapter';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { formatMoney } from '../../core/money';
import { agentReplyCheck, MAX_SHARED_PRODUCTS, sendAgentPaymentLink, sendAgentReply } from '../../notify/agent-replies';
import { addToCart, changeCustomerCart } from '../../services/cart';
import { catalogIndex, productsBySku } from '../../services/catalog';
import {
  claimConversation,
  conversationFor,
  conversationHeldBy,
  conversationTranscript,
  customerPanel,
  inboxConversations,
  onHandoffEvent,
  recordAgentMessage,
  resolveConversation,
  type HandoffRecord,
  type InboxViewer,
} from '../../services/handoff';
import { changeCustomerInterests } from '../../services/customers';
import type { CommerceSettings } from '../../services/settings';
import { interestChangeBody, interestsChanged } from '../admin/schemas';
import { csrfTokenOf, requireStaff, signedInStaff, staffSession } from '../staff/session';
import { agentPage } from './page';

export interface AgentInboxDependencies {
  config: Config;
  settings: CommerceSettings;
  outbox: Outbox;
}

const STATIC_DIR = path.join(__dirname, 'static');
const SEARCH_RESULTS = 8;
/** Server-sent events: a comment this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

const idParams = z.object({ id: z.string().regex(/^[a-f0-9]{24}$/, 'expected a conversation id') }).strict();
const replyBody = z
  .object({
    messageId: z.uuid(),
    text: z.string().trim().max(1000),
    skus: z.array(z.string().min(1).max(64)).max(MAX_SHARED_PRODUCTS).default([]),
  })
  .strict()
  .refine((body) => body.text.length > 0 || body.skus.length > 0, 'write something or share a product');
const paymentLinkBody = z.object({ messageId: z.uuid(), orderNumber: z.string().trim().min(1).max(40) }).strict();
const noteBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
const cartBody = z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(99) }).strict();
const searchQuery = z.object({ q: z.string().trim().min(1).max(100) }).strict();

function viewerOf(res: Response): InboxViewer {
  const staff = signedInStaff(res);
  return { id: staff.id, role: staff.role };
}

function conversationId(req: Request): Types.ObjectId {
  return new Types.ObjectId(idParams.parse(req.params).id);
}

/** What the queue list shows of a conversation: no more than the inbox needs to pick one. */
function listed(conversation: HandoffRecord, viewer: InboxViewer) {
  return {
    id: conversation._id.toHexString(),
    channel: conversation.channel,
    status: conversation.status,
    reason: conversation.reason,
    queuedAt: conversation.queuedAt,
    mine: conversation.claimedBy?.equals(viewer.id) ?? false,
  };
}

/** `/agent`: the inbox page and its API, for signed-in staff only (agents see the queue and their own conversations). */
export function agentRouter({ config, settings, outbox }: AgentInboxDependencies): Router {
  const router = Router();
  router.use(staffSession(config));
  router.use(express.json({ limit: '16kb', strict: true }));
  const page = requireStaff({ redirect: true });
  const api = requireStaff();

  router.get('/', page, (req, res) => {
    const staff = signedInStaff(res);
    res.set('cache-control', 'no-store').type('html').send(agentPage({ name: staff.name, role: staff.role, csrfToken: csrfTokenOf(req) }));
  });
  router.use('/static', page, express.static(STATIC_DIR, { fallthrough: false, index: false }));

  router.get('/api/conversations', api, async (_req, res) => {
    const viewer = viewerOf(res);
    const { queued, claimed } = await inboxConversations(viewer);
    res.json({ queued: queued.map((c) => listed(c, viewer)), claimed: claimed.map((c) => listed(c, viewer)) });
  });

  router.get('/api/conversations/:id', api, async (req, res) => {
    const viewer = viewerOf(res);
    const conversation = await conversationFor(viewer, conversationId(req));
    const [{ entries, lastInboundAt }, customer] = await Promise.all([conversationTranscript(conversation), customerPanel(conversation.customerId, settings)]);
    res.json({
      ...listed(conversation, viewer),
      channelUserId: conversation.channelUserId,
      locale: conversation.locale,
      transcript: entries.map((entry) => ({ at: entry.at, channel: entry.channel, author: entry.author, text: entry.text, cards: entry.cards ?? [] })),
      // Prices formatted here, in each currency's minor digits (none for JPY, three for KWD): the page shows them as given.
      customer: customer && { ...customer, orders: customer.orders.map((order) => ({ ...order, total: formatMoney(order.totalMinor, order.currency) })) },
      replyCheck: agentReplyCheck(config, conversation, lastInboundAt, new Date()),
    });
  });

  router.post('/api/conversations/:id/claim', api, async (req, res) => {
    const claimed = await claimConversation(settings.handoff, viewerOf(res), conversationId(req), new Date());
    res.json(listed(claimed, viewerOf(res)));
  });

  router.post('/api/conversations/:id/reply', api, async (req, res) => {
    const body = replyBody.parse(req.body ?? {});
    const check = await sendAgentReply({ viewer: viewerOf(res), conversationId: conversationId(req), messageId: body.messageId, text: body.text, skus: body.skus }, { config, settings, outbox }, new Date());
    res.status(202).json({ sent: true, replyCheck: check });
  });

  // The Checkout link made when the order was placed, sent again for an order still awaiting payment.
  router.post('/api/conversations/:id/payment-link', api, async (req, res) => {
    const { messageId, orderNumber } = paymentLinkBody.parse(req.body ?? {});
    const check = await sendAgentPaymentLink({ viewer: viewerOf(res), conversationId: conversationId(req), messageId, orderNumber }, { config, settings, outbox }, new Date());
    res.status(202).json({ sent: true, replyCheck: check });
  });

  router.post('/api/conversations/:id/note', api, async (req, res) => {
    const { text } = noteBody.parse(req.body ?? {});
    const viewer = viewerOf(res);
    const conversation = await conversationHeldBy(viewer, conversationId(req));
    await recordAgentMessage(viewer, conversation, { author: 'note', text }, settings, new Date());
    res.status(201).json({ noted: true });
  });

  // The item goes into the customer's cart; buying it still takes the customer's own yes through the purchase guard.
  router.post('/api/conversations/:id/cart', api, async (req, res) => {
    const { sku, quantity } = cartBody.parse(req.body ?? {});
    const viewer = viewerOf(res);
    const conversation = await conversationHeldBy(viewer, conversationId(req));
    const outcome = await changeCustomerCart(conversation.customerId, settings, (work) => addToCart(work, sku, quantity, settings));
    if (!outcome.ok) throw new AppError(outcome.code, `Could not add ${sku} to the cart.`);
    await recordAgentMessage(viewer, conversation, { author: 'note', text: `Added ${quantity} × ${sku} to the customer's cart.` }, settings, new Date());
    res.json({ cart: outcome.cart });
  });

  // Interests tell marketing what the shopper wants (campaigns can target them); any conversation the agent may see.
  router.post('/api/conversations/:id/interests', api, async (req, res) => {
    const change = interestChangeBody.parse(req.body ?? {});
    const conversation = await conversationFor(viewerOf(res), conversationId(req));
    res.json(interestsChanged(await changeCustomerInterests(conversation.customerId, change)));
  });

  router.post('/api/conversations/:id/resolve', api, async (req, res) => {
    await resolveConversation(settings.handoff, viewerOf(res), conversationId(req), new Date());
    res.json({ resolved: true });
  });

  router.get('/api/products', api, async (req, res) => {
    const { q } = searchQuery.parse(req.query);
    const found = (await catalogIndex()).search(q, SEARCH_RESULTS);
    const products = await productsBySku(found.map((candidate) => candidate.sku));
    res.json({ items: found.map((candidate) => products.get(candidate.sku)).filter((product) => product !== undefined).map((product) => ({ sku: product.sku, name: product.name, priceMinor: product.priceMinor, currency: product.currency, price: formatMoney(product.priceMinor, product.currency), stock: product.stock })) });
  });

  // Live queue and messages: the browser re-reads what changed. Events name nothing, so no agent learns of conversations they may not see.
  router.get('/api/events', api, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const events = onHandoffEvent((event) => res.write(`event: ${event.kind}\ndata: {}\n\n`));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      events.stop();
      clearInterval(heartbeat);
    });
  });
  return router;
}
