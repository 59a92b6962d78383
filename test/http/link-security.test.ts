import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { ChannelIdentityModel, CustomerModel, LinkCodeAttemptModel, LinkCodeModel, OutboxModel, WebchatTokenModel } from '../../models';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { hashWebchatToken } from '../../src/store/webchat-store';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { textSms } from '../support/twilio-webhooks';

/**
 * Issue 16, items 1, 2 and 7, driven the way the audit drove them: over HTTP, as an anonymous web
 * chat visitor against a shopper who uses SMS.
 */

const config = testConfig();
const app = createApp({ config, log: silentLog });
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const TWILIO_SEND = `/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;

const VICTIM_PHONE = '+14155550123';
const VICTIM_STREET = '1 Main St';

let messageSeq = 0;

async function webchatSession(): Promise<string> {
  const res = await request(app).post('/webchat/sessions').send({});
  assert.equal(res.status, 201, res.text);
  return res.body.token as string;
}

async function webchat(token: string, text: string): Promise<string> {
  const res = await request(app).post('/webchat').set('authorization', `Bearer ${token}`).send({ messageId: `m-${++messageSeq}`, text });
  assert.equal(res.status, 200, res.text);
  return res.body.text as string;
}

async function webchatCustomer(token: string): Promise<Types.ObjectId> {
  const row = await WebchatTokenModel.findOne({ tokenHash: hashWebchatToken(token) }).lean();
  return (await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: row!.channelUserId }).lean())!.customerId;
}

const sms = (from: string, text: string) => textSms(app, from, text);

/** Twilio faked: every message it is asked to send, by recipient. */
function fakeTwilio(): { sent: { to: string; body: string }[]; scope: nock.Scope } {
  const sent: { to: string; body: string }[] = [];
  const scope = nock(config.TWILIO_API_BASE_URL)
    .persist()
    .post(TWILIO_SEND, (body: Record<string, string>) => {
      sent.push({ to: body.To!, body: body.Body! });
      return true;
    })
    .reply(201, { sid: 'SM0000' });
  return { sent, scope };
}

function codeIn(text: string): string {
  const match = /link code is ([\d ]+\d)/.exec(text);
  assert.ok(match, text);
  return match[1]!;
}

describe('link codes and outbound messages under attack (issue 16)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  describe('item 1: account takeover through "text my link code to <number>"', () => {
    async function attackerTextsVictim(): Promise<{ attacker: string; code: string }> {
      const twilioFake = fakeTwilio();
      const attacker = await webchatSession();
      await webchat(attacker, `text my link code to ${VICTIM_PHONE}`);
      await outbox.runDue();
      const sms = twilioFake.sent.find((message) => message.to === VICTIM_PHONE);
      assert.ok(sms, 'the code went out (the number has not opted out)');
      return { attacker, code: codeIn(sms.body) };
    }

    it('never folds the established shopper into the anonymous one: the shopper is asked on their own channel, and "no" changes nothing', async () => {
      const victim = await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE, voiceCode: '2468' });
      await CustomerModel.updateOne({ _id: victim }, { $set: { defaultPaymentRef: 'pm_victim_card' } });
      const { attacker, code } = await attackerTextsVictim();

      const asked = await sms(VICTIM_PHONE, `link ${code}`);
      assert.match(asked, /web chat/i, asked);
      assert.match(asked, /YES/, asked);
      assert.equal((await CustomerModel.findById(victim).lean())!.mergedInto, undefined, 'nothing happens before the shopper confirms');
      assert.equal(String((await ChannelIdentityModel.findOne({ channel: 'sms', externalId: VICTIM_PHONE }).lean())!.customerId), String(victim));

      assert.match(await sms(VICTIM_PHONE, 'no'), /not linked/i);
      const attackerCustomer = await CustomerModel.findById(await webchatCustomer(attacker)).lean();
      assert.deepEqual(attackerCustomer!.addresses, []);
      assert.equal(attackerCustomer!.defaultPaymentRef, undefined);
      assert.equal(attackerCustomer!.voiceCode?.hash, undefined);
      assert.equal((await CustomerModel.findById(victim).lean())!.mergedInto, undefined);

      await webchat(attacker, 'add 1 colombian coffee');
      assert.doesNotMatch(await webchat(attacker, 'checkout'), new RegExp(VICTIM_STREET));
    });

    it('when the established shopper says yes, the anonymous side is folded into them, never the other way', async () => {
      const victim = await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE, voiceCode: '2468' });
      const { attacker, code } = await attackerTextsVictim();
      const anonymous = await webchatCustomer(attacker);
      await sms(VICTIM_PHONE, `link ${code}`);
      assert.match(await sms(VICTIM_PHONE, 'yes'), /linked/i);

      assert.equal((await CustomerModel.findById(victim).lean())!.mergedInto, undefined, 'the established customer stays');
      assert.equal(String((await CustomerModel.findById(anonymous).lean())!.mergedInto), String(victim));
      assert.equal(String((await ChannelIdentityModel.findOne({ channel: 'sms', externalId: VICTIM_PHONE }).lean())!.customerId), String(victim));
      assert.deepEqual((await CustomerModel.findById(anonymous).lean())!.addresses, [], 'nothing of the shopper moved into the anonymous customer');
    });

    it('a code shown to an established shopper and typed on a new channel links only after the shopper confirms on their own channel', async () => {
      const shopper = await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE });
      const code = codeIn(await sms(VICTIM_PHONE, 'link my account'));
      const visitor = await webchatSession();
      const told = await webchat(visitor, `link ${code}`);
      assert.match(told, /confirm/i, told);
      assert.notEqual(String(await webchatCustomer(visitor)), String(shopper), 'not linked yet');

      const question = await sms(VICTIM_PHONE, 'link my account');
      assert.match(question, /web chat/i, question);
      assert.match(await sms(VICTIM_PHONE, 'yes'), /linked/i);
      assert.equal(String(await webchatCustomer(visitor)), String(shopper));
    });
  });

  describe('item 2: outbound policy at send time', () => {
    it('sends nothing to a number that texted STOP', async () => {
      const twilioFake = fakeTwilio();
      await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE });
      assert.equal(await sms(VICTIM_PHONE, 'STOP'), '');
      const attacker = await webchatSession();
      await webchat(attacker, `text my link code to ${VICTIM_PHONE}`);
      await outbox.runDue();
      assert.deepEqual(twilioFake.sent, []);
      assert.equal(twilioFake.scope.isDone(), false, 'Twilio was never called');
      assert.deepEqual((await OutboxModel.find({ kind: 'sms' }).lean()).map((job) => job.status), ['withheld']);
    });

    it('sends nothing to a destination country outside the allow-list (default: the shop number\'s country)', async () => {
      const twilioFake = fakeTwilio();
      const attacker = await webchatSession();
      // +1 876 is Jamaica (it shares +1 with the US); +44 is the UK.
      await webchat(attacker, 'text my link code to +1 876 555 0100');
      const other = await webchatSession();
      await webchat(other, 'text my link code to +44 20 7946 0000');
      await outbox.runDue();
      assert.deepEqual(twilioFake.sent, []);
      assert.deepEqual((await OutboxModel.find({ kind: 'sms' }).lean()).map((job) => job.status), ['withheld', 'withheld']);
    });

    it('caps unsolicited sends per requester and per destination', async () => {
      const twilioFake = fakeTwilio();
      const attacker = await webchatSession();
      for (let n = 0; n < 6; n++) await webchat(attacker, `text my link code to +1415555020${n}`);
      await outbox.runDue();
      assert.equal(twilioFake.sent.length, 3, 'three per requester per hour');

      twilioFake.sent.length = 0;
      for (let n = 0; n < 6; n++) await webchat(await webchatSession(), `text my link code to ${VICTIM_PHONE}`);
      await outbox.runDue();
      assert.equal(twilioFake.sent.length, 3, 'three per destination per hour');
    });
  });

  describe('item 7: link-code guessing', () => {
    it('limits guesses per source: a sweep from one address cannot lock a live code', async () => {
      const shopper = await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE });
      const code = codeIn(await sms(VICTIM_PHONE, 'link my account'));
      const digits = code.replace(/\D/g, '');
      const locator = digits.slice(0, digits.length - 6);
      const replies: string[] = [];
      for (let guess = 0; guess < 6; guess++) {
        const sweeper = await webchatSession();
        replies.push(await webchat(sweeper, `link ${locator}${String(100000 + guess)}`));
      }
      assert.match(replies.at(-1)!, /wait/i, replies.join('\n'));
      assert.ok((await LinkCodeAttemptModel.countDocuments()) < 5, 'the guesses past the limit were never tried against the code');
      // The right code, typed from another number, still works.
      assert.match(await sms('+14155550999', `link ${code}`), /confirm/i);
      assert.ok(shopper);
    });

    it('uses a longer locator and keeps one live code per customer', async () => {
      await addCustomer({ channel: 'sms', externalId: VICTIM_PHONE });
      const first = codeIn(await sms(VICTIM_PHONE, 'link my account'));
      const second = codeIn(await sms(VICTIM_PHONE, 'link my account'));
      assert.match(second, /^\d{4} \d{4} \d{4}$/);
      assert.equal(await LinkCodeModel.countDocuments(), 1);
      const visitor = await webchatSession();
      assert.match(await webchat(visitor, `link ${first}`), /isn't right/i, 'the first code no longer works');
    });
  });
});
