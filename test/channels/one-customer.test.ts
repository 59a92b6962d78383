import assert from 'node:assert/strict';
import { CartModel, ChannelIdentityModel, CustomerModel, LinkCodeModel, OrderModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';
import { textSms } from '../support/twilio-webhooks';
import { nock, withFakeHttp } from '../support/fake-http';

/**
 * The promise of issue 7: a customer starts on Alexa, links WhatsApp with a code said by Alexa,
 * checks out on WhatsApp, has a code texted to their phone, links SMS with it and reorders there.
 * One customer, one cart, one order history throughout; every request in the platforms' own format.
 */

const config = testConfig();
const logLines: string[] = [];
const log = createLogger('trace', { write: (line: string) => logLines.push(line) });
const outbox = new OutboxDispatcher(outboxSenders(config), log, { baseBackoffMs: 1_000 });
const app = createApp({ config, log, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });

const BOB_ALEXA = 'amzn1.ask.account.BOB';
const BOB_WHATSAPP = '15550107777';
const BOB_PHONE = '+14155550199';
const COFFEE = { value: 'colombian coffee', id: 'COF-001' };

const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const TWILIO_SEND = `/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`;

async function alexa(body: Parameters<typeof alexaEnvelope>[0]): Promise<string> {
  const res = await postSigned(app, alexaEnvelope(body, { userId: BOB_ALEXA }));
  assert.equal(res.status, 200);
  return res.body.response.outputSpeech.ssml as string;
}

let wamidSeq = 0;
/** One inbound text message as the WhatsApp Cloud API posts it, signed with the app secret. */
async function whatsapp(text: string): Promise<void> {
  const body = whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: BOB_WHATSAPP, name: 'Bob', message: { id: `wamid.HBgLMTU1NTAxMDc3NzcVAgASGBQ${++wamidSeq}`, type: 'text', text: { body: text } } });
  const res = await postMetaWebhook(app, '/whatsapp', body);
  assert.equal(res.status, 200);
  await drainBackground();
}

const sms = (text: string) => textSms(app, BOB_PHONE, text);

describe('one customer on every channel', () => {
  withFakeHttp();
  let bob: Awaited<ReturnType<typeof addCustomer>>;

  beforeEach(async () => {
    await freshDemoStore();
    bob = await addCustomer({ channel: 'alexa', externalId: BOB_ALEXA });
  });

  async function assertOneCustomer(channels: string[]) {
    const identities = await ChannelIdentityModel.find({ externalId: { $in: [BOB_ALEXA, BOB_WHATSAPP, BOB_PHONE] } }).lean();
    assert.deepEqual(identities.map((i) => i.channel).sort(), [...channels].sort());
    assert.ok(identities.every((i) => String(i.customerId) === String(bob)), 'every identity is Bob');
    const others = await CustomerModel.find({ _id: { $ne: bob }, mergedInto: { $exists: true } }).lean();
    assert.ok(others.every((c) => String(c.mergedInto) === String(bob)));
    assert.equal(await CartModel.countDocuments({ customerId: { $in: others.map((c) => c._id) } }), 0, 'no cart left behind on a merged customer');
    assert.equal(await CartModel.countDocuments({ customerId: bob }), 1, 'one cart');
  }

  it('starts on Alexa, links WhatsApp by a spoken code, checks out there, links SMS by a texted code and reorders by SMS', async () => {
    const whatsappSent: string[] = [];
    const graph = nock('https://graph.facebook.com')
      .persist()
      .post(GRAPH_SEND, (body: { to: string; text?: { body: string }; interactive?: { body: { text: string } } }) => {
        assert.equal(body.to, BOB_WHATSAPP);
        whatsappSent.push(body.text?.body ?? body.interactive?.body.text ?? '');
        return true;
      })
      .matchHeader('authorization', `Bearer ${config.WHATSAPP_ACCESS_TOKEN}`)
      .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] });

    // Alexa: the order starts, and Alexa reads out a link code.
    assert.match(await alexa(intent('AddToCartIntent', { product: COFFEE, quantity: '2' })), /Added 2 Colombian Coffee/);
    const spoken = await alexa(intent('LinkAccountIntent'));
    const saidDigits = /Your link code is ([\d ]+)\./.exec(spoken)?.[1];
    assert.ok(saidDigits, spoken);
    const alexaCode = saidDigits.replace(/ /g, '');
    assert.match(alexaCode, /^\d{12}$/);

    // WhatsApp: a new number uses the code; Bob (who has an address on file) confirms on Alexa, then it sees the cart started there.
    await whatsapp(`link ${alexaCode.slice(0, 6)} ${alexaCode.slice(6)}`);
    assert.match(whatsappSent.at(-1)!, /^Nearly done\. To protect your account, confirm it on Alexa/);
    assert.match(await alexa(intent('LinkAccountIntent')), /Your link code was just used on WhatsApp\./);
    assert.match(await alexa(intent('AMAZON.YesIntent')), /Done: this is now linked to your account\. Your cart and orders are here too\./);
    await assertOneCustomer(['alexa', 'whatsapp']);
    await whatsapp("what's in my cart");
    assert.match(whatsappSent.at(-1)!, /^Your cart has 2 Colombian Coffee/);

    await whatsapp('checkout');
    assert.match(whatsappSent.at(-1)!, /Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each/);
    await whatsapp('yes');
    const [firstOrder] = await OrderModel.find({ customerId: bob }).lean();
    assert.equal(firstOrder?.channel, 'whatsapp');
    assert.match(whatsappSent.at(-1)!, new RegExp(`^Done\\. Your order number is ${firstOrder!.orderNumber}`));
    assert.deepEqual((await CartModel.findOne({ customerId: bob }).lean())!.lines, [], 'the one cart was emptied by the order');

    // WhatsApp: a code texted to the phone Bob names.
    await whatsapp('text my link code to +1 415 555 0199');
    assert.match(whatsappSent.at(-1)!, /I've texted a link code to the number ending 0199/);
    let texted: Record<string, string> | undefined;
    const twilioApi = nock('https://api.twilio.com')
      .post(TWILIO_SEND, (body: Record<string, string>) => {
        texted = body;
        return true;
      })
      .basicAuth({ user: config.TWILIO_ACCOUNT_SID, pass: config.TWILIO_AUTH_TOKEN! })
      .reply(201, { sid: 'SM00000000000000000000000000000001', status: 'queued' });
    // The texted code, and the job that counts the order placed on WhatsApp for insights.
    assert.equal(await outbox.runDue(), 2);
    assert.ok(twilioApi.isDone());
    assert.equal(texted?.To, BOB_PHONE);
    assert.equal(texted?.From, config.TWILIO_FROM);
    const smsCode = /your link code is (\d{4} \d{4} \d{4})\. Reply "link \1" within 10 minutes/.exec(texted?.Body ?? '')?.[1];
    assert.ok(smsCode, texted?.Body);
    assert.match(texted!.Body!, /^Corner Market: /);

    // SMS: the phone uses the texted code, Bob confirms on WhatsApp, and the phone reorders the WhatsApp order.
    assert.match(await sms(`link ${smsCode}`), /^Nearly done\. To protect your account, confirm it on WhatsApp/);
    await whatsapp('link my account');
    assert.match(whatsappSent.at(-1)!, /^Your link code was just used on text message\./);
    await whatsapp('yes');
    assert.match(whatsappSent.at(-1)!, /^Done: this is now linked to your account\./);
    await assertOneCustomer(['alexa', 'whatsapp', 'sms']);
    assert.match(await sms('reorder my usual'), /had 2 Colombian Coffee\./);
    await sms('yes');
    assert.match(await sms('yes'), /^Done\. Your order number is \d{3}-\d{3}/);

    const orders = await OrderModel.find({ customerId: bob }).sort({ placedAt: 1 }).lean();
    assert.deepEqual(orders.map((o) => o.channel), ['whatsapp', 'sms']);
    assert.deepEqual(orders.map((o) => o.lines.map((l) => [l.sku, l.quantity])), [[['COF-001', 2]], [['COF-001', 2]]]);
    await assertOneCustomer(['alexa', 'whatsapp', 'sms']);

    // Back on Alexa, the order history is the same one.
    const [head, tail] = orders[1]!.orderNumber.split('-').map((part) => part.split('').join(' '));
    assert.ok((await alexa(intent('OrderStatusIntent'))).includes(`Order ${head}, ${tail} from`), 'Alexa reads out the SMS order');

    assert.ok(graph.isDone());
    const codes = [alexaCode, smsCode!.replace(/ /g, '')];
    const logged = logLines.join('\n');
    for (const code of codes) {
      for (const shown of [code, code.replace(/(\d{4})(?=\d)/g, '$1 '), code.split('').join(' ')]) assert.ok(!logged.includes(shown), 'no link code in the log');
    }
    assert.equal(await LinkCodeModel.countDocuments({ customerId: bob }), 1, 'one live code per customer: the texted one replaced the spoken one');
  });
});
