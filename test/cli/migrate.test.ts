import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { promisify } from 'node:util';
import { OrderModel, OrderSummaryModel, SessionModel } from '../../models';
import { computeTotals } from '../../src/core/money';
import { afterEachOrderStep, placeOrder, RESUME_AFTER_MS, resumeUnfinishedOrders } from '../../src/services/orders';
import { addCustomer, freshDemoStore, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { Shopper } from '../support/conversation';

const ROOT = path.resolve(__dirname, '../..');
const PHONE = '+14155550188';

/** `npm run cli -- migrate`'s own command, against the test run's database. */
async function migrate(): Promise<string> {
  const uri = process.env.TEST_DATABASE_URI!.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${process.env.TEST_DATABASE_NAME}`);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri },
  });
  return stdout.trim();
}

/** A second customer, whose order an earlier release left pending. */
const PENDING_PHONE = '+14155550189';

/**
 * One database as earlier releases left it, migrated twice: each `migrate` is a child process that
 * loads the whole CLI (seconds of CPU), so every upgrade step is set up before the first run, and the
 * second run shows that nothing is left to do.
 */
describe('npm run cli -- migrate', function () {
  this.timeout(120_000);
  beforeEach(freshDemoStore);

  it('drops the indexes and collections earlier releases made, rebuilds the order summaries (from the lists of the release before too), marks an order an earlier release left pending (no resume mark) so maintenance finishes it instead of holding its stock forever, and changes nothing when run again', async () => {
    const amy = new Shopper('sms', PHONE);
    const customerId = await addCustomer({ channel: 'sms', externalId: PHONE });
    const lines = [{ sku: 'PAN-003', name: 'Pasta', quantity: 2, unitPriceMinor: 299 }];
    const placed = await placeOrder({ idempotencyKey: 'migrate-1', customerId, channel: 'sms', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, amy.now);
    assert.ok(placed.ok);
    // A database as the release before summaries and time buckets left it: no summary, an expiresAt index.
    await OrderSummaryModel.deleteMany({});
    await SessionModel.collection.createIndex({ expiresAt: 1 });
    // Web chat's own message claims, before they became the pipeline's event claims.
    await mongoose.connection.db!.collection('webchatreplies').insertOne({ tokenHash: 'x', messageId: 'm-1', requestHash: 'y', expiresAt: new Date(Date.now() + 60_000) });
    assert.match((await amy.says('order status')).text, /^You don't have any orders yet\./);
    // The release before entries by order number kept a newest-first list, and heads of the stock ledger in their own collection.
    const { orderNumber, placedAt, createdAt, cancellableUntil, totalMinor, currency, spendDay, status } = placed.order;
    const listed = { _id: placed.order._id, orderNumber, status, placedAt, createdAt, cancellableUntil, totalMinor, currency, spendDay, lines: placed.order.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })) };
    await OrderSummaryModel.collection.insertOne({ _id: customerId, customerId, orders: [listed], version: 1 });
    await mongoose.connection.db!.collection('sequenceheads').insertOne({ _id: 'inventoryledgers:[["sku","PAN-003"]]' as never, seq: 3, scope: { sku: 'PAN-003' } });
    assert.match((await amy.says('order status')).text, new RegExp(`^Order ${orderNumber} from`), 'a list of the release before is still read');

    // Another customer's order, pending after a crash right after it was recorded, by a release that wrote no resume mark.
    const pendingCustomerId = await addCustomer({ channel: 'sms', externalId: PENDING_PHONE });
    const pendingLines = [{ sku: 'PAN-003', name: 'Pasta', quantity: 1, unitPriceMinor: 299 }];
    const placing = { idempotencyKey: 'migrate-pending', customerId: pendingCustomerId, channel: 'sms' as const, lines: pendingLines, totals: computeTotals(pendingLines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT };
    afterEachOrderStep((step) => {
      if (step === 'recorded') throw new Error('crashed');
    });
    try {
      await assert.rejects(placeOrder(placing, settings), /crashed/);
    } finally {
      afterEachOrderStep(() => undefined);
    }
    await OrderModel.updateOne({ idempotencyKey: 'migrate-pending' }, { $unset: { resumeAt: 1, resumeBucket: 1 } });
    assert.equal(await resumeUnfinishedOrders(new Date()), 0, 'without a mark maintenance never sees it');
    const customersWithOrders = (await OrderModel.distinct('customerId')).length;

    assert.equal(await migrate(), `migrated: 1 stale indexes dropped (sessions.expiresAt_1), ${customersWithOrders} order summaries rebuilt, 2 retired collections dropped (webchatreplies, sequenceheads), 1 pending orders marked for maintenance`);
    for (const name of ['webchatreplies', 'sequenceheads']) assert.deepEqual(await mongoose.connection.db!.listCollections({ name }).toArray(), [], `the retired ${name} is gone`);
    const rewritten = await OrderSummaryModel.findById(customerId).lean();
    assert.deepEqual([Object.keys(rewritten?.entries ?? {}), rewritten?.orders], [[orderNumber], undefined], 'the list is rewritten into entries by order number');
    const indexes = (await SessionModel.collection.indexes()).map((index) => index.name);
    assert.ok(!indexes.includes('expiresAt_1'), `the stale index is gone (${indexes.join(', ')})`);
    assert.ok(indexes.includes('key_1'), 'the declared indexes stay');
    assert.match((await amy.says('order status')).text, new RegExp(`^Order ${placed.order.orderNumber} from`));
    const summary = await OrderSummaryModel.findById(customerId).lean();
    assert.equal(await resumeUnfinishedOrders(new Date(Date.now() + 2 * RESUME_AFTER_MS)), 1, 'maintenance finishes the order migrate marked');
    const finished = await OrderModel.findOne({ idempotencyKey: 'migrate-pending' }).lean();
    assert.deepEqual([finished?.status, finished?.resumeAt], ['placed', undefined]);

    assert.equal(await migrate(), `migrated: 0 stale indexes dropped, ${customersWithOrders} order summaries rebuilt, 0 retired collections dropped, 0 pending orders marked for maintenance`);
    assert.deepEqual((await OrderSummaryModel.findById(customerId).lean())?.entries, summary?.entries);
  });
});
