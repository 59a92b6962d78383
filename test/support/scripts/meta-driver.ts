import assert from 'node:assert/strict';
import type { Express } from 'express';
import { z } from 'zod';
import { drainBackground } from '../../../src/channels/background';
import type { Config } from '../../../src/config';
import { nock } from '../fake-http';
import { postMetaWebhook } from '../meta-webhooks';
import { chooseAmong, type ScriptDriver } from './driver';

const GRAPH = 'https://graph.facebook.com';

/** Send API requests exactly as documented (limits from Meta's references); anything else fails the run. */
const quickReply = z.object({ content_type: z.literal('text'), title: z.string().min(1).max(20), payload: z.string().min(1).max(1000) }).strict();
const postback = z.object({ type: z.literal('postback'), title: z.string().min(1).max(20), payload: z.string().min(1).max(1000) }).strict();
const element = z.object({ title: z.string().min(1).max(80), subtitle: z.string().max(80).optional(), image_url: z.string().url().optional(), buttons: z.array(postback).min(1).max(3).optional() }).strict();
const template = z.discriminatedUnion('template_type', [
  z.object({ template_type: z.literal('generic'), elements: z.array(element).min(1).max(10) }).strict(),
  z.object({ template_type: z.literal('button'), text: z.string().min(1).max(640), buttons: z.array(postback).min(1).max(3) }).strict(),
]);
const message = z.union([
  z.object({ text: z.string().min(1).max(2000), quick_replies: z.array(quickReply).min(1).max(13).optional() }).strict(),
  z.object({ attachment: z.object({ type: z.literal('template'), payload: template }).strict(), quick_replies: z.array(quickReply).min(1).max(13).optional() }).strict(),
]);
const sendRequest = z.union([
  z.object({ recipient: z.object({ id: z.string() }).strict(), sender_action: z.literal('typing_on') }).strict(),
  z.object({ recipient: z.object({ id: z.string() }).strict(), messaging_type: z.literal('RESPONSE'), message }).strict(),
]);
type SendMessage = z.infer<typeof message>;

/**
 * Messenger or Instagram: signed `page` / `instagram` webhooks on POST /messenger; the answer is
 * whatever reached the faked Send API for this customer during the turn.
 */
export class MetaDriver implements ScriptDriver {
  readonly voice = false;
  readonly externalId: string;
  private readonly scope: nock.Scope;
  private sent: SendMessage[] = [];
  private turnMessages: SendMessage[] = [];
  private mid = 0;

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    readonly channel: 'messenger' | 'instagram',
    runId: string,
  ) {
    this.externalId = `${channel === 'instagram' ? 'IGSID' : 'PSID'}-${runId}`;
    this.scope = nock(GRAPH)
      .persist()
      .post(`/${config.GRAPH_API_VERSION}/me/messages`, (body: { recipient?: { id?: string } }) => {
        if (body.recipient?.id !== this.externalId) return false;
        const parsed = sendRequest.parse(body);
        if ('message' in parsed) this.sent.push(parsed.message);
        if (channel === 'instagram' && 'message' in parsed && 'text' in parsed.message) assert.ok(Buffer.byteLength(parsed.message.text) <= 1000, 'Instagram text within 1000 bytes');
        return true;
      })
      .matchHeader('authorization', `Bearer ${config.META_PAGE_ACCESS_TOKEN}`)
      .reply(200, { recipient_id: this.externalId, message_id: 'mid.reply' });
  }

  say(text: string): Promise<void> {
    return this.deliver({ message: { mid: this.nextMid(), text } });
  }

  pick(choice: string | number): Promise<void> {
    type Offered = { label: string; value: { quick: z.infer<typeof quickReply> } | { button: z.infer<typeof postback> } };
    const last = this.turnMessages;
    const quick: Offered[] = last.flatMap((m) => m.quick_replies ?? []).map((q) => ({ label: q.title, value: { quick: q } }));
    const buttons: Offered[] = last
      .flatMap((m) => ('attachment' in m ? (m.attachment.payload.template_type === 'button' ? m.attachment.payload.buttons : m.attachment.payload.elements.flatMap((e) => e.buttons ?? [])) : []))
      .map((b) => ({ label: b.title, value: { button: b } }));
    const picked = chooseAmong([...quick, ...buttons], choice, this.lastOutput());
    if ('quick' in picked) return this.deliver({ message: { mid: this.nextMid(), text: picked.quick.title, quick_reply: { payload: picked.quick.payload } } });
    return this.deliver({ postback: { mid: this.nextMid(), title: picked.button.title, payload: picked.button.payload } });
  }

  /** Texts, templates and the titles of every offered button, one per line, as the customer's thread shows them. */
  lastOutput(): string {
    return this.turnMessages
      .flatMap((m) => {
        const lines: string[] = [];
        if ('text' in m) lines.push(m.text);
        else if (m.attachment.payload.template_type === 'button') lines.push(m.attachment.payload.text, ...m.attachment.payload.buttons.map((b) => `[${b.title}]`));
        else lines.push(...m.attachment.payload.elements.flatMap((e) => [`${e.title}${e.subtitle ? ` - ${e.subtitle}` : ''}`, ...(e.buttons ?? []).map((b) => `[${b.title}]`)]));
        lines.push(...(m.quick_replies ?? []).map((q) => `[${q.title}]`));
        return lines;
      })
      .join('\n');
  }

  /** Every Send API fake this driver declared was used. */
  finish(): void {
    assert.ok(this.scope.isDone(), `${this.channel}: the Send API was called`);
  }

  private nextMid(): string {
    return `m_${this.externalId}_${++this.mid}`;
  }

  private async deliver(event: object): Promise<void> {
    const object = this.channel === 'instagram' ? 'instagram' : 'page';
    const body = { object, entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: this.externalId }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), ...event }] }] };
    const before = this.sent.length;
    const res = await postMetaWebhook(this.app, '/messenger', body);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, 'EVENT_RECEIVED');
    await drainBackground();
    this.turnMessages = this.sent.slice(before);
  }
}
