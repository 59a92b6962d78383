import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ResponseFactory } from 'ask-sdk-core';
import request from 'supertest';
import { fitSpeech, renderAlexaResponse } from '../../../src/channels/alexa/render';
import { MODEL_LOCALES, neutralIntentFor } from '../../../src/conversation/vocabulary';
import { INTENTS } from '../../../src/conversation/turn';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/logger';
import { linkedAlexaToken } from '../../support/alexa-linking';
import { ChannelIdentityModel } from '../../../models';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../../support/alexa-requests';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';

const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions } } });

function modelIntents(locale: string): string[] {
  const model = JSON.parse(readFileSync(path.resolve(__dirname, `../../../interactionModels/custom/${locale}.json`), 'utf8'));
  return model.interactionModel.languageModel.intents.map((i: { name: string }) => i.name);
}

describe('Alexa handler coverage', () => {
  before(freshDemoStore);

  for (const locale of MODEL_LOCALES) {
    it(`answers every intent of the ${locale} model over HTTP, with a reprompt whenever the session stays open`, async () => {
      for (const name of modelIntents(locale)) {
        const res = await postSigned(app, alexaEnvelope(intent(name), { locale }));
        assert.equal(res.status, 200, name);
        const response = res.body.response;
        assert.ok(response.outputSpeech?.ssml?.length > '<speak></speak>'.length, `${name} says something`);
        if (response.shouldEndSession === false) assert.ok(response.reprompt?.outputSpeech?.ssml, `${name} leaves the session open with a reprompt`);
      }
    });
  }

  it('every neutral intent a voice shopper can reach is in the model; only text-only ones are not', () => {
    const reachable = new Set(modelIntents('en-US').map((name) => neutralIntentFor(name)?.neutral));
    reachable.add('Launch'); // LaunchRequest
    reachable.add('Silence'); // SessionEndedRequest
    const textOnly = INTENTS.filter((name) => !reachable.has(name));
    assert.deepEqual(textOnly, ['Select'], 'picking a numbered option is for screens and keypads');
  });

  it('keeps speech within 8000 characters and cuts at a sentence, never inside an escape', () => {
    const long = Array.from({ length: 600 }, (_, i) => `Item ${i} costs 1 dollar &amp; 99 cents.`).join(' ');
    const fitted = fitSpeech(long);
    assert.ok(`<speak>${fitted}</speak>`.length <= 8000);
    assert.match(fitted, /\.$/);
    const response = renderAlexaResponse(ResponseFactory.init(), { speech: long, text: long, endSession: false }, 'IntentRequest');
    assert.ok((response.outputSpeech as { ssml: string }).ssml.length <= 8000);
    assert.ok((response.reprompt?.outputSpeech as { ssml: string }).ssml.length <= 8000);
    assert.doesNotMatch(fitSpeech('a'.repeat(7990) + ' &amp; b', 7995), /&[a-z]*$/);
  });

  it('keeps a receipt card within the card limit however long the order', () => {
    const lines = Array.from({ length: 500 }, (_, i) => ({ name: `A very long product name number ${i}`, quantity: 1 }));
    const response = renderAlexaResponse(ResponseFactory.init(), { speech: 'Done.', text: 'Done.', endSession: true, placedOrder: { orderNumber: '123-456', totalMinor: 100, currency: 'USD', lines, receiptEmailed: true } }, 'IntentRequest');
    const card = response.card as { title: string; content: string };
    assert.ok(card.title.length + card.content.length <= 8000);
  });

  it('promises an e-mailed receipt on the card only when one is sent', () => {
    const order = { orderNumber: '123-456', totalMinor: 1299, currency: 'USD', lines: [{ name: 'Colombian Coffee', quantity: 1 }] };
    const cardFor = (receiptEmailed: boolean) => renderAlexaResponse(ResponseFactory.init(), { speech: 'Done.', text: 'Done.', endSession: true, placedOrder: { ...order, receiptEmailed } }, 'IntentRequest').card;
    assert.deepEqual(cardFor(true), { type: 'Simple', title: 'Order 123-456', content: '1 × Colombian Coffee\nTotal: $12.99\nA receipt has been sent to your email.' });
    assert.deepEqual(cardFor(false), { type: 'Simple', title: 'Order 123-456', content: '1 × Colombian Coffee\nTotal: $12.99' });
  });

  it('logs System.ExceptionEncountered and says nothing back', async () => {
    const res = await postSigned(app, alexaEnvelope({ type: 'System.ExceptionEncountered', error: { type: 'INVALID_RESPONSE', message: 'test' } } as never));
    assert.equal(res.status, 200);
    assert.equal(res.body.response.outputSpeech, undefined);
  });

  it('answers politely, keeping the session open, when no handler fits the request', async () => {
    const res = await postSigned(app, alexaEnvelope({ type: 'Messaging.MessageReceived' } as never));
    assert.equal(res.status, 200);
    assert.match(res.body.response.outputSpeech.ssml, /Sorry, something went wrong on our side/);
    assert.equal(res.body.response.shouldEndSession, false);
  });

  it('with ALEXA_VERIFY_SIGNATURE=false accepts unsigned requests and says so loudly in the log', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => lines.push(line) });
    const devApp = createApp({ config: testConfig({ ALEXA_VERIFY_SIGNATURE: 'false' }), log });
    assert.ok(lines.some((line) => /Alexa requests are NOT verified/.test(line)));
    const res = await request(devApp).post('/alexa').set('content-type', 'application/json').send(JSON.stringify(alexaEnvelope({ type: 'LaunchRequest' })));
    assert.equal(res.status, 200);
    const wrongSkill = await request(devApp).post('/alexa').set('content-type', 'application/json').send(JSON.stringify(alexaEnvelope({ type: 'LaunchRequest' }, { skillId: 'amzn1.ask.skill.other' })));
    assert.equal(wrongSkill.status, 400, 'the skill id is still checked');
  });

  it('never writes a voice code to the log, even at trace level through a whole order', async () => {
    const lines: string[] = [];
    const tracedApp = createApp({ config: testConfig(), log: createLogger('trace', { write: (line: string) => lines.push(line) }), channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
    const alice = (await ChannelIdentityModel.findOne({ externalId: 'amzn1.ask.account.ALICE' }).lean())!;
    const traceToken = await linkedAlexaToken(alice.customerId);
    const send = (body: Parameters<typeof alexaEnvelope>[0]) => postSigned(tracedApp, alexaEnvelope(body, { accessToken: traceToken }));
    await send(intent('AddToCartIntent', { product: { value: 'pasta', id: 'PAN-003' } }));
    await send(intent('CheckoutIntent'));
    await send(intent('CheckoutIntent', {}, 'CONFIRMED'));
    await send(intent('VoiceCodeIntent', { code: '4321' }));
    await send(intent('VoiceCodeIntent', { code: '4321' }));
    assert.ok(lines.length >= 5, 'every request was logged');
    assert.ok(!lines.some((line) => line.includes('4321')), 'no log line contains the code');
  });
});
