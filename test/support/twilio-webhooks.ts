import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { testConfig } from './config';
import { unescapeXml } from './scripts/driver';

const config = testConfig();

/** The form fields of one inbound SMS as Twilio posts them, with a fresh message sid. */
export function inboundSmsParams(from: string, body: string): Record<string, string> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  return { ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: body, FromCountry: 'US', To: config.TWILIO_FROM!, NumSegments: '1', MessageSid: sid, AccountSid: config.TWILIO_ACCOUNT_SID!, From: from, ApiVersion: '2010-04-01' };
}

/** Posts the fields to /sms signed as Twilio signs them (X-Twilio-Signature over the public URL and the fields). */
export function postSmsWebhook(app: Express, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(config.TWILIO_AUTH_TOKEN!, `${config.PUBLIC_BASE_URL}/sms`, params);
  return request(app).post('/sms').type('form').set('x-twilio-signature', signature).send(params);
}

/** One inbound SMS, answered 200; returns the TwiML reply's message ('' when none). */
export async function textSms(app: Express, from: string, text: string): Promise<string> {
  const res = await postSmsWebhook(app, inboundSmsParams(from, text));
  assert.equal(res.status, 200, res.text);
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(res.text)?.[1];
  return message === undefined ? '' : unescapeXml(message);
}
