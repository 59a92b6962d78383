import assert from 'node:assert/strict';
import { CartModel, ChannelIdentityModel, InventoryLedgerModel, OrderModel, ProductModel } from '../../models';
import { stockBalance } from '../../src/store/inventory-store';
import { freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { InMemoryTurns } from '../support/in-memory-unit-of-work';

async function customerIdOf(channel: 'alexa' | 'webchat' | 'sms' | 'messenger', externalId: string) {
  return (await ChannelIdentityModel.findOne({ channel, externalId }).lean())!.customerId;
}

async function placedOrders(channel: 'alexa' | 'webchat' | 'sms' | 'messenger', externalId: string) {
  return OrderModel.find({ customerId: await customerIdOf(channel, externalId), status: 'placed' }).lean();
}

describe('whole dialogues through the Turn/Reply API', () => {
  beforeEach(freshDemoStore);

  it('chat: search, add, checkout, read-back, confirm, placed', async () => {
    const bob = new Shopper('webchat', 'web-bob');

    const found = await bob.says('show me coffee');
    assert.match(found.text, /Colombian Coffee/);
    assert.ok((found.cards?.length ?? 0) >= 2, 'several coffees shown as cards');

    assert.match((await bob.says('add 2 colombian coffee')).text, /^Added 2 Colombian Coffee\./);

    // 2 x 12.99 = 25.98; tax 8.25% = 2.14; delivery 4.99 below 50.00; total 33.11
    const readBack = await bob.says('checkout');
    assert.match(readBack.text, /^Your order from Corner Market: 2 Colombian Coffee at \$12\.99 each, delivered to 480 Lakeview Avenue, Austin\. /);
    assert.match(readBack.text, /The total is \$33\.11, including \$2\.14 tax and \$4\.99 delivery\. You pay on delivery\. Should I place the order\?$/);
    assert.equal(readBack.confirmation?.kind, 'purchase');
    assert.deepEqual(readBack.choices?.map((c) => c.label), ['Yes', 'No']);
    assert.equal((await placedOrders('webchat', 'web-bob')).length, 0, 'nothing placed before the yes');
    assert.equal(await stockBalance('COF-001'), 50, 'nothing reserved before the yes');

    const done = await bob.says('yes');
    assert.match(done.text, /^Done\. Your order number is \d{3}-\d{3}, total \$33\.11\./);
    const [order] = await placedOrders('webchat', 'web-bob');
    assert.equal(order?.totalMinor, 3311);
    assert.equal(order?.channel, 'webchat');
    assert.deepEqual(order?.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor]), [['COF-001', 2, 1299]]);
    assert.ok(done.text.includes(order!.orderNumber));
    assert.equal(await stockBalance('COF-001'), 48);
    assert.equal((await CartModel.findOne({ customerId: order!.customerId }).lean())?.lines.length, 0);
  });

  it('voice: search, add, checkout, spoken read-back, yes, voice code, placed and session ended', async () => {
    const alice = new Shopper('alexa', 'amzn1.ask.account.ALICE');
    const found = await alice.intends('Browse', { product: 'coffee' });
    assert.match(found.speech, /^I found .*Colombian Coffee.*\. Which one would you like\?$/);
    assert.ok(found.reprompt);
    await alice.intends('AddToCart', { product: 'colombian coffee', quantity: 2 });

    const readBack = await alice.intends('Checkout');
    assert.match(readBack.speech, /Your order from Corner Market: 2 Colombian Coffee at 12 dollars and 99 cents each/);
    assert.match(readBack.speech, /The total is 33 dollars and 11 cents/);
    assert.match(readBack.speech, /After you confirm, I will ask for your voice code\./);
    assert.ok(readBack.reprompt, 'a question on voice carries a reprompt');
    assert.equal(readBack.endSession, false);

    const askCode = await alice.intends('Yes');
    assert.equal(askCode.speech, 'Please say your four-digit voice code.');
    assert.equal(askCode.expectsVoiceCode, true);
    assert.equal((await placedOrders('alexa', 'amzn1.ask.account.ALICE')).length, 0);

    const done = await alice.intends('VoiceCode', { code: '4321' });
    const [order] = await placedOrders('alexa', 'amzn1.ask.account.ALICE');
    assert.ok(order);
    const spokenNumber = order.orderNumber.replace('-', '').split('').join(' ').replace(/^(\S \S \S) /, '$1, ');
    assert.ok(done.speech.includes(`Your order number is ${spokenNumber}`), done.speech);
    assert.equal(done.endSession, true);
    assert.equal(done.placedOrder?.orderNumber, order.orderNumber);
    assert.doesNotMatch(JSON.stringify(done), /4321/, 'the code is never echoed');
  });

  it('reorder: the last order again, confirmed and placed', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    await bob.says('add 3 green tea');
    await bob.says('add peanut butter');
    await bob.says('checkout');
    await bob.says('yes');

    bob.later(60 * 24);
    const summary = await bob.says('reorder my usual');
    assert.match(summary.text, /^Your order \d{3}-\d{3} from Monday, November 23 had 3 Green Tea and 1 Peanut Butter\. Shall I add what's available to your cart at today's prices and check out\?$/);
    const readBack = await bob.says('yes');
    assert.match(readBack.text, /3 Green Tea at \$5\.49 each and 1 Peanut Butter at \$4\.49/);
    await bob.says('yes');
    const orders = await placedOrders('webchat', 'web-bob');
    assert.equal(orders.length, 2);
    assert.deepEqual(orders.map((o) => o.totalMinor), [orders[0]!.totalMinor, orders[0]!.totalMinor], 'same basket, same total');
  });

  it('order status names the order, its state and the cancellation deadline', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    assert.match((await bob.says('where is my order')).text, /^You don't have any orders yet\./);
    await bob.says('add pasta');
    await bob.says('checkout');
    await bob.says('yes');
    const [order] = await placedOrders('webchat', 'web-bob');
    const status = await bob.says('where is my order?');
    assert.equal(status.text, `Order ${order!.orderNumber} from Monday, November 23 is placed. You can still cancel it until 9:30 AM. Anything else?`);
    assert.match((await bob.says(`status of order ${order!.orderNumber}`)).text, new RegExp(`^Order ${order!.orderNumber}`));
    assert.equal((await bob.says('status of order 999-999')).errorCode, 'ORDER_NOT_FOUND');
  });

  it('cancel inside the window puts the stock back; outside it is refused', async () => {
    const bob = new Shopper('webchat', 'web-bob');
    await bob.says('add 4 pasta');
    await bob.says('checkout');
    await bob.says('yes');
    assert.equal(await stockBalance('PAN-003'), 196);

    const ask = await bob.later(10).says('cancel my order');
    assert.match(ask.text, /^Cancel order \d{3}-\d{3} for \$/);
    const cancelled = await bob.says('yes');
    assert.match(cancelled.text, /is cancelled\. You won't be charged\./);
    assert.equal(await stockBalance('PAN-003'), 200);

    await bob.says('add pasta');
    await bob.says('checkout');
    await bob.says('yes');
    const late = await bob.later(31).says('cancel my order');
    assert.equal(late.errorCode, 'CANCEL_WINDOW_CLOSED');
    assert.equal((await placedOrders('webchat', 'web-bob')).length, 1, 'the late order stands');
  });

  it('help, stop, fallback and a launch that offers the usual to a returning customer', async () => {
    const alice = new Shopper('alexa', 'amzn1.ask.account.ALICE');
    const launch = await alice.intends('Launch');
    assert.match(launch.speech, /^Welcome to Corner Market/);
    assert.ok(launch.reprompt);
    assert.match((await alice.intends('Help')).speech, /You can ask for a product/);
    const fallback = await alice.intends('Fallback');
    assert.match(fallback.speech, /^Sorry, I didn't catch that/);
    assert.equal(fallback.endSession, false);
    const stop = await alice.intends('Stop');
    assert.equal(stop.endSession, true);
    assert.match(stop.speech, /Goodbye/);
  });

  it('keeps one cart for a customer across channels', async () => {
    const aliceSms = new Shopper('sms', '+15550100001');
    await aliceSms.says('add 2 green tea');
    const aliceVoice = new Shopper('alexa', 'amzn1.ask.account.ALICE');
    const cart = await aliceVoice.intends('ViewCart');
    assert.match(cart.speech, /^Your cart has 2 Green Tea/);
  });
});

/**
 * The first tier (test/README.md): dialogues whose assertions are the wording and the dialogue state,
 * on the in-memory unit of work (sessions, carts and customers in `turns`). The catalog is still the
 * database's, read only, so the demo store is loaded once for the file.
 */
describe('dialogue wording on the in-memory unit of work', () => {
  let turns: InMemoryTurns;
  before(freshDemoStore);
  beforeEach(() => {
    turns = new InMemoryTurns();
  });

  it('gift finder: age, budget, category, then three suggestions that fit', async () => {
    const bob = new Shopper('webchat', 'web-bob', { work: turns.open });
    assert.equal((await bob.says('gift ideas')).text, 'Happy to help find a gift. How old is the person?');
    assert.equal((await bob.says('7')).text, "What's your budget?");
    assert.match((await bob.says('$40')).text, /^Any particular kind of gift\? For example .*toys & games/);
    const ideas = await bob.says('toys');
    assert.match(ideas.text, /^Here are \d ideas: /);
    assert.ok(ideas.cards && ideas.cards.length >= 1 && ideas.cards.length <= 3);
    for (const card of ideas.cards) {
      const product = await ProductModel.findOne({ sku: card.sku }).lean();
      assert.ok(product!.priceMinor <= 4000 && product!.giftAges!.min! <= 7 && product!.giftAges!.max! >= 7 && product!.category === 'toys & games', card.title);
    }
    const added = await bob.says('1');
    assert.match(added.text, new RegExp(`^Added 1 ${ideas.cards[0]!.title}`));
  });

  it('asks back instead of guessing, and a pick by number or button completes the request', async () => {
    const bob = new Shopper('webchat', 'web-bob', { work: turns.open });
    const question = await bob.says('add batteries');
    assert.equal(question.text, 'Did you mean AA Batteries or AAA Batteries?');
    const added = await bob.says('2');
    assert.match(added.text, /^Added 1 AAA Batteries\./);
  });

  it('answers product questions: price, stock, rating', async () => {
    const bob = new Shopper('webchat', 'web-bob', { work: turns.open });
    assert.match((await bob.says('how much is the earl grey tea')).text, /^Earl Grey Tea costs \$5\.99\./);
    assert.match((await bob.says('is ethiopian coffee in stock')).text, /^Sorry, Ethiopian Coffee is out of stock right now\./);
    assert.match((await bob.says('reviews of the smart speaker')).text, /^Smart Speaker is rated [\d.]+ out of 5 from \d+ reviews\./);
  });

  it('hands a chat to a person and stays quiet until asked back; on voice it points to a channel with people', async () => {
    const bob = new Shopper('webchat', 'web-bob', { work: turns.open });
    const handoff = await bob.says('talk to a human');
    assert.equal(handoff.handoff, true);
    assert.match(handoff.text, /passing you to a person/);
    assert.equal(turns.savedSession('webchat', 'web-bob')?.handoff, true, 'the session remembers the person has the chat');
    assert.equal((await bob.says('hello? anyone?')).silent, true);
    assert.match((await bob.says('menu')).text, /back with the shopping assistant/);
    assert.notEqual((await bob.says('add pasta')).silent, true);

    const alice = new Shopper('alexa', 'amzn1.ask.account.ALICE', { work: turns.open });
    const voice = await alice.intends('Handoff');
    assert.match(voice.speech, /message us by text or in the app/);
    assert.equal(voice.handoff, undefined);
    assert.match((await alice.intends('Help')).speech, /You can ask for a product/, 'the skill keeps answering');
  });
});

describe('a stock head the ledger has moved past (a writer that died between its insert and the product write, or a late FerretDB write)', () => {
  beforeEach(freshDemoStore);

  it('sells what the ledger holds: the shopper can add, read back and buy it, and the product catches up', async () => {
    const ana = new Shopper('webchat', 'web-bob');
    // Sold out on the ledger and the product alike.
    const product = (await ProductModel.findOne({ sku: 'COF-001' }).lean())!;
    await InventoryLedgerModel.create({ sku: 'COF-001', seq: product.stockSeq! + 1, delta: -product.stock, balance: 0, reason: 'adjust' });
    await ProductModel.updateOne({ sku: 'COF-001' }, { $set: { stock: 0, stockSeq: product.stockSeq! + 1 } });
    // A restock of 5 is on the ledger, but its product write never landed: nothing else will move the head.
    await InventoryLedgerModel.create({ sku: 'COF-001', seq: product.stockSeq! + 2, delta: 5, balance: 5, reason: 'restock' });
    assert.equal(await stockBalance('COF-001'), 5);

    assert.match((await ana.says('add 2 colombian coffee')).text, /^Added 2 Colombian Coffee\./);
    assert.match((await ana.says('checkout')).text, /Should I place the order\?$/);
    assert.match((await ana.says('yes')).text, /^Done\. Your order number is \d{3}-\d{3}/);
    assert.equal(await stockBalance('COF-001'), 3);
    const head = (await ProductModel.findOne({ sku: 'COF-001' }).lean())!;
    assert.deepEqual([head.stock, head.stockSeq], [3, product.stockSeq! + 3]);
  });
});
