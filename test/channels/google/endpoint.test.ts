import assert from 'node:assert/strict';
import request from 'supertest';
import { ALL_MODELS, OrderModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { stockBalance } from '../../../src/store/inventory-store';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { DialogflowSession, SECRET, contextLifespans, simpleResponses, speech, type DialogflowAnswer } from './dialogflow-requests';

const app = createApp({ config: testConfig(), log: silentLog });

const COFFEE = { product: 'COF-001', quantity: 2 };
const READ_BACK_TEXT =
  'Your order from Corner Market: 2 Colombian Coffee at $12.99 each, delivered to 1 Main St, Springfield. The total is $33.11, including $2.14 tax and $4.99 delivery. You pay on delivery.';

async function countEverything(): Promise<number[]> {
  return Promise.all(ALL_MODELS.map((model) => model.countDocuments()));
}

const quickReplies = (answer: DialogflowAnswer) => answer.fulfillmentMessages.flatMap((message) => (message.quickReplies as { quickReplies: string[] } | undefined)?.quickReplies ?? []);
const cards = (answer: DialogflowAnswer) => answer.fulfillmentMessages.filter((message) => message.card).map((message) => message.card as { title: string; subtitle?: string; buttons?: { text: string; postback: string }[] });

/** Adds two Colombian coffees and checks out: the read-back waiting for a yes. */
async function readBack(session: DialogflowSession): Promise<DialogflowAnswer> {
  await session.say({ intent: 'AddToCartIntent', queryText: 'add two colombian coffee', parameters: COFFEE, originals: { product: 'colombian coffee', quantity: 'two' } });
  return session.say({ intent: 'CheckoutIntent', queryText: 'check out' });
}

describe('Google endpoint (POST /google, Dialogflow ES fulfilment)', () => {
  beforeEach(async () => {
    await freshDemoStore();
    await addCustomer({ channel: 'google', externalId: 'alice-assistant', voiceCode: '4321' });
    await addCustomer({ channel: 'google', externalId: 'bob-web', voiceCode: '4321' });
  });

  describe('from the Assistant (originalDetectIntentRequest.source = google)', () => {
    it('browses: spoken list in SSML, a carousel of the products, suggestion chips of at most 25 characters', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      const answer = await session.say({ intent: 'BrowseIntent', queryText: 'show me coffee', parameters: { product: 'coffee' }, originals: { product: 'coffee' } });
      const google = answer.payload!.google;
      assert.equal(google.expectUserResponse, true);
      assert.deepEqual(simpleResponses(answer), [
        {
          textToSpeech: '<speak>I found Colombian Coffee, Ethiopian Coffee, and French Roast Coffee. Which one would you like?</speak>',
          displayText: "Here's what I found: Colombian Coffee, Ethiopian Coffee, French Roast Coffee. Which would you like?",
        },
      ]);
      assert.equal(google.systemIntent?.intent, 'actions.intent.OPTION');
      const carousel = (google.systemIntent!.data as { carouselSelect: { items: { optionInfo: { key: string }; title: string; description: string }[] } }).carouselSelect;
      assert.ok(carousel.items.length >= 2 && carousel.items.length <= 10, `carousel of ${carousel.items.length}`);
      assert.deepEqual(carousel.items[0], { optionInfo: { key: 'ADD:COF-001', synonyms: ['Colombian Coffee'] }, title: 'Colombian Coffee', description: '$12.99 · Smooth medium-roast ground coffee from Colombian highlands, with notes of caramel and nuts.' });
      assert.deepEqual(google.richResponse.suggestions, [{ title: 'Colombian Coffee' }, { title: 'Ethiopian Coffee' }, { title: 'French Roast Coffee' }]);
      // Every integration still gets the text.
      assert.equal(answer.fulfillmentText, "Here's what I found: Colombian Coffee, Ethiopian Coffee, French Roast Coffee. Which would you like?");
    });

    it('adds a tapped carousel item (actions_intent_OPTION) to the cart', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      const answer = await session.say({ intent: 'SelectIntent', queryText: 'actions_intent_OPTION', option: 'ADD:COF-003' });
      assert.match(speech(answer), /^Added 1 French Roast Coffee\. Your cart comes to 11 dollars and 99 cents before tax and delivery\./);
    });

    it('orders with a read-back (seller, items, delivery, total), a bare "yes", then a bare "4321" even when Dialogflow hears a quantity', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      const asked = await readBack(session);
      assert.equal(asked.fulfillmentText, `${READ_BACK_TEXT} After you confirm, I will ask for your voice code. Should I place the order?`);
      assert.equal(
        speech(asked),
        'Your order from Corner Market: 2 Colombian Coffee at 12 dollars and 99 cents each, delivered to 1 Main St, Springfield. The total is 33 dollars and 11 cents, including 2 dollars and 14 cents tax and 4 dollars and 99 cents delivery. You pay on delivery. After you confirm, I will ask for your voice code. Should I place the order?',
      );
      assert.deepEqual(asked.payload!.google.richResponse.suggestions, [{ title: 'Yes' }, { title: 'No' }]);
      assert.deepEqual(contextLifespans(asked), { awaiting_yes_no: 2 });

      // "yeah" matched nothing in the agent: the fallback intent, but the context says what it answers.
      const askCode = await session.say({ intent: 'Default Fallback Intent', queryText: 'yeah' });
      assert.equal(speech(askCode), 'Please say your four-digit voice code.');
      assert.deepEqual(contextLifespans(askCode), { awaiting_voice_code: 2, awaiting_yes_no: 0 });
      assert.equal(askCode.payload!.google.richResponse.suggestions, undefined, 'no chips while a code is asked');
      assert.equal(await OrderModel.countDocuments(), 0, 'nothing placed before the code');

      const done = await session.say({ intent: 'AddToCartIntent', queryText: '4321', parameters: { quantity: 4321, product: '' } });
      const [order] = await OrderModel.find().lean();
      assert.ok(order);
      assert.equal(order.status, 'placed');
      assert.equal(order.totalMinor, 3311);
      assert.equal(order.channel, 'google');
      assert.match(speech(done), /^Done\. Your order number is \d \d \d, \d \d \d, total 33 dollars and 11 cents\./);
      assert.equal(done.payload!.google.expectUserResponse, false);
      assert.equal(done.payload!.google.richResponse.suggestions, undefined, 'no chips in a final response');
      assert.deepEqual(done.payload!.google.richResponse.items[1], { basicCard: { title: `Order ${order.orderNumber}`, formattedText: '2 × Colombian Coffee  \nTotal: $33.11' } });
      assert.deepEqual(contextLifespans(done), { awaiting_voice_code: 0 });
      assert.equal(await stockBalance('COF-001'), 48);
    });

    it('answers a redelivered responseId harmlessly, runs nothing again and places one order', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      await readBack(session);
      await session.say({ intent: 'YesIntent', queryText: 'yes' });
      const codeTurn = session.body({ intent: 'VoiceCodeIntent', queryText: '4321', parameters: { code: '4321' } });
      const first = await session.post(codeTurn);
      assert.match(speech(first), /order number/i);
      assert.equal(await OrderModel.countDocuments(), 1);

      // The event claim decides for every instance of the service: a redelivery runs nothing.
      const otherInstance = createApp({ config: testConfig(), log: silentLog });
      for (const instance of [app, otherInstance]) {
        const before = await countEverything();
        const harmless = await new DialogflowSession(instance, 'alice-assistant', { source: 'google' }).post(codeTurn);
        assert.equal(harmless.fulfillmentText, 'What would you like to do?');
        assert.equal(speech(harmless), 'What would you like to do?');
        assert.deepEqual(await countEverything(), before);
      }
      assert.equal(await OrderModel.countDocuments(), 1);
    });

    it('never places an Assistant order without a voice code: Dialogflow does not say who is speaking', async () => {
      await addCustomer({ channel: 'google', externalId: 'carl-assistant' });
      const session = new DialogflowSession(app, 'carl-assistant', { source: 'google' });
      const refused = await readBack(session);
      assert.match(speech(refused), /This order needs a voice code, and you have not set one\. You can set one by text message or in the app\./);
      assert.deepEqual(contextLifespans(refused), {}, 'no yes is awaited');
      await session.say({ intent: 'YesIntent', queryText: 'yes' });
      assert.equal(await OrderModel.countDocuments(), 0);
    });

    it('answers a request carrying a Google Sign-In idToken (no sign-in is used, so it is not verified)', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      const body = session.body({ intent: 'HelpIntent', queryText: 'help' }) as { originalDetectIntentRequest: { payload: { user: Record<string, unknown> } } };
      body.originalDetectIntentRequest.payload.user.idToken = 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln';
      const answer = await session.post(body);
      assert.match(speech(answer), /^You can ask for a product/);
    });

    it('reorders "my usual" and says the order status', async () => {
      const session = new DialogflowSession(app, 'alice-assistant', { source: 'google' });
      await readBack(session);
      await session.say({ intent: 'YesIntent', queryText: 'yes' });
      await session.say({ intent: 'VoiceCodeIntent', queryText: '4321', parameters: { code: '4321' } });
      const [first] = await OrderModel.find().lean();
      const spokenNumber = `${first!.orderNumber.slice(0, 3).split('').join(' ')}, ${first!.orderNumber.slice(4).split('').join(' ')}`;

      const status = await session.say({ intent: 'OrderStatusIntent', queryText: "where's my order" });
      assert.match(speech(status), new RegExp(`^Order ${spokenNumber} from \\w+day, \\w+ \\d+ is placed\\. You can still cancel it until `));

      const summary = await session.say({ intent: 'ReorderUsualIntent', queryText: 'my usual' });
      assert.match(speech(summary), /had 2 Colombian Coffee\. Shall I add what's available to your cart at today's prices and check out\?$/);
      assert.deepEqual(contextLifespans(summary), { awaiting_yes_no: 2 });
      const again = await session.say({ intent: 'YesIntent', queryText: 'yes' });
      assert.match(again.fulfillmentText, /^Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each, delivered to 1 Main St, Springfield\. The total is \$33\.11/);
      await session.say({ intent: 'YesIntent', queryText: 'yes' });
      await session.say({ intent: 'Default Fallback Intent', queryText: '4 3 2 1' });
      assert.equal(await OrderModel.countDocuments({ status: 'placed' }), 2);
    });
  });

  describe('from any other integration (no source)', () => {
    it('browses: fulfillmentText, product cards whose buttons post back payloads, quick replies; no Assistant payload', async () => {
      const session = new DialogflowSession(app, 'bob-web');
      const answer = await session.say({ intent: 'BrowseIntent', queryText: 'show me coffee', parameters: { product: 'coffee' }, originals: { product: 'coffee' } });
      assert.equal(answer.payload, undefined);
      // On a screen every match is listed; a voice turn says three.
      assert.equal(
        answer.fulfillmentText,
        "Here's what I found: Colombian Coffee, Ethiopian Coffee, French Roast Coffee, Espresso Machine, Earl Grey Tea, Green Tea, Chamomile Tea, Tea Sampler Gift Set. Which would you like?",
      );
      assert.deepEqual(answer.fulfillmentMessages[0], { text: { text: [answer.fulfillmentText] } });
      assert.deepEqual(cards(answer)[0], {
        title: 'Colombian Coffee',
        subtitle: '$12.99 · Smooth medium-roast ground coffee from Colombian highlands, with notes of caramel and nuts.',
        buttons: [{ text: 'Add Colombian Coffee', postback: 'ADD:COF-001' }],
      });
      assert.deepEqual(quickReplies(answer), ['Colombian Coffee', 'Ethiopian Coffee', 'French Roast Coffee']);

      // A card button's postback comes back as the query text of the fallback intent.
      const added = await session.say({ intent: 'Default Fallback Intent', queryText: 'ADD:COF-001' });
      assert.match(added.fulfillmentText, /^Added 1 Colombian Coffee\. Your cart comes to \$12\.99/);
    });

    it('orders by text only with the voice code: the session id is the caller\'s choice, so it proves nobody', async () => {
      // Anyone holding the webhook secret can name bob's session id; a bare "yes" must not buy on his account.
      const session = new DialogflowSession(app, 'bob-web');
      const asked = await readBack(session);
      assert.equal(asked.fulfillmentText, `${READ_BACK_TEXT} After you confirm, I will ask for your voice code. Should I place the order?`);
      assert.deepEqual(quickReplies(asked), ['Yes', 'No']);
      assert.deepEqual(contextLifespans(asked), { awaiting_yes_no: 2 });

      const askCode = await session.say({ intent: 'YesIntent', queryText: 'yes' });
      assert.equal(askCode.fulfillmentText, 'Please send your four-digit voice code.', 'typed, so not "say"');
      assert.deepEqual(contextLifespans(askCode), { awaiting_voice_code: 2, awaiting_yes_no: 0 });
      assert.equal(await OrderModel.countDocuments(), 0, 'a yes alone places nothing');

      const wrong = await session.say({ intent: 'VoiceCodeIntent', queryText: '1111', parameters: { code: '1111' } });
      assert.equal(await OrderModel.countDocuments(), 0, 'a wrong code places nothing');
      assert.equal(wrong.fulfillmentText, "That code isn't right. You have 2 tries left. Please send your voice code.");

      const done = await session.say({ intent: 'VoiceCodeIntent', queryText: '4321', parameters: { code: '4321' } });
      const [order] = await OrderModel.find().lean();
      assert.ok(order);
      assert.match(done.fulfillmentText, new RegExp(`^Done\\. Your order number is ${order.orderNumber}, total \\$33\\.11\\.`));
      assert.deepEqual(cards(done), [{ title: `Order ${order.orderNumber}`, subtitle: '2 × Colombian Coffee\nTotal: $33.11' }]);
    });

    it('refuses to order for a customer with no voice code, and says how to set one', async () => {
      await addCustomer({ channel: 'google', externalId: 'dora-web' });
      const session = new DialogflowSession(app, 'dora-web');
      const refused = await readBack(session);
      assert.match(refused.fulfillmentText, /This order needs a voice code, and you have not set one\. You can set one by text message or in the app\./);
      assert.deepEqual(contextLifespans(refused), {}, 'no yes is awaited');
      await session.say({ intent: 'YesIntent', queryText: 'yes' });
      assert.equal(await OrderModel.countDocuments(), 0);
    });

    it('places on a bare "yes" without a code only when DIALOGFLOW_REQUIRE_VOICE_CODE=false', async () => {
      const trusting = createApp({ config: testConfig({ DIALOGFLOW_REQUIRE_VOICE_CODE: 'false' }), log: silentLog });
      const session = new DialogflowSession(trusting, 'bob-web');
      const asked = await readBack(session);
      assert.equal(asked.fulfillmentText, `${READ_BACK_TEXT} Should I place the order?`);
      const done = await session.say({ intent: 'YesIntent', queryText: 'yes' });
      const [order] = await OrderModel.find().lean();
      assert.ok(order);
      assert.match(done.fulfillmentText, new RegExp(`^Done\\. Your order number is ${order.orderNumber}`));
      assert.deepEqual(contextLifespans(done), { awaiting_yes_no: 0 });
    });

    it('a "no" to the read-back places nothing', async () => {
      const session = new DialogflowSession(app, 'bob-web');
      await readBack(session);
      const declined = await session.say({ intent: 'NoIntent', queryText: 'no' });
      assert.equal(declined.fulfillmentText, "OK, I didn't place the order. Your cart is saved for later. Anything else?");
      assert.deepEqual(contextLifespans(declined), { awaiting_yes_no: 0 });
      assert.equal(await OrderModel.countDocuments(), 0);
    });
  });

  describe('authentication', () => {
    const body = (session: DialogflowSession) => session.body({ intent: 'BrowseIntent', queryText: 'show me coffee', parameters: { product: 'coffee' } });
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

    it('refuses a missing secret with 401 and a wrong one with 403, processing nothing', async () => {
      const session = new DialogflowSession(app, 'bob-web');
      const before = await countEverything();
      const missing = await request(app).post('/google').send(body(session));
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error.code, 'UNAUTHENTICATED');
      for (const headers of [{ 'x-webhook-secret': 'not-the-secret' }, { authorization: basic('dialogflow', 'not-the-secret') }, { authorization: 'Bearer dev-google-webhook-secret' }]) {
        const wrong = await request(app).post('/google').set(headers).send(body(session));
        assert.equal(wrong.status, 403, JSON.stringify(headers));
        assert.equal(wrong.body.error.code, 'FORBIDDEN');
      }
      assert.deepEqual(await countEverything(), before);
    });

    it('accepts the secret as the basic-auth password, and checks the user name when one is configured', async () => {
      const plain = await new DialogflowSession(app, 'bob-web', { headers: { authorization: basic('anyone', SECRET) } }).say({ intent: 'HelpIntent', queryText: 'help' });
      assert.match(plain.fulfillmentText, /^You can search/);

      const strict = createApp({ config: testConfig({ GOOGLE_WEBHOOK_BASIC_USER: 'dialogflow' }), log: silentLog });
      const ok = await new DialogflowSession(strict, 'bob-web', { headers: { authorization: basic('dialogflow', SECRET) } }).say({ intent: 'HelpIntent', queryText: 'help' });
      assert.match(ok.fulfillmentText, /^You can search/);
      const wrongUser = await request(strict).post('/google').set({ authorization: basic('someone', SECRET) }).send(body(new DialogflowSession(strict, 'bob-web')));
      assert.equal(wrongUser.status, 403);
    });

    it('refuses a body that is not a Dialogflow webhook request with 400', async () => {
      const before = await countEverything();
      const res = await request(app).post('/google').set('x-webhook-secret', SECRET).send({ queryResult: { queryText: 'hi' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(await countEverything(), before);
    });
  });
});
