import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CartModel, CustomerModel, OrderModel, OutboxModel } from '../../models';
import { runMaintenance } from '../../src/services/maintenance';
import { RESUME_AFTER_MS } from '../../src/services/orders';
import { stockBalance } from '../../src/store/inventory-store';
import { readOrderSummary } from '../../src/store/order-summary-store';
import { addCustomer, addProduct } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { resetDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');
const SHOPPER = 'PSID-CRASH';

/** Every step of placing an order from a two-line cart, in order (see placeOrder); 'placed' also clears the resume mark. */
const STEPS = ['recorded', 'stock reserved: COF', 'stock reserved: TEA', 'spend charged', 'summarised', 'jobs queued', 'cart emptied', 'placed'] as const;

/** A shopper with an e-mail address (so a receipt is owed) at the read-back of 2 coffees and 1 tea. */
async function shopperAtReadBack(): Promise<Shopper> {
  await addProduct('COF', { name: 'House Coffee', priceMinor: 1000, stock: 10 });
  await addProduct('TEA', { name: 'Mint Tea', priceMinor: 500, stock: 10 });
  const customerId = await addCustomer({ channel: 'messenger', externalId: SHOPPER });
  await CustomerModel.updateOne({ _id: customerId }, { $set: { email: 'crash@example.com' } });
  const shopper = new Shopper('messenger', SHOPPER);
  await shopper.intends('AddToCart', { product: 'house coffee', quantity: 2 });
  await shopper.intends('AddToCart', { product: 'mint tea', quantity: 1 });
  assert.equal((await shopper.intends('Checkout')).confirmation?.kind, 'purchase');
  return shopper;
}

/** The shopper's yes, in a process that SIGKILLs itself right after `step`. */
function yesThatCrashesAfter(step: string, shopper: Shopper): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-placement.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CRASH_AFTER_STEP: step, CHANNEL_USER_ID: SHOPPER, TURN_AT: shopper.now.toISOString() },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

/** What the shopper ends up with: their orders, receipts queued, cart lines, and the stock left. */
async function outcome() {
  const orders = await OrderModel.find({}).lean();
  return {
    orders: orders.map((order) => order.status),
    receipts: (await OutboxModel.find({ kind: 'receipt' }).lean()).map((job) => job.jobKey),
    expectedReceipts: orders.map((order) => `receipt:${order.orderNumber}`),
    cartLines: (await CartModel.findOne({}).lean())?.lines.length,
    // What "what did I order?" answers from.
    summarised: (await readOrderSummary((await CustomerModel.findOne({}).lean())!._id)).map((order) => order.status),
    stock: [await stockBalance('COF'), await stockBalance('TEA')],
    unfinished: orders.filter((order) => order.resumeAt).length,
  };
}

const FINISHED = { orders: ['placed'], cartLines: 0, summarised: ['placed'], stock: [8, 9], unfinished: 0 };

describe('placing an order survives a crash between any two of its steps (issue 15 item 5)', function () {
  this.timeout(120_000);
  beforeEach(resetDatabase);

  for (const step of STEPS) {
    it(`killed right after "${step}": maintenance after the restart leaves one order, one receipt and an empty cart`, async () => {
      const shopper = await shopperAtReadBack();
      const crashed = await yesThatCrashesAfter(step, shopper);
      assert.equal(crashed.signal, 'SIGKILL', `the process was to die after "${step}"; it said: ${crashed.output}`);

      // As after a restart: maintenance runs once the use case is due for resuming (the turn's clock is the shopper's).
      await runMaintenance(new Date(shopper.now.getTime() + RESUME_AFTER_MS + 60_000));
      const after = await outcome();
      assert.deepEqual({ ...after, receipts: undefined, expectedReceipts: undefined }, { ...FINISHED, receipts: undefined, expectedReceipts: undefined });
      assert.deepEqual(after.receipts, after.expectedReceipts);

      // A second run (another process's maintenance, or the next interval) changes nothing.
      await runMaintenance(new Date(shopper.now.getTime() + 2 * RESUME_AFTER_MS));
      assert.deepEqual(await outcome(), after);
    });
  }

  // From the charge on nothing can refuse the order, so a repeated yes finishes it (while the cart still holds what was bought).
  for (const step of ['spend charged', 'summarised', 'jobs queued'] as const) {
    it(`killed right after "${step}": the shopper's repeated yes confirms the same order, queues one receipt and empties the cart`, async () => {
      const shopper = await shopperAtReadBack();
      assert.equal((await yesThatCrashesAfter(step, shopper)).signal, 'SIGKILL');
      const orderNumber = (await OrderModel.findOne({}).lean())!.orderNumber;

      const again = await shopper.intends('Yes');

      assert.match(again.text ?? again.speech, new RegExp(`Your order number is ${orderNumber}`));
      const after = await outcome();
      assert.deepEqual([after.orders, after.cartLines, after.stock, after.unfinished, after.summarised], [FINISHED.orders, 0, FINISHED.stock, 0, FINISHED.summarised]);
      assert.deepEqual(after.receipts, [`receipt:${orderNumber}`]);
      assert.match((await shopper.intends('ViewCart')).text ?? '', /empty/i);
    });
  }
});
