import assert from 'node:assert/strict';
import { OutboxModel } from '../../models';
import { computeTotals } from '../../src/core/money';
import { requestStockAlert } from '../../src/services/notifications';
import { cancelOrderForCustomer, placeOrder } from '../../src/services/orders';
import { stockBalance } from '../../src/store/inventory-store';
import { addCustomer, addProduct, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { resetDatabase } from '../support/database';

describe('stock a cancellation puts back (issue 15 item 6)', () => {
  beforeEach(resetDatabase);

  it('tells whoever asked to hear when the sku is back', async () => {
    await addProduct('LAST', { stock: 1 });
    const [buyer, waiting] = [await addCustomer(), await addCustomer({ channel: 'messenger' })];
    const lines = [{ sku: 'LAST', name: 'Last One', quantity: 1, unitPriceMinor: 1000 }];
    const placed = await placeOrder({ idempotencyKey: 'last-one', customerId: buyer, channel: 'sms', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings);
    assert.ok(placed.ok);
    const alert = await requestStockAlert(waiting, 'LAST', { channel: 'messenger' });
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 0, 'sold out: nobody is told yet');

    const cancelled = await cancelOrderForCustomer(placed.order, 'sms');

    assert.ok(cancelled.ok);
    assert.equal(await stockBalance('LAST'), 1);
    const jobs = await OutboxModel.find({ kind: 'notification' }).lean();
    assert.deepEqual(
      jobs.map((job) => [job.jobKey, String(job.customerId)]),
      [[`back-in-stock:${String(alert._id)}:1`, String(waiting)]],
    );
  });
});
