import assert from 'node:assert/strict';
import type { Express } from 'express';
import { z } from 'zod';
import { drainBackground } from '../../../src/channels/background';
import type { Config } from '../../../src/config';
import { nock } from '../fake-http';
import { postMetaWebhook, whatsappWebhook } from '../meta-webhooks';
import { chooseAmong, type ScriptDriver } from './driver';

const GRAPH = 'https://graph.facebook.com';

/** Cloud API message requests as documented (limits from Meta's interactive-message reference). */
const envelope = { messaging_product: z.literal('whatsapp'), recipient_type: z.literal('individual'), to: z.string() };
const body = z.object({ text: z.string().min(1).max(1024) }).strict();
const row = z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(24), description: z.string().max(72).optional() }).strict();
const interactive = z.discriminatedUnion('type', [
  z.object({ type: z.literal('button'), body, action: z.object({ buttons: z.array(z.object({ type: z.literal('reply'), reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }).strict() }).strict()).min(1).max(3) }).strict() }).strict(),
  z.object({ type: z.literal('list'), body, action: z.object({ button: z.string().min(1).max(20), sections: z.array(z.object({ title: z.string().max(24).optional(), rows: z.array(row).min(1) }).strict()).min(1).max(10) }).strict() }).strict(),
  z.object({ type: z.literal('product'), body: body.optional(), action: z.object({ catalog_id: z.string(), product_retailer_id: z.string() }).strict() }).strict(),
  z.object({ type: z.literal('product_list'), header: z.object({ type: z.literal('text'), text: z.string().max(60) }).strict(), body, action: z.object({ catalog_id: z.string(), sections: z.array(z.object({ title: z.string().optional(), product_items: z.array(z.object({ product_retailer_id: z.string() }).strict()) }).strict()) }).strict() }).strict(),
]);
const cloudMessage = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('text'), text: z.object({ body: z.string().min(1).max(4096) }).strict() }).strict(),
  z.object({ ...envelope, type: z.literal('interactive'), interactive }).strict(),
]);
type CloudMessage = z.infer<typeof cloudMessage>;

/** WhatsApp: signed Cloud API webhooks on POST /whatsapp; the answer is what reached the faked Cloud API for this number. */
export class WhatsAppDriver implements ScriptDriver {
  readonly channel = 'whatsapp' as const;
  readonly voice = false;
  readonly externalId: string;
  private readonly scope: nock.Scope;
  private sent: CloudMessage[] = [];
  private turnMessages: CloudMessage[] = [];
  private seq = 0;

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    runNumber: number,
  ) {
    this.externalId = `1555020${String(runNumber).padStart(4, '0')}`;
    this.scope = nock(GRAPH)
      .persist()
      .post(`/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`, (sent: { to?: string }) => {
        if (sent.to !== this.externalId) return false;
        this.sent.push(cloudMessage.parse(sent));
        return true;
      })
      .matchHeader('authorization', `Bearer ${config.WHATSAPP_ACCESS_TOKEN}`)
      .reply(200, { messaging_product: 'whatsapp', contacts: [{ input: this.externalId, wa_id: this.externalId }], messages: [{ id: 'wamid.reply' }] });
  }

  say(text: string): Promise<void> {
    return this.deliver({ type: 'text', text: { body: text } });
  }

  pick(choice: string | number): Promise<void> {
    const offered = this.turnMessages.flatMap((m): { label: string; value: object }[] => {
      if (m.type !== 'interactive') return [];
      const i = m.interactive;
      if (i.type === 'button') return i.action.buttons.map((b) => ({ label: b.reply.title, value: { type: 'button_reply', button_reply: { id: b.reply.id, title: b.reply.title } } }));
      if (i.type === 'list') return i.action.sections.flatMap((s) => s.rows).map((r) => ({ label: r.title, value: { type: 'list_reply', list_reply: { id: r.id, title: r.title, description: r.description ?? '' } } }));
      return [];
    });
    return this.deliver({ type: 'interactive', interactive: chooseAmong(offered, choice, this.lastOutput()) });
  }

  lastOutput(): string {
    return this.turnMessages
      .flatMap((m) => {
        if (m.type === 'text') return [m.text.body];
        const i = m.interactive;
        if (i.type === 'button') return [i.body.text, ...i.action.buttons.map((b) => `[${b.reply.title}]`)];
        if (i.type === 'list') return [i.body.text, `[${i.action.button}]`, ...i.action.sections.flatMap((s) => s.rows.map((r) => `${r.title}${r.description ? ` - ${r.description}` : ''}`))];
        return [i.body?.text ?? ''];
      })
      .join('\n');
  }

  finish(): void {
    assert.ok(this.scope.isDone(), 'whatsapp: the Cloud API was called');
  }

  private async deliver(message: object): Promise<void> {
    const payload = whatsappWebhook({ phoneNumberId: this.config.WHATSAPP_PHONE_NUMBER_ID, from: this.externalId, name: 'Script Shopper', message: { id: `wamid.SCRIPT${this.externalId}${++this.seq}`, ...message } });
    const before = this.sent.length;
    const res = await postMetaWebhook(this.app, '/whatsapp', payload);
    assert.equal(res.status, 200, res.text);
    await drainBackground();
    this.turnMessages = this.sent.slice(before);
  }
}
