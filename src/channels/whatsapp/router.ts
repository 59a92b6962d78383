import { Router } from 'express';
import { z } from 'zod';
import { rawBodyOf } from '../body';
import type { InboundHandler, StoredInboundEvent } from '../adapter';
import { metaHandshake, readSignedMetaJson } from '../meta/webhook';
import { applyCatalogOrder, platformTime, processInboundMessage, recordInbound, type ChannelOutput, type InboundDelivery, type InboundMessage } from '../messaging-inbound';
import type { ChannelDependencies } from '../adapter';
import type { WhatsAppJob } from './client';
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
    /** Checked one by one (messageSchema): one bad message must not cost the others in the batch. */
    messages: z.array(z.unknown()).max(1000).optional(),
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

/**
 * The `template_category_update` change (Meta's webhook reference): a completed change carries
 * previous_category and new_category; an announced one carries new_category (still the current one),
 * correct_category and the category_update_timestamp when it will change.
 */
const templateCategoryUpdateSchema = z
  .object({
    message_template_id: z.union([z.number(), z.string().max(40)]),
    message_template_name: z.string().min(1).max(512),
    message_template_language: z.string().min(2).max(20),
    new_category: z.string().min(1).max(40),
    previous_category: z.string().min(1).max(40).optional(),
    correct_category: z.string().min(1).max(40).optional(),
    category_update_timestamp: z.number().int().positive().optional(),
  })
  .passthrough();

type WhatsAppInboundMessage = z.infer<typeof messageSchema>;
type WhatsAppContact = z.infer<typeof contactSchema>;

/**
 * A customer message to answer, with the order it carries (if any) to put into the cart first. The
 * channel user is the BSUID when Meta sends one (it stays when a phone number is withheld), else the
 * phone number; `phone` is the phone number shared alongside a BSUID, which replies are addressed to.
 */
interface WhatsAppTurn {
  inbound: InboundMessage;
  order?: WhatsAppOrderItem[];
  phone?: string;
}

/** One line of a WhatsApp `order` message (sent from a catalog cart); its price is the customer's device's, never used. */
interface WhatsAppOrderItem {
  product_retailer_id: string;
  quantity: number;
}

/** Who sent the message: their business-scoped user id and phone number (wa_id), each when shared. */
function senderIds(message: WhatsAppInboundMessage, contacts: WhatsAppContact[]): { bsuid?: string; phone?: string } {
  // The contacts array describes the senders of this change; with one sender it is that contact.
  const contact = contacts.length === 1 ? contacts[0] : undefined;
  return { bsuid: message.from_user_id ?? contact?.user_id, phone: message.from ?? contact?.wa_id };
}

/** Maps a Cloud API message to a turn: text, a button or list reply's id, an order (then Checkout), or '' (fallback). */
export function toWhatsAppTurn(message: WhatsAppInboundMessage, contacts: WhatsAppContact[]): WhatsAppTurn | null {
  const { bsuid, phone } = senderIds(message, contacts);
  const channelUserId = bsuid ?? phone;
  if (!channelUserId) return null;
  const base = { channel: 'whatsapp' as const, channelUserId, eventId: message.id };
  const turn = (inbound: InboundMessage, order?: WhatsAppOrderItem[]): WhatsAppTurn => ({ inbound, ...(order ? { order } : {}), ...(bsuid && phone ? { phone } : {}) });
  switch (message.type) {
    case 'text':
      return turn({ ...base, text: message.text?.body ?? '' });
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return turn(reply ? { ...base, payload: reply.id, text: reply.title } : { ...base, text: '' });
    }
    case 'button':
      return turn(message.button?.payload ? { ...base, payload: message.button.payload, text: message.button.text } : { ...base, text: message.button?.text ?? '' });
    case 'order':
      if (!message.order) return turn({ ...base, text: '' });
      return turn({ ...base, payload: 'CHECKOUT' }, message.order.product_items);
    default:
      return turn({ ...base, text: '' });
  }
}

/** Where a reply to this message goes: the phone number when shared (the Cloud API's `to`), else the BSUID. */
function replyAddress(turn: WhatsAppTurn): string {
  return turn.phone ?? turn.inbound.channelUserId;
}


function whatsappOutput(to: string, deps: ChannelDependencies): ChannelOutput {
  return {
    render: (reply) => renderWhatsAppMessages(reply, { catalogId: deps.config.WHATSAPP_CATALOG_ID }),
    job: (messages): WhatsAppJob => ({ to, messages: messages as WhatsAppMessage[] }),
  };
}

/** The worker's side: a recorded message's order (if any) into the cart, then one turn and its queued reply. */
export function whatsappInboundHandler(deps: ChannelDependencies): InboundHandler {
  return async (event: StoredInboundEvent) => {
    const turn = event.payload as WhatsAppTurn;
    const { inbound, order } = turn;
    // The first BSUID of a customer known by phone number joins that customer: their history stays.
    if (turn.phone) await deps.services.identities.joinAlias('whatsapp', inbound.channelUserId, turn.phone, inbound.locale ?? 'en-US');
    if (order) {
      await applyCatalogOrder(inbound, order.map((item) => ({ sku: item.product_retailer_id, quantity: item.quantity })), deps);
    }
    await processInboundMessage(inbound, whatsappOutput(replyAddress(turn), deps), deps);
  };
}

/** Remembers a template's new (or announced) category; the notifier reads it before each template send. */
async function recordTemplateCategoryUpdate(value: unknown, deps: ChannelDependencies, now: Date): Promise<void> {
  const parsed = templateCategoryUpdateSchema.safeParse(value);
  if (!parsed.success) {
    deps.log.warn({ issues: parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message })) }, 'whatsapp template_category_update skipped: malformed');
    return;
  }
  const update = parsed.data;
  const announced = update.correct_category !== undefined && update.previous_category === undefined;
  await deps.services.templates.recordCategory(
    'whatsapp',
    update.message_template_name,
    update.message_template_language,
    announced
      ? { category: update.new_category, changedAt: now, upcomingCategory: update.correct_category, upcomingAt: update.category_update_timestamp ? new Date(update.category_update_timestamp * 1000) : null }
      : { category: update.new_category, previousCategory: update.previous_category ?? null, changedAt: now, upcomingCategory: null, upcomingAt: null },
  );
  deps.log.info({ template: update.message_template_name, language: update.message_template_language, category: update.new_category, upcoming: update.correct_category }, 'whatsapp template category updated');
}

/**
 * GET /whatsapp answers Meta's subscription handshake; POST /whatsapp verifies X-Hub-Signature-256 over
 * the raw body (401 missing, 403 wrong, nothing processed) and refuses a body that is not a WhatsApp
 * webhook (400). Every message of every change of every entry is then checked on its own: a malformed
 * one is logged and skipped, the rest are recorded (a redelivered one is dropped there), and the answer
 * is 200; the inbound workers answer the messages. Statuses (sent, delivered, read) are ignored.
 */
export function whatsappRouter(deps: ChannelDependencies): Router {
  const { config, log } = deps;
  const router = Router();

  router.get('/', metaHandshake(config));

  router.post('/', ...rawBodyOf(['application/json'], '1mb'), async (req, res) => {
    const body = webhookSchema.parse(readSignedMetaJson(req, config));
    for (const change of body.entry.flatMap((entry) => entry.changes.filter((c) => c.field === 'template_category_update'))) {
      await recordTemplateCategoryUpdate(change.value, deps, new Date());
    }
    const deliveries: InboundDelivery[] = [];
    for (const change of body.entry.flatMap((entry) => entry.changes.filter((c) => c.field === 'messages'))) {
      const parsed = valueSchema.safeParse(change.value);
      if (!parsed.success) {
        // Refusing the whole body would cost every other customer's message in it (unconfirmed: Meta keeps redelivering a refused webhook, per issue 16; not checked in Meta's docs).
        log.warn({ issues: parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message })) }, 'whatsapp change skipped: not a messages value');
        continue;
      }
      const value = parsed.data;
      const phoneNumberId = value.metadata?.phone_number_id;
      if (phoneNumberId && phoneNumberId !== config.WHATSAPP_PHONE_NUMBER_ID) {
        log.warn({ phoneNumberId }, 'whatsapp webhook for another business number ignored');
        continue;
      }
      if (value.statuses?.length) log.debug({ statuses: value.statuses.map((s) => ({ id: s.id, status: s.status })) }, 'whatsapp statuses ignored');
      for (const [index, raw] of (value.messages ?? []).entries()) {
        const message = messageSchema.safeParse(raw);
        if (!message.success) {
          log.warn({ index, issues: message.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message })) }, 'whatsapp message skipped: malformed');
          continue;
        }
        const turn = toWhatsAppTurn(message.data, value.contacts ?? []);
        if (!turn) {
          log.warn({ messageId: message.data.id }, 'whatsapp message without a sender ignored');
          continue;
        }
        const sentAt = message.data.timestamp && /^\d{1,12}$/.test(message.data.timestamp) ? platformTime(Number(message.data.timestamp) * 1000) : undefined;
        deliveries.push({
          event: { channel: 'whatsapp', eventId: turn.inbound.eventId, channelUserId: turn.inbound.channelUserId, payload: turn, sentAt },
          output: whatsappOutput(replyAddress(turn), deps),
        });
      }
    }
    await recordInbound(deliveries, deps);
    res.status(200).send('EVENT_RECEIVED');
  });

  return router;
}
