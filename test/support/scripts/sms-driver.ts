import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Config } from '../../../src/config';
import { inboundSmsParams, postSmsWebhook } from '../twilio-webhooks';
import { chooseAmong, numberedChoices, unescapeXml, type ScriptDriver } from './driver';

/** SMS: Twilio-signed form posts on POST /sms; the answer is the TwiML `<Message>`. Choices are numbered text. */
export class SmsDriver implements ScriptDriver {
  readonly channel = 'sms' as const;
  readonly voice = false;
  readonly externalId: string;
  private body = '';

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    runNumber: number,
  ) {
    this.externalId = `+1415556${String(runNumber).padStart(4, '0')}`;
  }

  async say(text: string): Promise<void> {
    const res = await postSmsWebhook(this.app, inboundSmsParams(this.externalId, text));
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers['content-type'] ?? '', /^text\/xml/);
    assert.match(res.text, /^<\?xml version="1\.0" encoding="UTF-8"\?><Response(\/>|>[\s\S]*<\/Response>)$/);
    const messages = [...res.text.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1]!));
    assert.ok(messages.length <= 1, 'at most one <Message> per inbound SMS');
    this.body = messages[0] ?? '';
  }

  /** SMS has no buttons: the customer replies with the option's number. */
  pick(choice: string | number): Promise<void> {
    return this.say(chooseAmong(numberedChoices(this.body), choice, this.body));
  }

  lastOutput(): string {
    return this.body;
  }
}
