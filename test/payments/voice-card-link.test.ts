import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, OutboxModel } from '../../models';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { CARD_SETUP_WINDOW_MS } from '../../src/services/notifications';
import { linkedAlexaToken } from '../support/alexa-linking';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { notifyConfig, twilioExpecting } from '../support/notify';

/**
 * "Add a card" said to Alexa: the card-setup link goes to the shopper's text channel through the
 * notification outbox, at most once per window; a shopper no text channel reaches hears where to ask
 * instead. Over the signed Alexa endpoint, with Stripe and Twilio faked at their base URLs.
 */

const STRIPE = 'https://api.stripe.com';
const SETUP_URL = 'https://checkout.stripe.com/c/pay/cs_setup_voice';
// Quiet hours off: the test runs at the wall clock's time (Alexa requests must be fresh), not at a chosen hour.
const stripeConfig = notifyConfig({ PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_cardLinkKey', STRIPE_WEBHOOK_SECRET: 'whsec_cardLinkSecret', PUBLIC_BASE_URL: 'https://shop.example.com', QUIET_HOURS: 'off' });
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

/** Stripe's Checkout Sessions endpoint answering once with the setup page; the form it got is kept. */
function stripeSetupSession() {
  const forms: Record<string, string>[] = [];
  const scope = nock(STRIPE)
    .post('/v1/checkout/sessions', (body: Record<string, string>) => forms.push({ ...body }) > 0)
    .matchHeader('authorization', 'Bearer sk_test_cardLinkKey')
    .reply(200, { id: 'cs_setup_voice', object: 'checkout.session', url: SETUP_URL });
  return { scope, forms };
}

/** Both asks of a test fall in one window: a run that would straddle its end waits for the next one. */
async function wellInsideAWindow(): Promise<void> {
  const left = CARD_SETUP_WINDOW_MS - (Date.now() % CARD_SETUP_WINDOW_MS);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

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
    assert.equal(heard, "<speak>I sent you a link to add your card on Stripe's secure page. Anything else?</speak>");
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
    assert.equal(again, '<speak>I already sent you a link to add your card. Please use that one. Anything else?</speak>');
    assert.equal(await dispatcher.runDue(new Date()), 0);
    assert.deepEqual(nock.pendingMocks(), []);
    assert.deepEqual(
      (await OutboxModel.find({ kind: 'notification' }).lean()).map((job) => ({ jobKey: job.jobKey, status: job.status })),
      [{ jobKey: `card-setup:${String(customerId)}:${Math.floor(Date.now() / CARD_SETUP_WINDOW_MS)}`, status: 'sent' }],
    );
  });

  it('a Portuguese shopper hears it and gets the text in Portuguese, naming the seller', async () => {
    const user = 'amzn1.ask.account.CARDLINKPT';
    const { token } = await alexaShopper(user, stripeConfig, '+14155550179', 'pt-BR');
    const setup = stripeSetupSession();
    const twilio = twilioExpecting(stripeConfig, 1);

    const heard = await saysAddCard(stripeApp, user, token, 'pt-BR');
    assert.equal(heard, '<speak>Enviei um link para você adicionar seu cartão na página segura da Stripe. Mais alguma coisa?</speak>');
    assert.equal(await new OutboxDispatcher(outboxSenders(stripeConfig), silentLog).runDue(new Date()), 1);
    assert.ok(setup.scope.isDone());
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+14155550179', From: '+15550100000', Body: `Corner Market: adicione seu cartão na página segura da Stripe: ${SETUP_URL}` }]);
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
