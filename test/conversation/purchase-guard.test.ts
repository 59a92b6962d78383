import assert from 'node:assert/strict';
import { CustomerModel, InventoryLedgerModel, OrderModel, ProductModel } from '../../models';
import { checkVoiceCode, prepareCheckout } from '../../src/services/checkout';
import { addToCart, changeCustomerCart } from '../../src/services/cart';
import { findCustomer } from '../../src/store/customer-store';
import { openCartWork } from '../../src/store/unit-of-work';
import { setStockLevel, stockBalance } from '../../src/store/inventory-store';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { Shopper } from '../support/conversation';

const ALICE = 'amzn1.ask.account.ALICE';

async function ordersCount(): Promise<number> {
  return OrderModel.countDocuments({ status: 'placed' });
}

/** Alice on Alexa with two Colombian Coffees read back and waiting for a yes. */
async function aliceAtReadBack(options: { speakerRecognized?: boolean } = {}): Promise<Shopper> {
  const alice = new Shopper('alexa', ALICE, options);
  await alice.intends('AddToCart', { product: 'colombian coffee', quantity: 2 });
  const readBack = await alice.intends('Checkout');
  assert.equal(readBack.confirmation?.kind, 'purchase');
  return alice;
}

describe('purchase guard', () => {
  beforeEach(freshDemoStore);

  describe('confirmation', () => {
    it('sold out by a racing buyer at the yes: "out of stock"; after a restock the same basket is checked out and placed', async () => {
      const bob = new Shopper('webchat', 'web-bob');
      await bob.says('add 2 pasta');
      await bob.says('checkout');
      // Another buyer's reservation has taken the last units, and its product write has not landed yet.
      const product = (await ProductModel.findOne({ sku: 'PAN-003' }).lean())!;
      await InventoryLedgerModel.create({ sku: 'PAN-003', seq: product.stockSeq! + 1, delta: -product.stock!, balance: 0, reason: 'reserve', orderRef: 'someone-else', at: new Date() });
      assert.match((await bob.says('yes')).text, /out of stock/i);
      assert.equal(await ordersCount(), 0);

      await setStockLevel('PAN-003', 10);
      assert.match((await bob.says('checkout')).text, /2 Pasta/);
      assert.match((await bob.says('yes')).text, /^Done\./);
      assert.equal(await ordersCount(), 1);
      assert.equal(await stockBalance('PAN-003'), 8);
    });

    it('a no cancels, keeps the cart, and places nothing', async () => {
      const alice = await aliceAtReadBack();
      const answer = await alice.intends('No');
      assert.match(answer.speech, /^OK, I didn't place the order\. Your cart is saved for later\./);
      assert.equal(await ordersCount(), 0);
      assert.match((await alice.intends('ViewCart')).speech, /2 Colombian Coffee/);
    });

    it('silence (the platform ends the session) cancels and ends the session', async () => {
      const alice = await aliceAtReadBack();
      const answer = await alice.intends('Silence');
      assert.equal(answer.endSession, true);
      assert.equal(await ordersCount(), 0);
      assert.equal((await alice.intends('Yes')).speech.startsWith('Sorry'), true, 'a later yes confirms nothing');
      assert.equal(await ordersCount(), 0);
    });

    it('a new intent mid-confirmation cancels the purchase, says so, then answers the new request', async () => {
      const alice = await aliceAtReadBack();
      const answer = await alice.intends('OrderStatus');
      assert.match(answer.speech, /^OK, I didn't place that order; your cart is saved\. You don't have any orders yet\./);
      await alice.intends('Yes');
      assert.equal(await ordersCount(), 0);
    });

    it('a basket change after the read-back voids the yes and reads the new basket back', async () => {
      const alice = await aliceAtReadBack();
      // Meanwhile Alice adds tea by SMS: same customer, same cart.
      await new Shopper('sms', '+15550100001').says('add green tea');
      const answer = await alice.intends('Yes');
      assert.match(answer.speech, /^Your cart changed since I read the order back, so here it is again\. Your order from Corner Market: 2 Colombian Coffee .* and 1 Green Tea/);
      assert.equal(await ordersCount(), 0);
      await alice.intends('Yes');
      await alice.intends('VoiceCode', { code: '4321' });
      const [order] = await OrderModel.find({ status: 'placed' }).lean();
      assert.deepEqual(order?.lines.map((l) => l.sku).sort(), ['COF-001', 'TEA-002']);
    });

    it('a repeated yes to the same read-back places one order', async () => {
      const bob = new Shopper('webchat', 'web-bob');
      await bob.says('add pasta');
      await bob.says('checkout');
      await bob.says('yes');
      await bob.says('yes');
      assert.equal(await ordersCount(), 1);
    });
    it('places the order on what was read back: the delivery address heard, not one changed after it', async () => {
      const bob = new Shopper('webchat', 'web-bob');
      await bob.says('add pasta');
      const readBack = (await bob.says('checkout')).text;
      const heard = (await findCustomer((await CustomerModel.findOne({ displayName: /Bob/ }).lean())!._id))!.addresses![0]!;
      assert.ok(readBack.includes(`delivered to ${heard.line1}`), readBack);
      await CustomerModel.updateOne({ displayName: /Bob/ }, { $set: { 'addresses.0.line1': '9 Elsewhere Rd' } });
      assert.match((await bob.says('yes')).text, /^Done\./);
      const [order] = await OrderModel.find({ status: 'placed' }).lean();
      assert.equal((order?.deliveryAddress as { line1?: string }).line1, heard.line1);
    });

    it('charges the day the yes falls on when it comes after midnight (Chicago) of the read-back', async () => {
      const bob = new Shopper('webchat', 'web-bob');
      await bob.says('add pasta');
      bob.later(14 * 60 + 57); // 23:57 in Chicago
      assert.equal((await bob.says('checkout')).confirmation?.kind, 'purchase');
      bob.later(6); // 00:03, within the read-back's ten minutes
      assert.match((await bob.says('yes')).text, /^Done\./);
      const [order] = await OrderModel.find({ status: 'placed' }).lean();
      assert.equal(order?.spendDay, '2026-11-24');
    });
  });

  describe('voice code', () => {
    it('is asked for each trigger: a code the customer set, the threshold, an unrecognized speaker, kid mode', async () => {
      const reasonsFor = async (customerOptions: Parameters<typeof addCustomer>[0], sku: string, buyer: { voice: boolean; speakerRecognized: boolean }) => {
        const customerId = await addCustomer(customerOptions);
        await changeCustomerCart(customerId, settings, (cart) => addToCart(cart, sku, 1, settings));
        const prepared = await prepareCheckout(Object.assign(await openCartWork(customerId, settings.pricing.currency), { customer: async () => (await findCustomer(customerId))! }), { channel: buyer.voice ? 'alexa' : 'sms', ...buyer }, settings);
        assert.ok(prepared.ok, JSON.stringify(prepared));
        return prepared.guard.codeReasons;
      };
      const recognized = { voice: true, speakerRecognized: true };
      assert.deepEqual(await reasonsFor({}, 'PAN-003', recognized), [], 'small order, no code set, known speaker: no code');
      assert.deepEqual(await reasonsFor({ voiceCode: '1111' }, 'PAN-003', recognized), ['customer-set-code']);
      assert.deepEqual(await reasonsFor({ voiceCode: '1111' }, 'COF-004', recognized), ['customer-set-code', 'threshold']);
      assert.deepEqual(await reasonsFor({ voiceCode: '1111' }, 'PAN-003', { voice: true, speakerRecognized: false }), ['customer-set-code', 'unrecognized-speaker']);
      assert.deepEqual(await reasonsFor({ voiceCode: '1111', kidMode: true }, 'PAN-003', recognized), ['customer-set-code', 'kid-mode']);
      assert.deepEqual(await reasonsFor({ voiceCode: '1111' }, 'COF-004', { voice: false, speakerRecognized: false }), [], 'chat orders use no voice code');
    });

    it('refuses a voice order over the threshold when no code is set, telling how to set one', async () => {
      const customerId = await addCustomer({ channel: 'alexa', externalId: 'amzn1.ask.account.NOCODE' });
      await changeCustomerCart(customerId, settings, (cart) => addToCart(cart, 'COF-004', 1, settings));
      const reply = await new Shopper('alexa', 'amzn1.ask.account.NOCODE').intends('Checkout');
      assert.equal(reply.errorCode, 'VOICE_CODE_NOT_SET');
      assert.match(reply.speech, /set one by text message or in the app/);
    });

    it('three wrong codes invalidate it; the right old code is then refused and the reply says how to reset', async () => {
      const alice = await aliceAtReadBack();
      await alice.intends('Yes');
      assert.equal((await alice.intends('VoiceCode', { code: '1111' })).speech, "That code isn't right. You have 2 tries left. Please say your voice code.");
      assert.match((await alice.intends('VoiceCode', { code: '2222' })).speech, /You have 1 try left/);
      const locked = await alice.intends('VoiceCode', { code: '3333' });
      assert.equal(locked.errorCode, 'VOICE_CODE_LOCKED');
      assert.match(locked.speech, /To set a new code, text SET VOICE CODE to us or use the app\./);
      assert.equal(await ordersCount(), 0);

      const again = await alice.intends('Checkout');
      assert.equal(again.errorCode, 'VOICE_CODE_LOCKED');
      const aliceId = (await CustomerModel.findOne({ email: /alice/i }).lean())!._id;
      assert.deepEqual(await checkVoiceCode(aliceId, '4321', settings.voiceCodePepper), { outcome: 'locked' });

      // A new code set by text works again.
      await new Shopper('sms', '+15550100001').says('set my voice code to 9876');
      await alice.intends('Checkout');
      await alice.intends('Yes');
      await alice.intends('VoiceCode', { code: '9876' });
      assert.equal(await ordersCount(), 1);
    });

    it('counts parallel wrong guesses: ten at once still lock after three', async () => {
      const customerId = await addCustomer({ voiceCode: '1234' });
      const results = await Promise.all(Array.from({ length: 10 }, () => checkVoiceCode(customerId, '0000', settings.voiceCodePepper)));
      assert.ok(results.filter((r) => r.outcome === 'wrong').length <= 2);
      assert.deepEqual(await checkVoiceCode(customerId, '1234', settings.voiceCodePepper), { outcome: 'locked' });
    });

    it('is not set by voice', async () => {
      const reply = await new Shopper('alexa', ALICE).intends('SetVoiceCode', { code: '5555' });
      assert.match(reply.speech, /set your voice code by text message or in the app, not by voice/);
    });
  });

  describe('policy limits', () => {
    it('refuses a restricted item by voice with the reason, and adds it by chat only with an age check', async () => {
      const voice = await new Shopper('alexa', ALICE).intends('AddToCart', { product: 'red wine cabernet' });
      assert.equal(voice.errorCode, 'RESTRICTED_BY_VOICE');
      assert.match(voice.speech, /alcohol can only be ordered in the app or by chat with an age check/);

      const bob = new Shopper('webchat', 'web-bob');
      assert.match((await bob.says('add red wine cabernet')).text, /^Added 1 Red Wine Cabernet/);
      const refused = await bob.says('checkout');
      assert.equal(refused.errorCode, 'AGE_VERIFICATION_REQUIRED');
      assert.match(refused.text, /Red Wine Cabernet: you must be 21 or older/);

      await CustomerModel.updateOne({ displayName: /Bob/ }, { $set: { birthDate: new Date('1990-01-01') } });
      assert.equal((await bob.says('checkout')).confirmation?.kind, 'purchase');
    });

    it('enforces the per-order limit and the per-day limit', async () => {
      const tight = { ...settings, limits: { perOrderMinor: 20000, perDayMinor: 30000 } };
      const bob = new Shopper('webchat', 'web-bob', { settings: tight });
      await bob.says('add espresso machine');
      assert.equal((await bob.says('checkout')).errorCode, 'ORDER_LIMIT_EXCEEDED');
      await bob.says('remove espresso machine');

      await bob.says('add 12 paper towels');
      await bob.says('checkout');
      assert.match((await bob.says('yes')).text, /^Done\./);
      await bob.says('add 10 paper towels');
      assert.equal((await bob.says('checkout')).errorCode, 'DAILY_LIMIT_EXCEEDED');

      bob.later(24 * 60);
      assert.equal((await bob.says('checkout')).confirmation?.kind, 'purchase', 'a new day, a new allowance');
    });
  });

  it('reserves nothing before the guard says yes', async () => {
    const alice = await aliceAtReadBack();
    assert.equal(await stockBalance('COF-001'), 50);
    await alice.intends('Yes');
    assert.equal(await stockBalance('COF-001'), 50);
    await alice.intends('VoiceCode', { code: '4321' });
    assert.equal(await stockBalance('COF-001'), 48);
  });
});
