import { Router } from 'express';
import { z } from 'zod';
import { claimEvent } from '../../store/event-store';
import { inBackgroundInOrder } from '../background';
import { rawBodyOf } from '../../http/body';
import { metaHandshake, readSignedMetaJson } from '../meta/webhook';
import { processInboundMessage, type ChannelOutput, type InboundMessage } from '../messaging-inbound';
import type { ChannelDependencies } from '../registry';
import type { WhatsAppJob } from './client';
import { applyWhatsAppOrder, type WhatsAppOrderItem } from './order';
import { renderWhatsAppMessages, type WhatsAppMessage } from './render';

/** One inbound message of the Cloud API `messages` webhook; unknown fields and types pass. */
const messageSchema = z
  .object({
    id: z.string().min(1).max(512),
    /** The sender's phone number (wa_id); withheld for users with a username who share no number. */
    from: z.string().min(1).max(128).optional(),
    /** The business-scoped user id (BSUID), present with or instead of `from`. */
    from_user_id: z.string().min(1).max(160).optional(),
    timestamp: z.string().optional(),
    type: z.string(),
    text: z.object({ body: z.string().max(20_000) }).passthrough().optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string().max(1000), title: z.string().optional() }).passthrough().optional(),
        list_reply: z.object({ id: z.string().max(1000), title: z.string().optional(), description: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    /** A quick-reply button of a template message. */
    button: z.object({ payload: z.string().max(1000).optional(), text: z.string().optional() }).passthrough().optional(),
    order: z
      .object({
        catalog_id: z.string().optional(),
        text: z.string().optional(),
        product_items: z
          .array(
            z
              .object({
                product_retailer_id: z.string().min(1).max(200),
                quantity: z.coerce.number().int().positive().max(1000),
                item_price: z.coerce.number().optional(),
                currency: z.string().optional(),
              })
              .passthrough(),
          )
          .max(100),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const contactSchema = z.object({ wa_id: z.string().optional(), user_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).passthrough().optional() }).passthrough();

const valueSchema = z
  .object({
    messaging_product: z.literal('whatsapp'),
    metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).passthrough().optional(),
    contacts: z.array(contactSchema).max(1000).optional(),
    messages: z.array(messageSchema).max(1000).optional(),
    statuses: z.array(z.object({ id: z.string(), status: z.string() }).passthrough()).max(1000).optional(),
  })
  .passthrough();

const webhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z
        .object({
          id: z.string(),
          changes: z.array(z.object({ field: z.string(), value: z.object({}).passthrough() }).passthrough()).max(1000),
        })
        .passthrough(),
    )
    .min(1)
    .max(1000),
});

type WhatsAppInboundMessage = z.infer<typeof messageSchema>;
type WhatsAppContact = z.infer<typeof contactSchema>;

/** A customer message to answer, with the order it carries (if any) to put into the cart first. */
interface WhatsAppTurn {
  inbound: InboundMessage;
  order?: WhatsAppOrderItem[];
}

/** Who sent the message: the phone number (wa_id) when shared, otherwise the business-scoped user id. */
function senderId(message: WhatsAppInboundMessage, contacts: WhatsAppContact[]): string | undefined {
  if (message.from) return message.from;
  if (message.from_user_id) return message.from_user_id;
  // The contacts array describes the senders of this change; with one sender it is that contact.
  return contacts.length === 1 ? (contacts[0]!.wa_id ?? contacts[0]!.user_id) : undefined;
}

/** Maps a Cloud API message to a turn: text, a button or list reply's id, an order (then Checkout), or '' (fallback). */
export function toWhatsAppTurn(message: WhatsAppInboundMessage, contacts: WhatsAppContact[]): WhatsAppTurn | null {
  const channelUserId = senderId(message, contacts);
  if (!channelUserId) return null;
  const base = { channel: 'whatsapp' as const, channelUserId, eventId: message.id };
  switch (message.type) {
    case 'text':
      return { inbound: { ...base, text: message.text?.body ?? '' } };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return { inbound: reply ? { ...base, payload: reply.id, text: reply.title } : { ...base, text: '' } };
    }
    case 'button':
      return { inbound: message.button?.payload ? { ...base, payload: message.button.payload, text: message.button.text } : { ...base, text: message.button?.text ?? '' } };
    case 'order':
      if (!message.order) return { inbound: { ...base, text: '' } };
      return { inbound: { ...base, payload: 'CHECKOUT' }, order: message.order.product_items };
    default:
      return { inbound: { ...base, text: '' } };
  }
}


/**
 * GET /whatsapp answers Meta's subscription handshake; POST /whatsapp verifies X-Hub-Signature-256 over
 * the raw body (401 missing, 403 wrong, nothing processed), answers 200 at once, then handles every
 * message of every change of every entry in the background. Statuses (sent, delivered, read) are ignored.
 */
export function whatsappRouter(deps: ChannelDependencies): Router {
  const { config, log } = deps;
  const router = Router();

  router.get('/', metaHandshake(config));

  router.post('/', ...rawBodyOf(['application/json'], '1mb'), (req, res) => {
    const body = webhookSchema.parse(readSignedMetaJson(req, config));
    // Every change is checked before answering, so a malformed one is refused (400) rather than half-processed.
    const values = body.entry.flatMap((entry) => entry.changes.filter((change) => change.field === 'messages').map((change) => valueSchema.parse(change.value)));
    res.status(200).send('EVENT_RECEIVED');

    for (const value of values) {
      const phoneNumberId = value.metadata?.phone_number_id;
      if (phoneNumberId && phoneNumberId !== config.WHATSAPP_PHONE_NUMBER_ID) {
        log.warn({ phoneNumberId }, 'whatsapp webhook for another business number ignored');
        continue;
      }
      if (value.statuses?.length) log.debug({ statuses: value.statuses.map((s) => ({ id: s.id, status: s.status })) }, 'whatsapp statuses ignored');
      for (const message of value.messages ?? []) {
        const turn = toWhatsAppTurn(message, value.contacts ?? []);
        if (!turn) {
          log.warn({ messageId: message.id }, 'whatsapp message without a sender ignored');
          continue;
        }
        const { inbound, order } = turn;
        const output: ChannelOutput = {
          render: (reply) => renderWhatsAppMessages(reply, { catalogId: config.WHATSAPP_CATALOG_ID }),
          job: (messages): WhatsAppJob => ({ to: inbound.channelUserId, messages: messages as WhatsAppMessage[] }),
        };
        inBackgroundInOrder(`whatsapp:${inbound.channelUserId}`, async () => {
          if (order) {
            // The cart changes once per order message: a redelivery stops at this claim, before the cart.
            if (!(await claimEvent('whatsapp', `order:${inbound.eventId}`))) return;
            await applyWhatsAppOrder(inbound.channelUserId, order, deps.settings, log);
          }
          await processInboundMessage(inbound, output, deps);
        }, log);
      }
    }
  });

  return router;
}
