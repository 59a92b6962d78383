import type { Reply } from '../../conversation/turn';
import { renderNumberedText } from '../numbered-text';
import { fitToBytes } from '../text-fit';
import { WECHAT_LIMITS } from './capabilities';

/**
 * A neutral Reply as one WeChat text message: WeChat plain text has no buttons, so menus, choices and
 * cards become the shared numbered text (a bare "2" picks the second choice), and the whole content
 * stays within 2048 UTF-8 bytes (text cut between characters with '…', options kept whole).
 * '' means nothing to send.
 */
export function renderWechatText(reply: Reply, maxBytes: number = WECHAT_LIMITS.contentBytes): string {
  const fits = (body: string): boolean => Buffer.byteLength(body, 'utf8') <= maxBytes;
  return renderNumberedText(reply, {
    fits,
    fitText: (text, suffix) => fitToBytes(text, maxBytes, suffix),
    labelEllipsis: '…',
  }).body;
}

/** Code points XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A CDATA section for any text: a literal "]]>" is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface PassiveTextReply {
  /** The customer's OpenID (the inbound FromUserName). */
  toUser: string;
  /** The Official Account's original id (the inbound ToUserName). */
  fromAccount: string;
  content: string;
  now: Date;
}

/** The passive reply WeChat shows to the customer when it is the answer to its push. */
export function passiveTextReplyXml({ toUser, fromAccount, content, now }: PassiveTextReply): string {
  return (
    '<xml>' +
    `<ToUserName>${cdata(toUser)}</ToUserName>` +
    `<FromUserName>${cdata(fromAccount)}</FromUserName>` +
    `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content>` +
    '</xml>'
  );
}
