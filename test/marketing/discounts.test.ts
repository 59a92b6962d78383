import assert from 'node:assert/strict';
import request from 'supertest';
import { ChannelIdentityModel, DiscountUseModel, OrderModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { computeTotals, speakMoney } from '../../src/core/money';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { placeOrder } from '../../src/services/orders';
import { linkedAlexaToken } from '../support/alexa-linking';
import { alexaEnvelope, intent, postSigned, testVerifierOptions, type AlexaRequestBody } from '../support/alexa-requests';
import { addCustomer, addProduct, freshDemoStore, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';

/**
 * Issue 20, discount codes: created through the admin API, applied by saying or typing them on any
 * channel, named in the read-back with the new total, kept by the order, told when they no longer
 * apply at the yes, and a usage cap exact under 50 racing buyers.
 */

const config = testConfig();
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({ config, log: silentLog, outbox, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const BOB_WHATSAPP = '15550107777';
const COFFEE = { value: 'colombian coffee', id: 'COF-001' };
const COFFEE_PRICE = 1299;

const createCode = (body: object) => request(app).post('/admin/discounts').set('x-api-key', TEST_ADMIN_KEY).send(body);

/** What the basket of `coffees` Colombian Coffee costs with `offMinor` off. */
function totalWith(coffees: number, offMinor: number): number {
  const lines = [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: coffees, unitPriceMinor: COFFEE_PRICE }];
  return computeTotals(lines, settings.pricing, { code: 'X', amountMinor: offMinor }).totalMinor;
}

let wamidSeq = 0;
let whatsappSent: string[] = [];
async function whatsapp(text: string): Promise<string> {
  const body = whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: BOB_WHATSAPP, name: 'Bob', message: { id: `wamid.DISCOUNT${++wamidSeq}`, type: 'text', text: { body: text } } });
  assert.equal((await postMetaWebhook(app, '/whatsapp', body)).status, 200);
  await drainBackground();
  return whatsappSent.at(-1) ?? '';
}

describe('discount codes (issue 20 item 3)', () => {
  withFakeHttp();
  let bob: Awaited<ReturnType<typeof addCustomer>>;

  beforeEach(async () => {
    await freshDemoStore();
    bob = await addCustomer({ channel: 'whatsapp', externalId: BOB_WHATSAPP });
    whatsappSent = [];
    nock('https://graph.facebook.com')
      .persist()
      .post(GRAPH_SEND, (body: { to: string; text?: { body: string }; interactive?: { body: { text: string } } }) => {
        whatsappSent.push(body.text?.body ?? body.interactive?.body.text ?? '');
        return true;
      })
      .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] });
  });

  it('on WhatsApp: "apply code" names the discount and new total, the read-back names it, and the order keeps it', async () => {
    assert.equal((await createCode({ code: 'SPRING10', percentBasisPoints: 1000, usage: { kind: 'once-per-customer' } })).status, 201);
    await whatsapp('add 2 colombian coffee');
    const total = totalWith(2, 260);
    assert.equal(await whatsapp('apply code spring10'), `Discount code SPRING10 takes $2.60 off. Your cart total is now $${(total / 100).toFixed(2)}. Anything else?`);
    assert.match(await whatsapp('checkout'), new RegExp(`With discount code SPRING10, \\$2\\.60 off\\. The total is \\$${(total / 100).toFixed(2)},`));
    assert.match(await whatsapp('yes'), /^Done\. Your order number is/);
    const [order] = await OrderModel.find({ customerId: bob }).lean();
    assert.deepEqual([order!.status, order!.discountCode, order!.discountMinor, order!.totalMinor], ['placed', 'SPRING10', 260, total]);

    // Once per customer: the second time it is refused when applied.
    await whatsapp('add 1 colombian coffee');
    assert.match(await whatsapp('use discount code SPRING10'), /^Sorry, the code SPRING10 has been used up\./);
  });

  it('on Alexa: the spoken code is applied, and the read-back speaks the discount and the new total', async () => {
    await createCode({ code: 'SPRING10', percentBasisPoints: 1000, usage: { kind: 'capped', cap: 100 } }).expect(201);
    const alice = await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: 'amzn1.ask.account.ALICE' }).lean();
    const token = await linkedAlexaToken(alice!.customerId);
    const say = async (body: AlexaRequestBody) => {
      const res = await postSigned(app, alexaEnvelope(body, { accessToken: token }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml ?? '';
    };
    await say(intent('AddToCartIntent', { product: COFFEE, quantity: '2' }));
    const total = totalWith(2, 260);
    assert.match(await say(intent('ApplyDiscountIntent', { discountCode: 'spring ten' })), new RegExp(`Discount code SPRING10 takes 2 dollars and 60 cents off\\. Your cart total is now ${speakMoney(total, 'USD')}\\.`));
    assert.match(await say(intent('CheckoutIntent')), new RegExp(`With discount code SPRING10, 2 dollars and 60 cents off\\. The total is ${speakMoney(total, 'USD')},`));
    await say(intent('CheckoutIntent', {}, 'CONFIRMED'));
    await say(intent('VoiceCodeIntent', { code: '4321' }));
    const [order] = await OrderModel.find({ customerId: alice!.customerId, status: 'placed' }).lean();
    assert.deepEqual([order!.discountCode, order!.discountMinor, order!.totalMinor], ['SPRING10', 260, total]);
  });

  it('tells at the yes that the code was used up since the read-back, and reads the basket back without it', async () => {
    await createCode({ code: 'LASTONE', amountMinor: 500, usage: { kind: 'capped', cap: 1 } }).expect(201);
    await whatsapp('add 2 colombian coffee');
    await whatsapp('apply code LASTONE');
    assert.match(await whatsapp('checkout'), /With discount code LASTONE, \$5\.00 off\./);
    // Another buyer takes the last use between the read-back and the yes.
    const other = await addCustomer();
    const taken = await placeOrder(
      { idempotencyKey: 'other-buyer', customerId: other, channel: 'sms', lines: [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 1, unitPriceMinor: COFFEE_PRICE }], totals: computeTotals([{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 1, unitPriceMinor: COFFEE_PRICE }], settings.pricing, { code: 'LASTONE', amountMinor: 500 }), deliveryAddress: null, spend: NO_DAILY_LIMIT },
      settings,
    );
    assert.equal(taken.ok, true);

    const answer = await whatsapp('yes');
    assert.match(answer, /^The discount code LASTONE no longer applies: it has been used up, so I took it off\./);
    assert.match(answer, new RegExp(`The total is \\$${(totalWith(2, 0) / 100).toFixed(2)},`));
    assert.doesNotMatch(answer, /With discount code/);
    assert.equal(await OrderModel.countDocuments({ customerId: bob }), 0, 'nothing placed on the yes to the old read-back');
    assert.match(await whatsapp('yes'), /^Done\./);
    const [order] = await OrderModel.find({ customerId: bob }).lean();
    assert.equal(order!.discountCode, undefined);
  });

  it('a code with a cap of 5 used by 50 concurrent buyers is used exactly 5 times', async () => {
    await createCode({ code: 'FIRST5', amountMinor: 100, usage: { kind: 'capped', cap: 5 } }).expect(201);
    await addProduct('RACE-1', { priceMinor: 1000, stock: 100 });
    const lines = [{ sku: 'RACE-1', name: 'Product RACE-1', quantity: 1, unitPriceMinor: 1000 }];
    const totals = computeTotals(lines, settings.pricing, { code: 'FIRST5', amountMinor: 100 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => addCustomer()));

    const results = await Promise.all(buyers.map((customerId, i) => placeOrder({ idempotencyKey: `race-${i}`, customerId, channel: 'sms', lines, totals, deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings)));

    assert.equal(results.filter((result) => result.ok).length, 5);
    assert.equal(results.filter((result) => !result.ok && result.code === 'DISCOUNT_NOT_APPLICABLE').length, 45);
    assert.equal(await OrderModel.countDocuments({ discountCode: 'FIRST5', status: 'placed' }), 5);
    assert.equal(await OrderModel.countDocuments({ status: 'pending' }), 0, 'the refused placements left nothing behind');
    assert.equal(await DiscountUseModel.countDocuments({ code: 'FIRST5', delta: 1 }), 5);
    const described = await request(app).get('/admin/discounts/FIRST5').set('x-api-key', TEST_ADMIN_KEY).expect(200);
    assert.equal(described.body.used, 5);
  });
});
