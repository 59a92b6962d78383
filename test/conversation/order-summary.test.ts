import assert from 'node:assert/strict';
import { ORDER_SUMMARY_SIZE, OrderSummaryModel } from '../../models';
import { localDateOf } from '../../src/core/dates';
import { computeTotals } from '../../src/core/money';
import { advanceOrder, findReorderSource, placeOrder } from '../../src/services/orders';
import { readOrderSummary, rebuildAllOrderSummaries } from '../../src/store/order-summary-store';
import { spendDayOf } from '../../src/store/spend-ledger-store';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { Shopper } from '../support/conversation';

const PHONE = '+14155550123';
const ZONE = 'America/New_York';
const COUNT = ORDER_SUMMARY_SIZE + 5;

describe('recent orders from the per-customer summary (issue 14 item 2)', () => {
  beforeEach(freshDemoStore);

  async function history(shopper: Shopper) {
    const customerId = await addCustomer({ channel: 'sms', externalId: PHONE });
    const orders = [];
    for (let i = 0; i < COUNT; i++) {
      const at = new Date(shopper.now.getTime() - (COUNT - i) * 86_400_000);
      const lines = [{ sku: 'PAN-003', name: 'Pasta', quantity: 1 + (i % 3), unitPriceMinor: 299 }];
      const placed = await placeOrder({ idempotencyKey: `history-${i}`, customerId, channel: 'sms', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: { day: spendDayOf(localDateOf(at, ZONE)), perDayMinor: Number.MAX_SAFE_INTEGER } }, settings, at);
      assert.ok(placed.ok);
      orders.push(placed.order);
    }
    return { customerId, orders };
  }

  it('answers from the newest orders, follows status changes, and still finds an older order by its day', async function () {
    this.timeout(120_000);
    const amy = new Shopper('sms', PHONE);
    const { customerId, orders } = await history(amy);
    const newest = orders.at(-1)!;

    assert.match((await amy.says('order status')).text, new RegExp(`^Order ${newest.orderNumber} from`));
    // Entries are written without a read; the reader that finds too many trims them to the newest.
    assert.equal(Object.keys((await OrderSummaryModel.findById(customerId).lean())?.entries ?? {}).length, ORDER_SUMMARY_SIZE, 'the summary stays bounded');

    await advanceOrder(newest._id, 'paid', 'staff');
    await advanceOrder(newest._id, 'packed', 'staff');
    await advanceOrder(newest._id, 'shipped', 'staff', { tracking: { carrier: 'UPS', number: '1Z999' } });
    const status = (await amy.says('order status')).text;
    assert.match(status, /is on its way/);
    assert.match(status, /1Z999/);

    const oldest = orders[0]!;
    const fromOldDay = await findReorderSource(customerId, { kind: 'date', date: localDateOf(oldest.placedAt!, ZONE) }, ZONE, amy.now);
    assert.equal(fromOldDay?.orderNumber, oldest.orderNumber, 'beyond the summary, by equality on the local day');
  });

  it('is rebuilt from Order by the maintenance function, with the same content', async function () {
    this.timeout(120_000);
    const amy = new Shopper('sms', PHONE);
    const { customerId, orders } = await history(amy);
    const before = await readOrderSummary(customerId);

    await OrderSummaryModel.deleteMany({});
    assert.match((await amy.says('order status')).text, /^You don't have any orders yet\./, 'the dialogue reads the summary, not Order');

    assert.equal(await rebuildAllOrderSummaries(), 1);
    assert.deepEqual(await readOrderSummary(customerId), before);
    assert.match((await amy.says('order status')).text, new RegExp(`^Order ${orders.at(-1)!.orderNumber} from`));
  });
});
