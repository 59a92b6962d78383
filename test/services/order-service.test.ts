import assert from 'node:assert/strict';
import { InventoryLedgerModel, OrderModel, OrderStatusEventModel, ProductModel } from '../../models';
import { computeTotals } from '../../src/core/money';
import { advanceOrder, afterEachOrderStep, cancelOrderForCustomer, placeOrder, RESUME_AFTER_MS, resumeUnfinishedOrders } from '../../src/services/orders';
import { stockBalance } from '../../src/store/inventory-store';
import { findOrderById, orderHistory } from '../../src/store/order-store';
import { resetDatabase } from '../support/database';
import { addCustomer, addProduct, NO_DAILY_LIMIT, settings } from '../support/commerce';

function orderOf(customerId: Awaited<ReturnType<typeof addCustomer>>, key: string, lines: { sku: string; quantity: number; unitPriceMinor?: number }[]) {
  const priced = lines.map((line) => ({ sku: line.sku, name: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor ?? 1000 }));
  return { idempotencyKey: key, customerId, channel: 'sms' as const, lines: priced, totals: computeTotals(priced, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT };
}

describe('placing orders', () => {
  beforeEach(resetDatabase);

  it('sells exactly the last 10 units to 200 concurrent buyers, never below zero', async function () {
    this.timeout(120_000);
    await addProduct('LAST-10', { stock: 10 });
    const customerId = await addCustomer();

    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => placeOrder(orderOf(customerId, `buyer-${i}`, [{ sku: 'LAST-10', quantity: 1 }]), settings)));

    assert.equal(results.filter((r) => r.ok).length, 10);
    assert.equal(results.filter((r) => !r.ok && r.code === 'OUT_OF_STOCK').length, 190);
    assert.equal(await stockBalance('LAST-10'), 0);
    assert.equal(await OrderModel.countDocuments({ status: 'placed' }), 10);
    const ledger = await InventoryLedgerModel.find({ sku: 'LAST-10' }).sort({ seq: 1 }).lean();
    assert.ok(ledger.every((entry) => entry.balance >= 0));
    assert.equal(ledger.filter((e) => e.reason === 'reserve').length, 10);
    assert.equal((await ProductModel.findOne({ sku: 'LAST-10' }).lean())?.stock, 0, 'the display cache caught up');
  });

  it('turns 50 concurrent replays of one placement key into one order', async () => {
    await addProduct('REPLAY', { stock: 100 });
    const customerId = await addCustomer();
    const input = orderOf(customerId, 'same-key', [{ sku: 'REPLAY', quantity: 2 }]);

    const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(input, settings)));

    assert.ok(results.every((r) => r.ok));
    const ids = new Set(results.map((r) => (r.ok ? String(r.order._id) : '')));
    assert.equal(ids.size, 1);
    assert.equal(results.filter((r) => r.ok && !r.replayed).length, 1);
    assert.equal(await OrderModel.countDocuments(), 1);
    assert.equal(await stockBalance('REPLAY'), 98);
  });

  it('charges the daily limit exactly under 30 concurrent placements of one customer, and gives a cancelled order back to the day', async function () {
    this.timeout(120_000);
    await addProduct('DAILY', { stock: 1000, priceMinor: 1000 });
    const customerId = await addCustomer();
    const spend = { day: '2026-12-06', perDayMinor: 5000 };
    const one = orderOf(customerId, 'probe', [{ sku: 'DAILY', quantity: 1 }]).totals.totalMinor;
    const fits = Math.floor(spend.perDayMinor / one);
    assert.ok(fits >= 2 && fits < 30, `the test needs a limit several orders deep, got ${fits}`);

    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => placeOrder({ ...orderOf(customerId, `day-${i}`, [{ sku: 'DAILY', quantity: 1 }]), spend }, settings)));

    const placed = results.filter((r) => r.ok);
    assert.equal(placed.length, fits, 'every order that fits, and not one more');
    assert.equal(results.filter((r) => !r.ok && r.code === 'DAILY_LIMIT_EXCEEDED').length, 30 - fits);
    const placedTotal = (await OrderModel.find({ customerId, status: 'placed' }).lean()).reduce((sum, o) => sum + o.totalMinor, 0);
    assert.ok(placedTotal <= spend.perDayMinor, `placed ${placedTotal} over a limit of ${spend.perDayMinor}`);
    assert.equal(await stockBalance('DAILY'), 1000 - fits, 'refused orders hold no stock');

    const first = placed[0]!;
    assert.ok(first.ok);
    assert.ok((await cancelOrderForCustomer(first.order, 'sms', new Date(first.order.placedAt!.getTime() + 1000))).ok);
    const again = await placeOrder({ ...orderOf(customerId, 'after-cancel', [{ sku: 'DAILY', quantity: 1 }]), spend }, settings);
    assert.ok(again.ok, 'the cancelled order no longer counts against the day');
    const over = await placeOrder({ ...orderOf(customerId, 'over', [{ sku: 'DAILY', quantity: 1 }]), spend }, settings);
    assert.equal(over.ok ? 'placed' : over.code, 'DAILY_LIMIT_EXCEEDED');
  });

  it('releases what it reserved when a later line is out of stock, and records the failure', async () => {
    await addProduct('PLENTY', { stock: 5 });
    await addProduct('NONE', { stock: 0 });
    const customerId = await addCustomer();

    const result = await placeOrder(orderOf(customerId, 'k1', [{ sku: 'PLENTY', quantity: 3 }, { sku: 'NONE', quantity: 1 }]), settings);

    assert.equal(result.ok, false);
    assert.equal(await stockBalance('PLENTY'), 5);
    const order = await OrderModel.findOne({ idempotencyKey: 'k1' }).lean();
    assert.equal(order?.status, 'failed');
    assert.match(order?.failureReason ?? '', /NONE/);
  });

  it('gives a speakable order number, a placed status, and a cancellation window of the configured length', async () => {
    await addProduct('A', { stock: 5 });
    const customerId = await addCustomer();
    const now = new Date('2026-11-23T10:00:00Z');
    const result = await placeOrder(orderOf(customerId, 'k', [{ sku: 'A', quantity: 1 }]), settings, now);
    assert.ok(result.ok);
    assert.match(result.order.orderNumber, /^[1-9]\d{2}-\d{3}$/);
    assert.equal(result.order.status, 'placed');
    assert.equal(result.order.cancellableUntil?.getTime(), now.getTime() + settings.cancellationWindowMinutes * 60_000);
    assert.deepEqual((await orderHistory(result.order._id)).map((e) => e.status), ['pending', 'placed']);
  });

  describe('status lifecycle', () => {
    it('follows placed, paid, packed, shipped, delivered, returned and refuses a jump or a step back', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      const placed = await placeOrder(orderOf(customerId, 'k', [{ sku: 'A', quantity: 1 }]), settings);
      assert.ok(placed.ok);
      const id = placed.order._id;
      assert.equal((await advanceOrder(id, 'shipped', 'admin')).changed, false, 'cannot ship before paying and packing');
      for (const status of ['paid', 'packed', 'shipped', 'delivered', 'returned'] as const) {
        assert.equal((await advanceOrder(id, status, 'admin')).changed, true, status);
      }
      assert.equal((await advanceOrder(id, 'placed', 'admin')).changed, false);
      assert.deepEqual((await orderHistory(id)).map((e) => e.status), ['pending', 'placed', 'paid', 'packed', 'shipped', 'delivered', 'returned']);
      assert.equal((await findOrderById(id))?.status, 'returned');
    });

    it('lets exactly one of a racing cancel and "packed" win', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      for (let round = 0; round < 5; round++) {
        const placed = await placeOrder(orderOf(customerId, `race-${round}`, [{ sku: 'A', quantity: 1 }]), settings);
        assert.ok(placed.ok);
        await advanceOrder(placed.order._id, 'paid', 'admin');
        const [cancel, pack] = await Promise.all([cancelOrderForCustomer(placed.order, 'sms'), advanceOrder(placed.order._id, 'packed', 'warehouse')]);
        assert.equal(Number(cancel.ok) + Number(pack.changed), 1, `round ${round}: exactly one wins`);
        const history = (await orderHistory(placed.order._id)).map((e) => e.status);
        assert.equal(history.filter((s) => s === 'cancelled' || s === 'packed').length, 1);
      }
    });
  });

  describe('customer cancellation', () => {
    it('works inside the window and puts the stock back', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      const placedAt = new Date('2026-11-23T10:00:00Z');
      const placed = await placeOrder(orderOf(customerId, 'k', [{ sku: 'A', quantity: 2 }]), settings, placedAt);
      assert.ok(placed.ok);
      assert.equal(await stockBalance('A'), 3);
      const result = await cancelOrderForCustomer(placed.order, 'sms', new Date(placedAt.getTime() + 29 * 60_000));
      assert.ok(result.ok);
      assert.equal(result.order.status, 'cancelled');
      assert.equal(await stockBalance('A'), 5);
    });

    it('is refused after the window, leaving the order as it was', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      const placedAt = new Date('2026-11-23T10:00:00Z');
      const placed = await placeOrder(orderOf(customerId, 'k', [{ sku: 'A', quantity: 2 }]), settings, placedAt);
      assert.ok(placed.ok);
      const result = await cancelOrderForCustomer(placed.order, 'sms', new Date(placedAt.getTime() + 31 * 60_000));
      assert.deepEqual([result.ok, !result.ok && result.code], [false, 'CANCEL_WINDOW_CLOSED']);
      assert.equal((await findOrderById(placed.order._id))?.status, 'placed');
      assert.equal(await stockBalance('A'), 3);
    });
  });

  describe('after a crash', () => {
    const crash = new Error('crash');
    afterEach(() => afterEachOrderStep(() => undefined));
    const afterResumeIsDue = () => new Date(Date.now() + RESUME_AFTER_MS + 60_000);

    it('finishes an order a crash left pending, once, however many maintainers run at once, without reserving twice', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      afterEachOrderStep((step) => {
        if (step === 'stock reserved: A') throw crash;
      });
      await assert.rejects(placeOrder(orderOf(customerId, 'crashed', [{ sku: 'A', quantity: 2 }]), settings), crash);
      afterEachOrderStep(() => undefined);
      assert.equal(await stockBalance('A'), 3);

      const resumed = await Promise.all([resumeUnfinishedOrders(afterResumeIsDue()), resumeUnfinishedOrders(afterResumeIsDue())]);

      assert.equal(resumed[0] + resumed[1], 1);
      assert.equal(await stockBalance('A'), 3, 'the stock reserved before the crash is not reserved again');
      const order = (await OrderModel.findOne({ idempotencyKey: 'crashed' }).lean())!;
      assert.deepEqual([order.status, order.resumeAt], ['placed', undefined]);
      assert.equal(await resumeUnfinishedOrders(afterResumeIsDue()), 0, 'nothing is left to finish');
    });

    it('keeps an order whose "placed" reached the log before a crash, and brings its status back in line', async () => {
      await addProduct('A', { stock: 5 });
      const customerId = await addCustomer();
      afterEachOrderStep((step) => {
        if (step === 'spend charged') throw crash;
      });
      await assert.rejects(placeOrder(orderOf(customerId, 'placed-then-crashed', [{ sku: 'A', quantity: 2 }]), settings), crash);
      const pending = (await OrderModel.findOne({ idempotencyKey: 'placed-then-crashed' }).lean())!;
      // The crash: the log says placed, the order document still says pending.
      await OrderStatusEventModel.create({ orderId: pending._id, seq: 1, status: 'placed', source: 'customer:sms', at: new Date() });

      assert.equal(await resumeUnfinishedOrders(afterResumeIsDue()), 1);
      assert.equal((await findOrderById(pending._id))?.status, 'placed');
      assert.equal(await stockBalance('A'), 3, 'the placed order keeps its stock');
    });
  });
});
