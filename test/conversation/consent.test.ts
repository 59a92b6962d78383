import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Types } from 'mongoose';
import { ConsentRecordModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { consentAllows, consentWordsIn } from '../../src/core/consent';
import { createApp } from '../../src/http/app';
import { INTENT_DEFINITIONS, MODEL_LOCALES } from '../../src/conversation/vocabulary';
import { identifyCustomer, mayMessage } from '../../src/services/customers';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { Shopper } from '../support/conversation';
import { postSmsWebhook } from '../support/twilio-webhooks';

const TEXT_CHANNELS: Channel[] = ['messenger', 'instagram', 'whatsapp', 'webchat', 'sms', 'wechat'];

async function customerOf(shopper: Shopper): Promise<Types.ObjectId> {
  return (await identifyCustomer(shopper.channel, shopper.channelUserId, 'en-US')).customerId;
}

async function recordsOf(customerId: Types.ObjectId) {
  return ConsentRecordModel.find({ customerId }).sort({ recordedAt: 1, _id: 1 }).lean();
}

describe('consent and opt-out', () => {
  beforeEach(freshDemoStore);

  describe('the rules (core/consent)', () => {
    it('reads whole-message keywords and clear phrases, and nothing else', () => {
      assert.deepEqual(consentWordsIn('stop'), { granted: false, scope: 'messages', byKeyword: true });
      assert.deepEqual(consentWordsIn('unsubscribe'), { granted: false, scope: 'messages', byKeyword: true });
      assert.deepEqual(consentWordsIn('start'), { granted: true, scope: 'messages', byKeyword: true });
      assert.deepEqual(consentWordsIn('stop sending me messages'), { granted: false, scope: 'messages', byKeyword: false });
      assert.deepEqual(consentWordsIn('stop notifications'), { granted: false, scope: 'messages', byKeyword: false });
      assert.deepEqual(consentWordsIn('stop sending me offers'), { granted: false, scope: 'marketing', byKeyword: false });
      assert.deepEqual(consentWordsIn('send me offers'), { granted: true, scope: 'marketing', byKeyword: false });
      for (const notConsent of ['stop the order', 'cancel', 'quit', 'stop it please no', 'start my order']) assert.equal(consentWordsIn(notConsent), null, notConsent);
    });

    it('lets transactional through until an opt-out, and marketing only after an opt-in', () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));
      assert.equal(consentAllows([], 'sms', 'transactional'), true);
      assert.equal(consentAllows([], 'sms', 'marketing'), false);
      const optedIn = [{ channel: 'sms', purpose: 'marketing', granted: true, recordedAt: at(1) }];
      assert.equal(consentAllows(optedIn, 'sms', 'marketing'), true);
      assert.equal(consentAllows(optedIn, 'whatsapp', 'marketing'), false, 'an opt-in covers the channel it was given on');
      const thenEverywhereOff = [...optedIn, { channel: 'all', purpose: 'marketing', granted: false, recordedAt: at(2) }];
      assert.equal(consentAllows(thenEverywhereOff, 'sms', 'marketing'), false);
    });

    it('an opt-in for every channel (said by voice) opens marketing where no channel of its own is needed, never a campaign channel; an opt-out for every channel closes them all', () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));
      const everywhereOn = [{ channel: 'all', purpose: 'marketing', granted: true, recordedAt: at(1) }];
      assert.deepEqual(['alexa', 'whatsapp', 'messenger', 'sms', 'email'].map((channel) => consentAllows(everywhereOn, channel, 'marketing')), [true, false, false, false, false]);
      const smsOnThenEverywhereOn = [{ channel: 'sms', purpose: 'marketing', granted: true, recordedAt: at(0) }, ...everywhereOn];
      assert.equal(consentAllows(smsOnThenEverywhereOn, 'sms', 'marketing'), true, 'its own opt-in still counts');
      const thenEverywhereOff = [...smsOnThenEverywhereOn, { channel: 'all', purpose: 'marketing', granted: false, recordedAt: at(2) }];
      assert.deepEqual(['alexa', 'sms', 'email'].map((channel) => consentAllows(thenEverywhereOff, channel, 'marketing')), [false, false, false]);
    });
  });

  it('STOP on every text channel goes through the shared conversation and is recorded with source, wording and purposes', async () => {
    for (const channel of TEXT_CHANNELS.filter((c) => c !== 'sms')) {
      const shopper = new Shopper(channel, `${channel}-user-1`);
      const answer = await shopper.says('STOP');
      assert.match(answer.text, /no more messages from us here, order updates included\. Send START/);
      const customerId = await customerOf(shopper);
      const records = await recordsOf(customerId);
      assert.deepEqual(
        records.map((r) => [r.channel, r.purpose, r.granted, r.sourceChannel, r.source]),
        [
          [channel, 'transactional', false, channel, `${channel}: "STOP"`],
          [channel, 'marketing', false, channel, `${channel}: "STOP"`],
        ],
      );
      assert.match(records[0]!.wording, /^Stop sending me messages on this channel, order updates included\./);
      assert.equal(await mayMessage(customerId, channel, 'transactional'), false);
      assert.equal(await mayMessage(customerId, 'sms', 'transactional'), true, 'a keyword acts on its own channel only');
    }
  });

  it('STOP by SMS (Twilio keywords, before the conversation) is recorded and honoured the same way', async () => {
    const config = testConfig();
    const app = createApp({ config, log: silentLog });
    const from = '+14155550999';
    const params = { MessageSid: 'SM0123456789abcdef0123456789abcdef', AccountSid: config.TWILIO_ACCOUNT_SID!, From: from, To: '+15550100000', Body: 'Stop', NumMedia: '0' };
    await postSmsWebhook(app, params).expect(200);
    const customerId = (await identifyCustomer('sms', from, 'en-US')).customerId;
    const records = await recordsOf(customerId);
    assert.deepEqual(records.map((r) => [r.channel, r.purpose, r.granted, r.source]).sort(), [
      ['sms', 'marketing', false, 'sms keyword: STOP'],
      ['sms', 'transactional', false, 'sms keyword: STOP'],
    ]);
    assert.match(records[0]!.wording, /Reply STOP to unsubscribe/);
    assert.equal(await mayMessage(customerId, 'sms', 'transactional'), false);
  });

  it('UNSUBSCRIBE, then START, resumes order updates but not marketing', async () => {
    const shopper = new Shopper('whatsapp', '15550001111');
    await shopper.says('Unsubscribe');
    const customerId = await customerOf(shopper);
    assert.equal(await mayMessage(customerId, 'whatsapp', 'transactional'), false);
    assert.match((await shopper.says('start')).text, /You'll get updates about your orders again\. Offers stay off/);
    assert.equal(await mayMessage(customerId, 'whatsapp', 'transactional'), true);
    assert.equal(await mayMessage(customerId, 'whatsapp', 'marketing'), false);
  });

  it('"stop sending me messages" typed anywhere stops every channel', async () => {
    const shopper = new Shopper('messenger', 'psid-9');
    assert.match((await shopper.says('Stop sending me messages!')).text, /won't send you any more messages, order updates included/);
    const customerId = await customerOf(shopper);
    for (const channel of TEXT_CHANNELS) assert.equal(await mayMessage(customerId, channel, 'transactional'), false, channel);
    const [record] = await recordsOf(customerId);
    assert.equal(record?.channel, 'all');
    assert.equal(record?.sourceChannel, 'messenger');
    assert.equal(record?.source, 'messenger: "Stop sending me messages!"');
  });

  it('marketing is withheld until an explicit opt-in, and stops again on an opt-out', async () => {
    const shopper = new Shopper('webchat', 'web-7');
    await shopper.says('show me coffee');
    const customerId = await customerOf(shopper);
    assert.equal(await mayMessage(customerId, 'webchat', 'marketing'), false, 'never asked: no marketing');
    assert.equal(await mayMessage(customerId, 'webchat', 'transactional'), true, 'order updates need no opt-in');

    assert.match((await shopper.says('send me offers')).text, /You'll get offers and news/);
    assert.equal(await mayMessage(customerId, 'webchat', 'marketing'), true);
    assert.equal(await mayMessage(customerId, 'sms', 'marketing'), false, 'an opt-in typed here is for here');
    const optIn = (await recordsOf(customerId)).at(-1)!;
    assert.deepEqual([optIn.purpose, optIn.granted, optIn.wording], ['marketing', true, 'Send me offers and news. Reply STOP at any time to opt out.']);

    await shopper.later(1).says('stop sending me offers');
    assert.equal(await mayMessage(customerId, 'webchat', 'marketing'), false);
    assert.equal(await mayMessage(customerId, 'webchat', 'transactional'), true);
  });

  it('by voice: "stop sending me messages" on Alexa is recorded with its source and stops every channel', async () => {
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 0 } } });
    const userId = 'amzn1.ask.account.CONSENT';
    const res = await postSigned(app, alexaEnvelope(intent('StopMessagesIntent'), { userId })).expect(200);
    assert.match(res.body.response.outputSpeech.ssml, /won't send you any more messages or notifications, order updates included/);
    assert.equal(res.body.response.shouldEndSession, true);

    const customerId = (await identifyCustomer('alexa', userId, 'en-US')).customerId;
    const records = await recordsOf(customerId);
    assert.deepEqual(
      records.map((r) => [r.channel, r.purpose, r.granted, r.sourceChannel, r.source, r.wording]),
      [
        ['all', 'transactional', false, 'alexa', 'alexa voice: opt-out (messages)', 'Stop sending me messages, order updates included.'],
        ['all', 'marketing', false, 'alexa', 'alexa voice: opt-out (messages)', 'Stop sending me messages, order updates included.'],
      ],
    );
    for (const channel of ['alexa', 'whatsapp', 'sms'] as const) assert.equal(await mayMessage(customerId, channel, 'transactional'), false);

    await postSigned(app, alexaEnvelope(intent('StartMessagesIntent'), { userId })).expect(200);
    assert.equal(await mayMessage(customerId, 'alexa', 'transactional'), true);
    assert.equal(await mayMessage(customerId, 'alexa', 'marketing'), false, 'resuming messages never resumes marketing');
  });

  it('by voice: "send me offers" on Alexa allows marketing there, but on no campaign channel (SMS, WhatsApp, Messenger, e-mail) without its own opt-in', async () => {
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 0 } } });
    const userId = 'amzn1.ask.account.OFFERS';
    await postSigned(app, alexaEnvelope(intent('OptInIntent'), { userId })).expect(200);
    const customerId = (await identifyCustomer('alexa', userId, 'en-US')).customerId;
    assert.deepEqual((await recordsOf(customerId)).map((r) => [r.channel, r.purpose, r.granted]), [['all', 'marketing', true]]);
    assert.equal(await mayMessage(customerId, 'alexa', 'marketing'), true);
    assert.equal(await mayMessage(customerId, 'sms', 'marketing'), false, 'SMS marketing needs its own double opt-in');
    assert.equal(await mayMessage(customerId, 'email', 'marketing'), false, 'e-mail marketing needs its own opt-in');
    assert.equal(await mayMessage(customerId, 'whatsapp', 'marketing'), false, 'WhatsApp marketing needs an opt-in given for WhatsApp');
  });

  it('the voice intents have at least ten samples per locale and are in the committed Alexa models', () => {
    for (const name of ['StopMessagesIntent', 'StartMessagesIntent', 'OptOutIntent', 'OptInIntent']) {
      const definition = INTENT_DEFINITIONS.find((d) => d.alexa === name)!;
      for (const locale of MODEL_LOCALES) {
        assert.ok(definition.samples[locale].length >= 9, `${name} ${locale}`);
        const model = JSON.parse(readFileSync(path.join(__dirname, '../../interactionModels/custom', `${locale}.json`), 'utf8'));
        const built = model.interactionModel.languageModel.intents.find((i: { name: string }) => i.name === name);
        assert.deepEqual([...(built?.samples ?? [])].sort(), [...definition.samples[locale]].sort(), `${name} ${locale} is regenerated`);
      }
    }
    for (const name of ['StopMessagesIntent', 'StartMessagesIntent']) {
      for (const locale of MODEL_LOCALES) assert.ok(INTENT_DEFINITIONS.find((d) => d.alexa === name)!.samples[locale].length >= 10);
    }
  });
});
