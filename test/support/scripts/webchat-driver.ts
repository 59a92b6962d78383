import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { WebchatTokenModel } from '../../../models';
import { hashWebchatToken } from '../../../src/store/webchat-store';
import { chooseAmong, type ScriptDriver } from './driver';

/** The reply body POST /webchat answers with (limits as the web chat publishes them with each session). */
const choice = z.object({ id: z.string().min(1).max(200), label: z.string().min(1).max(40) }).strict();
const replyBody = z
  .object({
    text: z.string().max(4000),
    choices: z.array(choice).max(10),
    cards: z.array(z.object({ sku: z.string(), title: z.string().min(1).max(80), subtitle: z.string().max(160), imageUrl: z.string().optional(), choices: z.array(choice).max(3) }).strict()).max(10),
    awaitingConfirmation: z.enum(['purchase', 'cancel-order', 'reorder']).optional(),
    placedOrder: z.object({ orderNumber: z.string(), totalMinor: z.number().int(), currency: z.string(), lines: z.array(z.object({ name: z.string(), quantity: z.number().int() }).strict()), receiptEmailed: z.boolean() }).strict().optional(),
    errorCode: z.string().optional(),
    handoff: z.literal(true).optional(),
    silent: z.literal(true).optional(),
    endSession: z.boolean(),
  })
  .strict();
type ReplyBody = z.infer<typeof replyBody>;

/** Web chat: a session token from POST /webchat/sessions, then JSON messages with a bearer token on POST /webchat. */
export class WebchatDriver implements ScriptDriver {
  readonly channel = 'webchat' as const;
  readonly voice = false;
  externalId = '';
  private token = '';
  private body: ReplyBody | undefined;
  private messageSeq = 0;

  constructor(
    private readonly app: Express,
    private readonly locale = 'en-US',
  ) {}

  /** The session names the web chat user; the script's setup makes that user's customer before the first message. */
  async open(): Promise<void> {
    const res = await request(this.app).post('/webchat/sessions').send({ locale: this.locale });
    assert.equal(res.status, 201, res.text);
    this.token = res.body.token as string;
    const session = await WebchatTokenModel.findOne({ tokenHash: hashWebchatToken(this.token) }).lean();
    assert.ok(session, 'the session stored its token');
    this.externalId = session.channelUserId;
  }

  say(text: string): Promise<void> {
    return this.send({ text });
  }

  pick(picked: string | number): Promise<void> {
    const offered = [...(this.body?.choices ?? []), ...(this.body?.cards ?? []).flatMap((card) => card.choices)].map((c) => ({ label: c.label, value: c.id }));
    return this.send({ choiceId: chooseAmong(offered, picked, this.lastOutput()) });
  }

  lastOutput(): string {
    if (!this.body) return '';
    const cards = this.body.cards.flatMap((card) => [`${card.title} - ${card.subtitle}`, ...card.choices.map((c) => `[${c.label}]`)]);
    return [this.body.text, ...cards, ...this.body.choices.map((c) => `[${c.label}]`)].join('\n');
  }

  private async send(message: { text?: string; choiceId?: string }): Promise<void> {
    const res = await request(this.app)
      .post('/webchat')
      .set('authorization', `Bearer ${this.token}`)
      .send({ messageId: `script-${this.externalId}-${++this.messageSeq}`, ...message });
    assert.equal(res.status, 200, res.text);
    this.body = replyBody.parse(res.body);
  }
}
