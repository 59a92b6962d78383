import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import type { Config } from '../../../src/config';
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
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = { ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: text, FromCountry: 'US', To: this.config.TWILIO_FROM!, NumSegments: '1', MessageSid: sid, AccountSid: this.config.TWILIO_ACCOUNT_SID!, From: this.externalId, ApiVersion: '2010-04-01' };
    const signature = twilio.getExpectedTwilioSignature(this.config.TWILIO_AUTH_TOKEN!, `${this.config.PUBLIC_BASE_URL}/sms`, params);
    const res = await request(this.app).post('/sms').type('form').set('x-twilio-signature', signature).send(params);
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
