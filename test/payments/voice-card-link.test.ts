import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, OutboxModel } from '../../models';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { CARD_SETUP_WINDOW_MS } from '../../src/services/notifications';
import { CARD_SETUP_LINKS_PER_DAY } from '../../src/services/payments';
import { linkedAlexaToken } from '../support/alexa-linking';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { notifyConfig, twilioExpecting } from '../support/notify';

/**
 * "Add a card" said to Alexa: the card-setup link goes to the shopper's text channel through the
 * notification outbox, at most once per window while it is on its way and a few times a day, and not
 * held by quiet hours; a shopper no text channel reaches hears where to ask instead. What is said
 * hedges, since the sender may still refuse the link. Over the signed Alexa endpoint, with Stripe and
 * Twilio faked at their base URLs.
 */

const STRIPE = 'https://api.stripe.com';
const SETUP_URL = 'https://checkout.stripe.com/c/pay/cs_setup_voice';
// Quiet hours off: the test runs at the wall clock's time (Alexa requests must be fresh), not at a chosen hour.
const STRIPE_ENV = { PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_cardLinkKey', STRIPE_WEBHOOK_SECRET: 'whsec_cardLinkSecret', PUBLIC_BASE_URL: 'https://shop.example.com', QUIET_HOURS: 'off' };
const stripeConfig = notifyConfig(STRIPE_ENV);
const offConfig = notifyConfig({ QUIET_HOURS: 'off' });
const appFor = (config: typeof stripeConfig) => createApp({ config, log: silentLog, outbox: new OutboxDispatcher(outboxSenders(config), silentLog), channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
const stripeApp = appFor(stripeConfig);
const offApp = appFor(offConfig);

/** What an Alexa user hears for "add a card", as the SSML of the response. */
async function saysAddCard(app: ReturnType<typeof appFor>, userId: string, token: string, locale = 'en-US'): Promise<string> {
  const res = await postSigned(app, alexaEnvelope(intent('AddCardIntent'), { userId, accessToken: token, apiAccessToken: null, locale }));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml ?? '';
}

/** Stripe's Checkout Sessions endpoint answering `times` times with the setup page; the forms it got are kept. */
function stripeSetupSession(times = 1) {
  const forms: Record<string, string>[] = [];
  const scope = nock(STRIPE)
    .post('/v1/checkout/sessions', (body: Record<string, string>) => forms.push({ ...body }) > 0)
    .matchHeader('authorization', 'Bearer sk_test_cardLinkKey')
    .times(times)
    .reply(200, { id: 'cs_setup_voice', object: 'checkout.session', url: SETUP_URL });
  return { scope, forms };
}

/** Twilio refusing one message for good (a region not enabled): the job ends dead. */
function twilioRefusing(config: typeof stripeConfig) {
  const sent: Record<string, string>[] = [];
  const scope = nock('https://api.twilio.com')
    .post(`/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`, (body: Record<string, string>) => sent.push({ ...body }) > 0)
    .reply(400, { code: 21408, message: 'Permission to send an SMS has not been enabled for the region' });
  return { scope, sent };
}

/**
 * Every ask of a test falls in one window (and one UTC day, a whole number of windows): a run that
 * would straddle its end waits for the next one.
 */
async function wellInsideAWindow(): Promise<void> {
  const left = CARD_SETUP_WINDOW_MS - (Date.now() % CARD_SETUP_WINDOW_MS);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

const windowKey = (customerId: Types.ObjectId) => `card-setup:${String(customerId)}:${Math.floor(Date.now() / CARD_SETUP_WINDOW_MS)}`;

async function cardSetupJobs(): Promise<{ jobKey: string; status: string }[]> {
  return (await OutboxModel.find({ kind: 'notification' }).sort({ createdAt: 1 }).lean()).map((job) => ({ jobKey: job.jobKey, status: job.status }));
}

const SENT_EN = `<speak>I'm texting you a link to add your card on Stripe's secure page. If it doesn't arrive, write "add a card" to us in chat. Anything else?</speak>`;
const ON_ITS_WAY_EN = `<speak>A link to add your card is already on its way to you. If it doesn't arrive, write "add a card" to us in chat. Anything else?</speak>`;

async function alexaShopper(userId: string, config: typeof stripeConfig, textNumber?: string, locale = 'en-US'): Promise<{ customerId: Types.ObjectId; token: string }> {
  const customerId = await addCustomer({ channel: 'alexa', externalId: userId });
  // A Stripe customer already made: the setup session is the one request Stripe gets.
  await CustomerModel.updateOne({ _id: customerId }, { $set: { stripeCustomerId: 'cus_voice', locale } });
  if (textNumber) await ChannelIdentityModel.create({ channel: 'sms', externalId: textNumber, customerId });
  return { customerId, token: await linkedAlexaToken(customerId, config) };
}

describe('"add a card" by voice sends the card-setup link to the text channel', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    nock.cleanAll();
  });

  it('an Alexa shopper with an SMS number: one setup session, one SMS with the link, and a repeated ask in the window sends nothing more', async () => {
    const user = 'amzn1.ask.account.CARDLINK';
    const { customerId, token } = await alexaShopper(user, stripeConfig, '+14155550177');
    const setup = stripeSetupSession();
    const twilio = twilioExpecting(stripeConfig, 1);
    await wellInsideAWindow();

    const heard = await saysAddCard(stripeApp, user, token);
    assert.equal(heard, SENT_EN);
    assert.ok(setup.scope.isDone());
    const form = setup.forms[0]!;
    assert.deepEqual(form, {
      mode: 'setup',
      customer: 'cus_voice',
      currency: 'usd',
      client_reference_id: String(customerId),
      'metadata[customer_id]': String(customerId),
      success_url: 'https://shop.example.com/stripe/return',
      expires_at: form.expires_at,
    });

    const dispatcher = new OutboxDispatcher(outboxSenders(stripeConfig), silentLog);
    assert.equal(await dispatcher.runDue(new Date()), 1);
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+14155550177', From: '+15550100000', Body: `Corner Market: add your card on Stripe's secure page: ${SETUP_URL}` }]);

    // Asked again inside the window: no Stripe request (none is faked, and any would fail the turn), no second text.
    const again = await saysAddCard(stripeApp, user, token);
    assert.equal(again, ON_ITS_WAY_EN);
    assert.equal(await dispatcher.runDue(new Date()), 0);
    assert.deepEqual(nock.pendingMocks(), []);
    assert.deepEqual(await cardSetupJobs(), [{ jobKey: windowKey(customerId), status: 'sent' }]);
  });

  it('a Portuguese shopper hears it and gets the text in Portuguese, naming the seller', async () => {
    const user = 'amzn1.ask.account.CARDLINKPT';
    const { token } = await alexaShopper(user, stripeConfig, '+14155550179', 'pt-BR');
    const setup = stripeSetupSession();
    const twilio = twilioExpecting(stripeConfig, 1);

    const heard = await saysAddCard(stripeApp, user, token, 'pt-BR');
    assert.equal(
      heard,
      '<speak>Estou enviando por mensagem um link para você adicionar seu cartão na página segura da Stripe. Se ele não chegar, escreva "adicionar um cartão" no nosso chat. Mais alguma coisa?</speak>',
    );
    assert.equal(await new OutboxDispatcher(outboxSenders(stripeConfig), silentLog).runDue(new Date()), 1);
    assert.ok(setup.scope.isDone());
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+14155550179', From: '+15550100000', Body: `Corner Market: adicione seu cartão na página segura da Stripe: ${SETUP_URL}` }]);
  });

  it('a link the sender gave up on is not "already sent": the next ask in the window asks Stripe again and sends under the next key', async () => {
    const user = 'amzn1.ask.account.CARDLINKDEAD';
    const { customerId, token } = await alexaShopper(user, stripeConfig, '+14155550180');
    const setup = stripeSetupSession(2);
    await wellInsideAWindow();
    const dispatcher = new OutboxDispatcher(outboxSenders(stripeConfig), silentLog);

    assert.equal(await saysAddCard(stripeApp, user, token), SENT_EN);
    const refused = twilioRefusing(stripeConfig);
    await dispatcher.runDue(new Date());
    assert.ok(refused.scope.isDone());
    assert.deepEqual(refused.sent, [{ To: '+14155550180', From: '+15550100000', Body: `Corner Market: add your card on Stripe's secure page: ${SETUP_URL}` }]);
    assert.deepEqual(await cardSetupJobs(), [{ jobKey: windowKey(customerId), status: 'dead' }]);

    // Asked again in the same window: not told to use a link that never came, but sent one.
    assert.equal(await saysAddCard(stripeApp, user, token), SENT_EN);
    assert.ok(setup.scope.isDone());
    assert.equal(setup.forms.length, 2);
    const twilio = twilioExpecting(stripeConfig, 1);
    assert.equal(await dispatcher.runDue(new Date()), 1);
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+14155550180', From: '+15550100000', Body: `Corner Market: add your card on Stripe's secure page: ${SETUP_URL}` }]);
    assert.deepEqual(await cardSetupJobs(), [
      { jobKey: windowKey(customerId), status: 'dead' },
      { jobKey: `${windowKey(customerId)}:2`, status: 'sent' },
    ]);

    // And once that one is on its way, a third ask hears so and costs nothing.
    assert.equal(await saysAddCard(stripeApp, user, token), ON_ITS_WAY_EN);
    assert.deepEqual(nock.pendingMocks(), []);
  });

  it('quiet hours do not hold the link the shopper has just asked for', async () => {
    // Quiet from an hour ago to two hours from now, in the customer's own time zone (UTC): now is inside them.
    const hour = new Date().getUTCHours();
    const clock = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const quietConfig = notifyConfig({ ...STRIPE_ENV, QUIET_HOURS: `${clock(hour - 1)}-${clock(hour + 2)}` });
    const user = 'amzn1.ask.account.CARDLINKNIGHT';
    const { customerId, token } = await alexaShopper(user, stripeConfig, '+14155550181');
    await CustomerModel.updateOne({ _id: customerId }, { $set: { timeZone: 'UTC' } });
    const setup = stripeSetupSession();
    const twilio = twilioExpecting(stripeConfig, 1);
    await wellInsideAWindow();

    assert.equal(await saysAddCard(stripeApp, user, token), SENT_EN);
    assert.equal(await new OutboxDispatcher(outboxSenders(quietConfig), silentLog).runDue(new Date()), 1);
    assert.ok(setup.scope.isDone());
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+14155550181', From: '+15550100000', Body: `Corner Market: add your card on Stripe's secure page: ${SETUP_URL}` }]);
    assert.deepEqual(await cardSetupJobs(), [{ jobKey: windowKey(customerId), status: 'sent' }]);
  });

  it(`at most ${CARD_SETUP_LINKS_PER_DAY} links a day: the next ask hears so, and Stripe is not asked`, async () => {
    const user = 'amzn1.ask.account.CARDLINKCAP';
    const { customerId, token } = await alexaShopper(user, stripeConfig, '+14155550182');
    const setup = stripeSetupSession(CARD_SETUP_LINKS_PER_DAY);
    await wellInsideAWindow();

    for (let ask = 1; ask <= CARD_SETUP_LINKS_PER_DAY; ask++) {
      assert.equal(await saysAddCard(stripeApp, user, token), SENT_EN, `ask ${ask}`);
      // As the sender leaves a link it may not send (a STOP, a closed window): the next ask may try again.
      await OutboxModel.updateOne({ jobKey: ask === 1 ? windowKey(customerId) : `${windowKey(customerId)}:${ask}` }, { $set: { status: 'withheld' } });
    }
    assert.ok(setup.scope.isDone());
    assert.equal(setup.forms.length, CARD_SETUP_LINKS_PER_DAY);

    // No Stripe request is faked any more: one would fail the turn.
    const heard = await saysAddCard(stripeApp, user, token);
    assert.equal(heard, `<speak>You've asked for a card link several times today, so I won't send another now. To add a card, write "add a card" to us in chat. Anything else?</speak>`);
    assert.deepEqual(nock.pendingMocks(), []);
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), CARD_SETUP_LINKS_PER_DAY);
  });

  it('a voice-only shopper hears to ask in chat, and nothing goes to Stripe or the outbox', async () => {
    const user = 'amzn1.ask.account.VOICEONLY';
    const { token } = await alexaShopper(user, stripeConfig);
    const heard = await saysAddCard(stripeApp, user, token);
    assert.equal(heard, '<speak>To add a card, write "add a card" to us in chat. Anything else?</speak>');
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 0);
  });

  it('with payments off, no card is needed and nothing is sent', async () => {
    const user = 'amzn1.ask.account.PAYMENTSOFF';
    const { token } = await alexaShopper(user, offConfig, '+14155550178');
    const heard = await saysAddCard(offApp, user, token);
    assert.equal(heard, '<speak>Payment is taken on delivery, so no card is needed. Anything else?</speak>');
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 0);
  });
});
