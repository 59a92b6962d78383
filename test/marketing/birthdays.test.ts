import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { CustomerModel, OutboxModel } from '../../models';
import { createApp } from '../../src/http/app';
import { queueBirthdayMessages } from '../../src/services/campaigns';
import { recordConsent } from '../../src/store/consent-store';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog, TEST_ADMIN_KEY } from '../support/config';
import { withFakeHttp } from '../support/fake-http';
import { dispatcherFor, notifyConfig, twilioExpecting } from '../support/notify';

/** Issue 20 item 7: a birthday message for customers who gave a birth date and opted in, once a year, in their morning. */

const config = notifyConfig();
const app = createApp({ config, log: silentLog });
const BODY = 'Corner Market: Happy birthday from all of us! We wish you a wonderful day. Reply STOP to opt out.';

/** A New York customer on SMS whose birth date staff set through the admin API, with or without a marketing opt-in there. */
async function customerBornOn(phone: string, birthDate: string, optedIn: boolean): Promise<Types.ObjectId> {
  const customerId = await addCustomer({ channel: 'sms', externalId: phone });
  const res = await request(app).put(`/admin/customers/${String(customerId)}/birth-date`).set('x-api-key', TEST_ADMIN_KEY).send({ birthDate });
  assert.equal(res.status, 200, res.text);
  if (optedIn) await recordConsent({ customerId, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text' }, new Date('2027-01-01T00:00:00Z'));
  return customerId;
}

const jobKey = (customerId: Types.ObjectId, year: number) => `birthday:${String(customerId)}:${year}`;
const dueAt = async (key: string) => (await OutboxModel.findOne({ jobKey: key }).lean())?.nextAttemptAt.toISOString();


describe('birthday messages (issue 20 item 7)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('takes a birth date from the admin API as a real past date, and keeps the MM-DD key it is found by', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+15550004000' });
    const put = (birthDate: unknown) => request(app).put(`/admin/customers/${String(customerId)}/birth-date`).set('x-api-key', TEST_ADMIN_KEY).send({ birthDate });
    for (const wrong of ['2001-02-30', '3000-01-01', '15/06/1990', 19900615]) {
      const res = await put(wrong);
      assert.deepEqual([res.status, res.body.error.code], [400, 'VALIDATION_FAILED'], String(wrong));
    }
    assert.equal((await put('1990-06-15')).status, 200);
    assert.deepEqual(await CustomerModel.findById(customerId).select({ birthDate: 1, birthdayKey: 1, _id: 0 }).lean(), { birthDate: new Date('1990-06-15T00:00:00Z'), birthdayKey: '06-15' });
    assert.equal((await put(null)).status, 200);
    assert.deepEqual(await CustomerModel.findById(customerId).select({ birthDate: 1, birthdayKey: 1, _id: 0 }).lean(), {});
  });

  it('sends once per year at 10:00 in the customer\'s time zone to an opted-in customer, none without the opt-in, nothing more on a re-run', async () => {
    const ann = await customerBornOn('+15550004001', '1990-06-15', true);
    const ben = await customerBornOn('+15550004002', '1985-06-15', false);
    await customerBornOn('+15550004003', '1990-06-20', true);

    // 00:30 in New York on 15 June.
    const run = new Date('2027-06-15T04:30:00Z');
    assert.equal(await queueBirthdayMessages(run, 10), 2);
    assert.equal(await queueBirthdayMessages(run, 10), 0, 'the day was claimed');
    assert.equal(await queueBirthdayMessages(new Date('2027-06-16T00:30:00Z'), 10), 0, 'the next day\'s run finds the same jobs (still the 15th in New York)');
    assert.deepEqual(await OutboxModel.countDocuments({ kind: 'birthday' }), 2);
    // 10:00 EDT.
    assert.equal(await dueAt(jobKey(ann, 2027)), '2027-06-15T14:00:00.000Z');

    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.trySend(jobKey(ann, 2027), new Date('2027-06-15T13:59:00Z')), 'skipped', 'not before 10:00');
    const twilio = twilioExpecting(config, 1);
    const sendTime = new Date('2027-06-15T14:00:00Z');
    assert.deepEqual([await dispatcher.trySend(jobKey(ann, 2027), sendTime), await dispatcher.trySend(jobKey(ben, 2027), sendTime)], ['sent', 'withheld']);
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+15550004001', From: config.TWILIO_FROM, Body: BODY }]);
    assert.equal((await OutboxModel.findOne({ jobKey: jobKey(ben, 2027) }).lean())!.lastError, 'sms: no marketing consent');
    assert.equal(await dispatcher.trySend(jobKey(ann, 2027), sendTime), 'skipped', 'sent once');

    // A year later: the next year's message.
    assert.equal(await queueBirthdayMessages(new Date('2028-06-15T04:30:00Z'), 10), 2);
    assert.equal(await dueAt(jobKey(ann, 2028)), '2028-06-15T14:00:00.000Z');
  });

  it('keeps a 29 February birthday on 28 February in other years, and on the 29th in a leap year', async () => {
    const dee = await customerBornOn('+15550004004', '2000-02-29', true);
    assert.equal(await queueBirthdayMessages(new Date('2027-02-28T06:00:00Z'), 10), 1);
    // 10:00 EST.
    assert.equal(await dueAt(jobKey(dee, 2027)), '2027-02-28T15:00:00.000Z');
    const twilio = twilioExpecting(config, 1);
    assert.equal(await dispatcherFor(config).trySend(jobKey(dee, 2027), new Date('2027-02-28T15:00:00Z')), 'sent');
    assert.ok(twilio.scope.isDone());

    // 2028 is a leap year: the run of the 28th queues it for the 29th (its tomorrow in New York).
    assert.equal(await queueBirthdayMessages(new Date('2028-02-28T06:00:00Z'), 10), 1);
    assert.equal(await dueAt(jobKey(dee, 2028)), '2028-02-29T15:00:00.000Z');
  });

  it('defers a message that falls in quiet hours to their end, and never sends once the birthday is over where the customer lives', async () => {
    const early = notifyConfig({ BIRTHDAY_LOCAL_HOUR: '6' });
    const eve = await customerBornOn('+15550004005', '1990-06-15', true);
    assert.equal(await queueBirthdayMessages(new Date('2027-06-15T04:30:00Z'), early.BIRTHDAY_LOCAL_HOUR), 1);
    const dispatcher = dispatcherFor(early);
    // 06:00 EDT is inside the default quiet hours (21:00-08:00): deferred to 08:00.
    assert.equal(await dispatcher.trySend(jobKey(eve, 2027), new Date('2027-06-15T10:00:00Z')), 'deferred');
    assert.equal(await dueAt(jobKey(eve, 2027)), '2027-06-15T12:00:00.000Z');
    // The worker was down all day: on the 16th in New York it is no birthday message any more.
    assert.equal(await dispatcher.trySend(jobKey(eve, 2027), new Date('2027-06-16T12:00:00Z')), 'withheld');
    assert.equal((await OutboxModel.findOne({ jobKey: jobKey(eve, 2027) }).lean())!.lastError, 'no longer their birthday where they live');
  });
});
