import assert from 'node:assert/strict';
import { OutboxAttemptModel, OutboxModel } from '../../models';
import { updateOrderStatus } from '../../src/services/orders';
import { claimJob, requeueDeadJob } from '../../src/store/outbox-store';
import { resetDatabase } from '../support/database';
import { nock, withFakeHttp } from '../support/fake-http';
import { customerOn, dispatcherFor, NOON_NEW_YORK, notifyConfig, placedOrder } from '../support/notify';

const TWILIO = 'https://api.twilio.com';
const TWILIO_PATH = '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json';
const config = notifyConfig();

function paidText(orderNumber: string): string {
  return new URLSearchParams({ To: '+15550001000', From: '+15550100000', Body: `Corner Market: your order ${orderNumber} is paid and we are getting it ready.` }).toString();
}

async function paidOrderNotification(phone = '+15550001000', key?: string) {
  const customerId = await customerOn({ sms: phone });
  const order = await placedOrder(customerId, 'sms', key);
  const result = await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK);
  assert.ok(result.ok && result.notificationJobKey);
  return { orderNumber: order.orderNumber, jobKey: result.notificationJobKey };
}

/** Runs the worker at each job's next attempt time until nothing is pending (or `rounds` runs). */
async function runUntilSettled(dispatcher: ReturnType<typeof dispatcherFor>, jobKey: string, rounds: number): Promise<Date[]> {
  const runTimes: Date[] = [];
  while (runTimes.length < rounds) {
    const job = await OutboxModel.findOne({ jobKey }).lean();
    if (!job || job.status !== 'pending') break;
    runTimes.push(job.nextAttemptAt);
    await dispatcher.runDue(job.nextAttemptAt);
  }
  return runTimes;
}

describe('notification outbox reliability', () => {
  withFakeHttp();
  beforeEach(resetDatabase);

  it('a send failing 3 times then succeeding is delivered once, after growing back-off', async () => {
    const { orderNumber, jobKey } = await paidOrderNotification();
    const scope = nock(TWILIO)
      .post(TWILIO_PATH, paidText(orderNumber))
      .times(3)
      .reply(503, { code: 20503, message: 'Service unavailable' })
      .post(TWILIO_PATH, paidText(orderNumber))
      .reply(201, { sid: 'SM-ok' });

    const runTimes = await runUntilSettled(dispatcherFor(config), jobKey, 10);
    assert.equal(runTimes.length, 4);
    const gaps = runTimes.slice(1).map((at, index) => at.getTime() - runTimes[index]!.getTime());
    assert.ok(gaps[0]! < gaps[1]! && gaps[1]! < gaps[2]!, `back-off grows: ${gaps.join(', ')} ms`);

    assert.ok(scope.isDone());
    const job = await OutboxModel.findOne({ jobKey }).lean();
    assert.equal(job?.status, 'sent');
    assert.equal(job?.attempts, 4);
    const outcomes = (await OutboxAttemptModel.find({ jobKey }).sort({ seq: 1 }).lean()).map((entry) => entry.outcome);
    assert.deepEqual(outcomes, ['claimed', 'retry', 'claimed', 'retry', 'claimed', 'retry', 'claimed', 'sent']);
  });

  it('ends dead with the last error after the final attempt, and an operator retry sends it', async () => {
    const { orderNumber, jobKey } = await paidOrderNotification();
    const failing = nock(TWILIO).post(TWILIO_PATH, paidText(orderNumber)).times(3).reply(500, { code: 20500, message: 'Internal error' });
    const dispatcher = dispatcherFor(config, { maxAttempts: 3 });

    await runUntilSettled(dispatcher, jobKey, 10);
    assert.ok(failing.isDone());
    const dead = await OutboxModel.findOne({ jobKey }).lean();
    assert.equal(dead?.status, 'dead');
    assert.equal(dead?.lastError, 'twilio 500 code 20500: Internal error');
    const tomorrow = new Date(NOON_NEW_YORK.getTime() + 86_400_000);
    assert.equal(await dispatcher.runDue(tomorrow), 0, 'dead jobs are not picked up');

    assert.equal(await requeueDeadJob(jobKey, tomorrow), 'requeued');
    assert.equal(await requeueDeadJob(jobKey, tomorrow), 'not-dead', 'a second retry press changes nothing');
    const delivered = nock(TWILIO).post(TWILIO_PATH, paidText(orderNumber)).once().reply(201, { sid: 'SM-retried' });
    assert.equal(await dispatcher.runDue(tomorrow), 1);
    assert.ok(delivered.isDone());
    assert.equal((await OutboxModel.findOne({ jobKey }).lean())?.status, 'sent');
  });

  it('a worker killed after claiming loses nothing: once its lease expires a new worker sends the job, once', async () => {
    const { orderNumber, jobKey } = await paidOrderNotification();
    const leaseMs = 60_000;
    // The first worker claimed the job and died before sending anything.
    assert.ok(await claimJob(jobKey, NOON_NEW_YORK, leaseMs));

    const restarted = dispatcherFor(config, { leaseMs });
    assert.equal(await restarted.runDue(new Date(NOON_NEW_YORK.getTime() + 1_000)), 0, 'the dead worker still holds its lease');

    const scope = nock(TWILIO).post(TWILIO_PATH, paidText(orderNumber)).once().reply(201, { sid: 'SM-after-restart' });
    const afterLease = new Date(NOON_NEW_YORK.getTime() + leaseMs + 1_000);
    assert.equal(await restarted.runDue(afterLease), 1);
    assert.equal(await dispatcherFor(config).runDue(new Date(afterLease.getTime() + leaseMs * 2)), 0, 'nothing left to send');
    assert.ok(scope.isDone());
    assert.equal((await OutboxModel.findOne({ jobKey }).lean())?.status, 'sent');
  });

  it('two workers running over the same due jobs never send one job twice', async () => {
    const phones = ['+15550002001', '+15550002002', '+15550002003', '+15550002004', '+15550002005'];
    for (const [index, phone] of phones.entries()) await paidOrderNotification(phone, `two-workers-${index}`);
    const sentTo: string[] = [];
    const scope = nock(TWILIO)
      .post(TWILIO_PATH, (body: Record<string, string>) => {
        sentTo.push(body.To!);
        return true;
      })
      .times(phones.length)
      .reply(201, { sid: 'SM-concurrent' });

    const [first, second] = await Promise.all([dispatcherFor(config).runDue(NOON_NEW_YORK), dispatcherFor(config).runDue(NOON_NEW_YORK)]);

    assert.equal(first + second, phones.length);
    assert.deepEqual([...sentTo].sort(), phones);
    assert.ok(scope.isDone());
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification', status: 'sent' }), phones.length);
  });
});
