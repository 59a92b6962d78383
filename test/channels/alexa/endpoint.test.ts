import assert from 'node:assert/strict';
import type { Response as SupertestResponse } from 'supertest';
import { ALL_MODELS, ChannelIdentityModel, OrderModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { linkedAlexaToken } from '../../support/alexa-linking';
import { stockBalance } from '../../../src/store/inventory-store';
import { API_ENDPOINT, CHAIN_URLS, alexaEnvelope, intent, postSigned, testVerifierOptions, type EnvelopeOptions, type AlexaRequestBody } from '../../support/alexa-requests';
import { CERT_URL } from '../../../src/channels/alexa/simulate/signing';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';

const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 0 } } });

/** Alice's account-linking token, minted afresh for each test's fresh database. */
let ALICE_TOKEN = '';
const COFFEE = { value: 'colombian coffee', id: 'COF-001' };

async function linkAlice(): Promise<void> {
  const alice = await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: 'amzn1.ask.account.ALICE' }).lean();
  ALICE_TOKEN = await linkedAlexaToken(alice!.customerId);
}

/** Alice, account linked and recognized, talking to the skill over HTTP. */
async function say(body: AlexaRequestBody, options: EnvelopeOptions = {}) {
  const res = await postSigned(app, alexaEnvelope(body, { accessToken: ALICE_TOKEN, ...options }));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { version: string; response: AlexaResponse };
}

interface AlexaResponse {
  outputSpeech?: { type: string; ssml: string };
  reprompt?: { outputSpeech: { ssml: string } };
  card?: { type: string; title?: string; content?: string };
  directives?: { type: string; updatedIntent?: { name: string }; slotToElicit?: string }[];
  shouldEndSession?: boolean;
}

const speech = (response: AlexaResponse) => response.outputSpeech?.ssml.replace(/^<speak>|<\/speak>$/g, '') ?? '';

/** The progressive response Alexa's directive service should receive before a placement answer. */
function expectProgressive(times = 1) {
  const bodies: unknown[] = [];
  const scope = nock(API_ENDPOINT)
    .post('/v1/directives', (body) => {
      bodies.push(body);
      return true;
    })
    .matchHeader('authorization', 'Bearer alexa-api-token')
    .times(times)
    .reply(204);
  return { scope, bodies };
}

async function countEverything(): Promise<number[]> {
  return Promise.all(ALL_MODELS.map((model) => model.countDocuments()));
}

describe('Alexa endpoint (POST /alexa)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    await linkAlice();
  });

  it('takes a voice order end to end: read-back with ConfirmIntent, yes, voice code by ElicitSlot, placed, receipt card', async () => {
    const added = await say(intent('AddToCartIntent', { product: COFFEE, quantity: '2' }));
    assert.match(speech(added.response), /^Added 2 Colombian Coffee\./);
    assert.equal(added.response.shouldEndSession, false);

    const readBack = await say(intent('CheckoutIntent'));
    assert.match(speech(readBack.response), /^Your order from Corner Market: 2 Colombian Coffee at 12 dollars and 99 cents each, delivered to 12 Maple Street, Springfield\. The total is 33 dollars and 11 cents/);
    assert.deepEqual(readBack.response.directives?.map((d) => [d.type, d.updatedIntent?.name]), [['Dialog.ConfirmIntent', 'CheckoutIntent']]);
    assert.ok(readBack.response.reprompt);

    const progressive = expectProgressive(2);
    const askCode = await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
    assert.equal(speech(askCode.response), 'Please say your four-digit voice code.');
    assert.deepEqual(askCode.response.directives?.map((d) => [d.type, d.slotToElicit, d.updatedIntent?.name]), [['Dialog.ElicitSlot', 'code', 'VoiceCodeIntent']]);
    assert.equal(await OrderModel.countDocuments(), 0, 'nothing placed before the code');

    const done = await say(intent('VoiceCodeIntent', { code: '4321' }));
    const [order] = await OrderModel.find({ status: 'placed' }).lean();
    assert.ok(order);
    assert.match(speech(done.response), /^Done\. Your order number is \d \d \d, \d \d \d, total 33 dollars and 11 cents\./);
    assert.equal(done.response.shouldEndSession, true);
    assert.deepEqual(done.response.card, { type: 'Simple', title: `Order ${order.orderNumber}`, content: '2 × Colombian Coffee\nTotal: $33.11\nA receipt has been sent to your email.' });
    assert.equal(await stockBalance('COF-001'), 48);
    assert.ok(progressive.scope.isDone());
    assert.equal(progressive.bodies.length, 2, 'one for the confirmation, one for the code');
    assert.deepEqual(progressive.bodies[1], { header: { requestId: (progressive.bodies[1] as { header: { requestId: string } }).header.requestId }, directive: { type: 'VoicePlayer.Speak', speech: '<speak>One moment while I place your order.</speak>' } });
  });

  it('reorders "my usual" end to end', async () => {
    await say(intent('AddToCartIntent', { product: { value: 'green tea', id: 'TEA-002' }, quantity: '3' }));
    await say(intent('CheckoutIntent'));
    const progressive = expectProgressive(4);
    await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
    await say(intent('VoiceCodeIntent', { code: '4321' }));

    const summary = await say(intent('ReorderUsualIntent'));
    assert.match(speech(summary.response), /had 3 Green Tea\. Shall I add what's available to your cart at today's prices and check out\?$/);
    const readBack = await say(intent('AMAZON.YesIntent'));
    assert.match(speech(readBack.response), /^Your order from Corner Market: 3 Green Tea/);
    await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
    await say(intent('VoiceCodeIntent', { code: '4321' }));
    assert.equal(await OrderModel.countDocuments({ status: 'placed' }), 2);
    assert.ok(progressive.scope.isDone());
  });

  it('answers order status and cancels inside the window', async () => {
    assert.match(speech((await say(intent('OrderStatusIntent'))).response), /^You don't have any orders yet\./);
    await say(intent('AddToCartIntent', { product: COFFEE }));
    await say(intent('CheckoutIntent'));
    const progressive = expectProgressive(3);
    await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
    await say(intent('VoiceCodeIntent', { code: '4321' }));
    const [order] = await OrderModel.find().lean();
    const spokenNumber = `${order!.orderNumber.slice(0, 3).split('').join(' ')}, ${order!.orderNumber.slice(4).split('').join(' ')}`;

    const status = await say(intent('OrderStatusIntent'));
    assert.match(speech(status.response), new RegExp(`^Order ${spokenNumber} from \\w+day, \\w+ \\d+ is placed\\. You can still cancel it until`));

    const ask = await say(intent('CancelOrderIntent'));
    assert.match(speech(ask.response), new RegExp(`^Cancel order ${spokenNumber} for 19 dollars and 5 cents\\?`));
    const cancelled = await say(intent('AMAZON.YesIntent'));
    assert.match(speech(cancelled.response), /is cancelled\. You won't be charged\./);
    assert.equal((await OrderModel.findById(order!._id).lean())?.status, 'cancelled');
    assert.equal(await stockBalance('COF-001'), 50);
    assert.ok(progressive.scope.isDone());
  });

  it('help keeps the session open with a reprompt; stop and cancel end it; fallback reprompts; session end is silent', async () => {
    const help = await say(intent('AMAZON.HelpIntent'));
    assert.match(speech(help.response), /You can ask for a product/);
    assert.equal(help.response.shouldEndSession, false);
    assert.ok(help.response.reprompt);
    for (const name of ['AMAZON.StopIntent', 'AMAZON.CancelIntent']) {
      const stop = await say(intent(name));
      assert.match(speech(stop.response), /Goodbye/);
      assert.equal(stop.response.shouldEndSession, true);
    }
    const fallback = await say(intent('AMAZON.FallbackIntent'));
    assert.match(speech(fallback.response), /^Sorry, I didn't catch that/);
    assert.ok(fallback.response.reprompt);
    const ended = await say({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' });
    assert.equal(ended.response.outputSpeech, undefined);
    assert.equal(ended.response.reprompt, undefined);
  });

  it('launches with a linked account, and without one sends a LinkAccount card and refuses to check out', async () => {
    const linked = await say({ type: 'LaunchRequest' });
    assert.match(speech(linked.response), /^Welcome to Corner Market/);
    assert.equal(linked.response.card, undefined);

    const stranger = { accessToken: undefined, userId: 'amzn1.ask.account.STRANGER' };
    const unlinked = await say({ type: 'LaunchRequest' }, stranger);
    assert.match(speech(unlinked.response), /To link your account, open the Alexa app/);
    assert.deepEqual(unlinked.response.card, { type: 'LinkAccount' });

    await say(intent('AddToCartIntent', { product: COFFEE }), stranger);
    const refused = await say(intent('CheckoutIntent'), stranger);
    assert.match(speech(refused.response), /^To order, please link your account/);
    assert.deepEqual(refused.response.card, { type: 'LinkAccount' });
    assert.equal(refused.response.directives, undefined);

    const expiredToken = await say({ type: 'LaunchRequest' }, { accessToken: 'not-a-token-we-issued' });
    assert.deepEqual(expiredToken.response.card, { type: 'LinkAccount' });
  });

  it('runs a redelivered request (same requestId) once: the copy changes nothing and gets a harmless question', async () => {
    const addCoffee = alexaEnvelope(intent('AddToCartIntent', { product: COFFEE, quantity: '1' }), { accessToken: ALICE_TOKEN });
    const first = await postSigned(app, addCoffee);
    assert.match(speech((first.body as { response: AlexaResponse }).response), /Added 1 Colombian Coffee/);
    const before = await countEverything();
    const again = await postSigned(app, addCoffee);
    assert.equal(again.status, 200);
    const response = (again.body as { response: AlexaResponse }).response;
    assert.equal(speech(response), 'What would you like to do?');
    assert.equal(response.shouldEndSession, false);
    assert.deepEqual(await countEverything(), before);
    const cart = await say(intent('ViewCartIntent'));
    assert.match(speech(cart.response), /1 Colombian Coffee/);
  });

  it('refuses by voice a product not sold by voice, with the reason', async () => {
    const refused = await say(intent('AddToCartIntent', { product: { value: 'red wine', id: 'WIN-001' } }));
    assert.match(speech(refused.response), /alcohol can only be ordered in the app or by chat with an age check/);
  });

  describe('verification: every failure is 400 and changes nothing', () => {
    const cases: { name: string; send: () => ReturnType<typeof postSigned> }[] = [
      { name: 'missing SignatureCertChainUrl', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' })).unset('SignatureCertChainUrl') },
      { name: 'missing Signature-256', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' })).unset('Signature-256') },
      { name: 'cert URL over http', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { certUrl: CERT_URL.replace('https:', 'http:') }) },
      { name: 'cert URL on another host', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { certUrl: CERT_URL.replace('s3.amazonaws.com', 'evil.example.com') }) },
      { name: 'cert URL /echo.api/../x', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { certUrl: 'https://s3.amazonaws.com/echo.api/../x' }) },
      { name: 'cert URL on port 8443', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { certUrl: CERT_URL.replace('s3.amazonaws.com', 's3.amazonaws.com:8443') }) },
      { name: 'cert URL /ECHO.API/', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { certUrl: CERT_URL.replace('/echo.api/', '/ECHO.API/') }) },
      { name: 'expired certificate', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { variant: 'expired-leaf' }) },
      { name: 'wrong SAN', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { variant: 'wrong-san' }) },
      { name: 'untrusted chain', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }), { variant: 'untrusted' }) },
      {
        name: 'body changed by one byte',
        send: () =>
          postSigned(app, alexaEnvelope(intent('AddToCartIntent', { product: COFFEE, quantity: '2' }), { accessToken: ALICE_TOKEN }), {
            mutate: (raw) => Buffer.from(raw.toString().replace('"quantity","value":"2"', '"quantity","value":"9"')),
          }),
      },
      { name: 'timestamp 151 s old', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { timestamp: new Date(Date.now() - 151_000) })) },
      // 160 s, not 151: on a loaded machine the request can reach the check a few seconds after it was stamped, and a
      // timestamp stamped just over the limit ahead is then back inside it.
      { name: 'timestamp 160 s ahead', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { timestamp: new Date(Date.now() + 160_000) })) },
      { name: 'another skill id', send: () => postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { skillId: 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555' })) },
    ];

    for (const { name, send } of cases) {
      it(name, async () => {
        const before = await countEverything();
        const res: SupertestResponse = await send();
        assert.equal(res.status, 400);
        assert.equal(res.body.error.code, 'REQUEST_NOT_VERIFIED');
        assert.ok(res.body.error.details.reason);
        assert.deepEqual(await countEverything(), before);
      });
    }

    it('the byte-change case really differs from the signed body by one character', () => {
      const raw = JSON.stringify(alexaEnvelope(intent('AddToCartIntent', { product: COFFEE, quantity: '2' })));
      assert.ok(raw.includes('"quantity","value":"2"'));
    });

    it('a valid request over the same route is accepted (the matrix is not refusing everything)', async () => {
      const res = await postSigned(app, alexaEnvelope({ type: 'LaunchRequest' }, { accessToken: ALICE_TOKEN }));
      assert.equal(res.status, 200);
      assert.ok(CHAIN_URLS.valid.startsWith('https://s3.amazonaws.com/echo.api/'));
    });
  });
});
