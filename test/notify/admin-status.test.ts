import assert from 'node:assert/strict';
import request from 'supertest';
import { OrderModel, OrderStatusEventModel, OutboxModel } from '../../models';
import { createApp } from '../../src/http/app';
import { recordOutcome } from '../../src/store/outbox-store';
import { silentLog, TEST_ADMIN_KEY } from '../support/config';
import { resetDatabase } from '../support/database';
import { customerOn, notifyConfig, placedOrder } from '../support/notify';

const app = createApp({ config: notifyConfig(), log: silentLog });

describe('POST /admin/orders/:orderNumber/status', () => {
  beforeEach(resetDatabase);

  async function anOrder() {
    const order = await placedOrder(await customerOn({ sms: '+15550004000' }), 'sms');
    return { orderNumber: order.orderNumber, events: await OrderStatusEventModel.countDocuments({ orderId: order._id }) };
  }

  async function assertNothingWritten(orderNumber: string, events: number) {
    const order = await OrderModel.findOne({ orderNumber }).lean();
    assert.equal(order?.status, 'placed');
    assert.equal(await OrderStatusEventModel.countDocuments({ orderId: order?._id }), events);
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 0);
  }

  it('changes the status and queues exactly one notification', async () => {
    const { orderNumber } = await anOrder();
    const response = await request(app).post(`/admin/orders/${orderNumber}/status`).set('x-api-key', TEST_ADMIN_KEY).send({ status: 'paid' }).expect(200);
    assert.deepEqual(response.body, { orderNumber, status: 'paid', tracking: null, notificationJobKey: `order-status:${orderNumber}:0:paid` });
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 1);

    const list = await request(app).get('/admin/notifications?status=pending&kind=notification').set('x-api-key', TEST_ADMIN_KEY).expect(200);
    assert.deepEqual(
      list.body.jobs.map((job: { jobKey: string; status: string; attempts: number }) => [job.jobKey, job.status, job.attempts]),
      [[`order-status:${orderNumber}:0:paid`, 'pending', 0]],
    );
  });

  for (const [title, body, code] of [
    ['an unknown status', { status: 'teleported' }, 'VALIDATION_FAILED'],
    ['shipped without tracking', { status: 'shipped' }, 'VALIDATION_FAILED'],
    ['a tracking URL that is not https', { status: 'paid', tracking: { carrier: 'UPS', number: '1', url: 'javascript:alert(1)' } }, 'VALIDATION_FAILED'],
    ['an unknown field', { status: 'paid', paidBy: 'cash' }, 'VALIDATION_FAILED'],
    ['a transition the lifecycle forbids', { status: 'delivered' }, 'INVALID_STATUS_CHANGE'],
  ] as const) {
    it(`refuses ${title} with a 4xx and writes nothing`, async () => {
      const { orderNumber, events } = await anOrder();
      const response = await request(app).post(`/admin/orders/${orderNumber}/status`).set('x-api-key', TEST_ADMIN_KEY).send(body);
      assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
      assert.equal(response.body.error.code, code);
      await assertNothingWritten(orderNumber, events);
    });
  }

  it('refuses a malformed or unknown order number, a bad JSON body and a missing API key', async () => {
    const { orderNumber, events } = await anOrder();
    assert.equal((await request(app).post('/admin/orders/12345/status').set('x-api-key', TEST_ADMIN_KEY).send({ status: 'paid' })).body.error.code, 'VALIDATION_FAILED');
    assert.equal((await request(app).post('/admin/orders/999-999/status').set('x-api-key', TEST_ADMIN_KEY).send({ status: 'paid' })).status, 404);
    const malformed = await request(app).post(`/admin/orders/${orderNumber}/status`).set('x-api-key', TEST_ADMIN_KEY).set('content-type', 'application/json').send('{"status": ');
    assert.equal(malformed.status, 400);
    assert.equal((await request(app).post(`/admin/orders/${orderNumber}/status`).send({ status: 'paid' })).status, 401);
    await assertNothingWritten(orderNumber, events);
  });
});

describe('POST /admin/notifications/:jobKey/retry', () => {
  beforeEach(resetDatabase);

  it('puts a dead job back to pending once; refuses jobs that are not dead or do not exist', async () => {
    const { orderNumber } = await placedOrder(await customerOn({ sms: '+15550004001' }), 'sms');
    await request(app).post(`/admin/orders/${orderNumber}/status`).set('x-api-key', TEST_ADMIN_KEY).send({ status: 'paid' }).expect(200);
    const jobKey = `order-status:${orderNumber}:0:paid`;
    const path = `/admin/notifications/${encodeURIComponent(jobKey)}/retry`;

    assert.equal((await request(app).post(path).set('x-api-key', TEST_ADMIN_KEY)).body.error.code, 'CONFLICT');
    await recordOutcome(jobKey, 'dead', { now: new Date(), error: 'twilio 400: invalid number' });

    const revived = await request(app).post(path).set('x-api-key', TEST_ADMIN_KEY).expect(200);
    assert.deepEqual(revived.body, { jobKey, status: 'pending' });
    const job = await OutboxModel.findOne({ jobKey }).lean();
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 0);
    assert.equal((await request(app).post('/admin/notifications/nope/retry').set('x-api-key', TEST_ADMIN_KEY)).status, 404);
  });
});
