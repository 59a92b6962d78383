import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { AppError } from '../../core/errors';

/**
 * A pushed message or event, as the Official Account server receives it in plain-text mode:
 * `<xml><ToUserName/><FromUserName/><CreateTime/><MsgType/>...</xml>`, values usually in CDATA.
 * Only the fields we use are checked; WeChat adds more (MsgDataId, Idx, Ticket, ...), which pass.
 */

const openId = z.string().min(1).max(128);
const unixSeconds = z.string().regex(/^\d{1,12}$/, 'expected Unix seconds');

const envelope = {
  /** The Official Account's original id (gh_...). */
  ToUserName: z.string().min(1).max(128),
  /** The sender's OpenID (per Official Account). */
  FromUserName: openId,
  CreateTime: unixSeconds,
};

const textSchema = z.object({ ...envelope, MsgType: z.literal('text'), Content: z.string().max(10_000), MsgId: z.string().regex(/^\d{1,20}$/, 'expected a numeric MsgId') }).passthrough();

const eventSchema = z.object({ ...envelope, MsgType: z.literal('event'), Event: z.string().min(1).max(64), EventKey: z.string().max(1_000).optional() }).passthrough();

/** Image, voice, video, location, link ...: acknowledged, not understood. */
const otherSchema = z.object({ ...envelope, MsgType: z.string().min(1).max(32), MsgId: z.string().max(20).optional() }).passthrough();

const documentSchema = z.object({ xml: z.object({ MsgType: z.string().min(1).max(32) }).passthrough() });

interface InboundBase {
  /** The customer's OpenID: their WeChat identity for this Official Account. */
  openId: string;
  /** The Official Account's original id: the sender of our passive reply. */
  account: string;
  /** MsgId for messages; for events FromUserName + CreateTime (WeChat's advice) plus the event name, so a click in the second of a follow is not taken for a redelivery. */
  eventId: string;
  /** When WeChat says it was sent, in Unix seconds: the order of one customer's pushes. */
  createTime: string;
}

export type WechatInbound = InboundBase &
  (
    | { kind: 'text'; text: string }
    /** A custom-menu button of type click: its key is one of our payloads, or text to understand. */
    | { kind: 'click'; key: string }
    | { kind: 'subscribe' }
    | { kind: 'unsubscribe' }
    | { kind: 'ignored'; what: string }
  );

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });

function parseXml(body: string): unknown {
  // WeChat never sends a DTD; refusing one rules out entity-expansion tricks before parsing.
  if (body.trim() === '' || /<!DOCTYPE|<!ENTITY/i.test(body) || XMLValidator.validate(body) !== true) {
    throw new AppError('MALFORMED_BODY', 'The body is not the XML WeChat sends.');
  }
  try {
    // The parser refuses element names that would set an object's prototype (`<__proto__>`,
    // `<constructor>`) by throwing; that is the sender's mistake, not ours.
    return parser.parse(body);
  } catch {
    throw new AppError('MALFORMED_BODY', 'The body is not the XML WeChat sends.');
  }
}

export function parseWechatInbound(body: string): WechatInbound {
  const { xml: raw } = documentSchema.parse(parseXml(body));
  if (raw.MsgType === 'text') {
    const xml = textSchema.parse(raw);
    return { openId: xml.FromUserName, account: xml.ToUserName, eventId: xml.MsgId, createTime: xml.CreateTime, kind: 'text', text: xml.Content };
  }
  if (raw.MsgType === 'event') {
    const xml = eventSchema.parse(raw);
    const base = { openId: xml.FromUserName, account: xml.ToUserName, eventId: `${xml.FromUserName}:${xml.CreateTime}:${xml.Event}`, createTime: xml.CreateTime };
    const event = xml.Event.toLowerCase();
    if (event === 'subscribe') return { ...base, kind: 'subscribe' };
    if (event === 'unsubscribe') return { ...base, kind: 'unsubscribe' };
    if (event === 'click' && xml.EventKey) return { ...base, kind: 'click', key: xml.EventKey };
    return { ...base, kind: 'ignored', what: `event ${xml.Event}` };
  }
  const xml = otherSchema.parse(raw);
  return { openId: xml.FromUserName, account: xml.ToUserName, eventId: xml.MsgId || `${xml.FromUserName}:${xml.CreateTime}`, createTime: xml.CreateTime, kind: 'ignored', what: xml.MsgType };
}
