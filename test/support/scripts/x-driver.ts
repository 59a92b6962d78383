import assert from 'node:assert/strict';
import type { Express } from 'express';
import { z } from 'zod';
import { drainBackground } from '../../../src/channels/background';
import type { Config } from '../../../src/config';
import { nock } from '../fake-http';
import { accountActivity, directMessageEvent, postXWebhook } from '../x-webhooks';
import { chooseAmong, numberedChoices, type ScriptDriver } from './driver';

/** The v2 DM send request exactly as documented: `text` only, at most 10,000 characters. */
const sendRequest = z.object({ text: z.string().min(1).max(10_000) }).strict();

/**
 * X direct messages: signed Account Activity deliveries on POST /x; the answer is whatever reached the
 * faked DM send API for this customer during the turn. Choices are numbered text.
 */
export class XDriver implements ScriptDriver {
  readonly channel = 'x-dm' as const;
  readonly voice = false;
  readonly externalId: string;
  private readonly scope: nock.Scope;
  private sent: string[] = [];
  private turnTexts: string[] = [];
  private sequence = 0;

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    runNumber: number,
  ) {
    this.externalId = String(7_000_000_000 + runNumber);
    this.scope = nock(config.X_API_BASE_URL)
      .persist()
      .post(`/2/dm_conversations/with/${this.externalId}/messages`, (body) => {
        this.sent.push(sendRequest.parse(body).text);
        return true;
      })
      .matchHeader('authorization', `Bearer ${config.X_USER_ACCESS_TOKEN}`)
      .reply(201, { data: { dm_conversation_id: `${this.externalId}-${config.X_ACCOUNT_ID}`, dm_event_id: '1' } });
  }

  async say(text: string): Promise<void> {
    const before = this.sent.length;
    const event = directMessageEvent({ id: `${this.externalId}${String(++this.sequence).padStart(4, '0')}`, senderId: this.externalId, recipientId: this.config.X_ACCOUNT_ID, text });
    const res = await postXWebhook(this.app, accountActivity(this.config.X_ACCOUNT_ID, [event]));
    assert.equal(res.status, 200, res.text);
    await drainBackground();
    this.turnTexts = this.sent.slice(before);
  }

  /** The v2 API has no quick replies: the customer answers with the option's number. */
  pick(choice: string | number): Promise<void> {
    const output = this.lastOutput();
    return this.say(chooseAmong(numberedChoices(output), choice, output));
  }

  lastOutput(): string {
    return this.turnTexts.join('\n');
  }

  finish(): void {
    assert.ok(this.scope.isDone(), 'x: the DM send API was called');
  }
}
