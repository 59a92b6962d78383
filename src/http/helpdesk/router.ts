import express, { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { Outbox } from '../../channels/adapter';
import { parseJsonBody } from '../../channels/body';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { verifyWebhookSignature } from '../../core/webhook-signature';
import { MAX_SHARED_PRODUCTS, sendAgentReply } from '../../notify/agent-replies';
import { claimConversation, conversationFor, resolveConversation, type InboxViewer } from '../../services/handoff';
import type { CommerceSettings } from '../../services/settings';

/** The connected helpdesk acts as one supervisor-like member of staff with this fixed id (it names no account). */
export const HELPDESK_STAFF_ID = new Types.ObjectId('68e1de5c0000000000000001');
const HELPDESK: InboxViewer = { id: HELPDESK_STAFF_ID, role: 'supervisor' };

const helpdeskAction = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('reply'),
      conversationId: z.string().regex(/^[a-f0-9]{24}$/),
      messageId: z.uuid(),
      text: z.string().trim().min(1).max(1000),
      skus: z.array(z.string().min(1).max(64)).max(MAX_SHARED_PRODUCTS).default([]),
    })
    .strict(),
  z.object({ type: z.literal('resolve'), conversationId: z.string().regex(/^[a-f0-9]{24}$/) }).strict(),
]);

/**
 * `POST /helpdesk/replies`: a connected helpdesk answers a conversation (claiming it when still queued)
 * or resolves it, signed as the events it receives are (docs/HELPDESK.md). Without HELPDESK_WEBHOOK_SECRET every request is refused.
 */
export function helpdeskRouter({ config, settings, outbox }: { config: Config; settings: CommerceSettings; outbox: Outbox }): Router {
  const router = Router();
  router.post('/replies', express.raw({ type: 'application/json', limit: '16kb' }), async (req, res) => {
    const secret = config.HELPDESK_WEBHOOK_SECRET;
    if (!secret) throw new AppError('FORBIDDEN', 'No helpdesk is connected.');
    const timestamp = req.get('x-helpdesk-timestamp');
    const signature = req.get('x-helpdesk-signature');
    if (!timestamp || !signature) throw new AppError('UNAUTHENTICATED', 'x-helpdesk-timestamp and x-helpdesk-signature are required.');
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = new Date();
    if (!verifyWebhookSignature(secret, timestamp, raw, signature, now)) throw new AppError('FORBIDDEN', 'The signature does not verify, or the timestamp is not within 5 minutes.');
    const action = helpdeskAction.parse(parseJsonBody(raw));
    const id = new Types.ObjectId(action.conversationId);
    if ((await conversationFor(HELPDESK, id)).status === 'queued') await claimConversation(settings.handoff, HELPDESK, id, now);
    if (action.type === 'resolve') {
      await resolveConversation(settings.handoff, HELPDESK, id, now);
      return res.json({ resolved: true });
    }
    const check = await sendAgentReply({ viewer: HELPDESK, conversationId: id, messageId: action.messageId, text: action.text, skus: action.skus }, { config, settings, outbox }, now);
    res.status(202).json({ sent: true, replyCheck: check });
  });
  return router;
}
