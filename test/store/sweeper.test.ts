import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { EXPIRY_BUCKET_MS, InsightDailyModel, LinkCodeModel, ProcessedEventModel, SessionModel } from '../../models';
import { countInsight, flushInsights } from '../../src/store/insight-store';
import { sweepExpired } from '../../src/store/sweeper';
import { resetDatabase } from '../support/database';

describe('expiry sweeper', () => {
  beforeEach(resetDatabase);

  it('removes expired sessions, processed events and link codes, and keeps live ones', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const past = new Date(now.getTime() - 1);
    const future = new Date(now.getTime() + 60_000);
    await SessionModel.create([
      { key: 'sms:+1', channel: 'sms', channelUserId: '+1', expiresAt: past },
      { key: 'sms:+2', channel: 'sms', channelUserId: '+2', expiresAt: now },
      { key: 'sms:+3', channel: 'sms', channelUserId: '+3', expiresAt: future },
    ]);
    await ProcessedEventModel.create([
      { key: 'sms:a', channel: 'sms', eventId: 'a', expiresAt: past },
      { key: 'sms:b', channel: 'sms', eventId: 'b', expiresAt: future },
    ]);
    const customerId = new Types.ObjectId();
    await LinkCodeModel.create([
      { locator: '0001', secretHash: 'old', customerId, issuedOn: 'sms', expiresAt: past },
      { locator: '0002', secretHash: 'new', customerId: new Types.ObjectId(), issuedOn: 'sms', expiresAt: future },
    ]);

    const result = await sweepExpired(now);

    assert.deepEqual((await SessionModel.find().lean()).map((s) => s.key), ['sms:+3']);
    assert.deepEqual((await ProcessedEventModel.find().lean()).map((e) => e.key), ['sms:b']);
    assert.deepEqual((await LinkCodeModel.find().lean()).map((c) => c.secretHash), ['new']);
    assert.equal(result[SessionModel.collection.collectionName], 2);
  });

  it('deletes the insight counts of a day once it is 400 days old, by its day', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    // 2026-11-23 is 400 days after 2025-10-19.
    for (const day of ['2025-10-19', '2025-10-20']) await countInsight(day, 'conversation', 'sms');
    await flushInsights();
    const days = async () => (await InsightDailyModel.find().select({ day: 1 }).lean()).map((entry) => entry.day).sort();
    assert.equal((await sweepExpired(now)).insightDays, 1);
    assert.deepEqual(await days(), ['2025-10-20']);
  });

  it('once it has a cursor, sweeps each document from its expiry bucket, following an extended expiry and bucketing older documents once', async () => {
    const t0 = new Date('2026-11-23T12:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    // Written before expiry buckets existed: no `expiresBucket` (a raw insert, as an older release wrote it).
    await SessionModel.collection.insertOne({ key: 'sms:old', channel: 'sms', channelUserId: 'old', dialog: {}, expiresAt: at(7) });
    await sweepExpired(t0);

    await SessionModel.create({ key: 'sms:a', channel: 'sms', channelUserId: 'a', expiresAt: at(5) });
    await SessionModel.create({ key: 'sms:b', channel: 'sms', channelUserId: 'b', expiresAt: at(5) });
    await SessionModel.updateOne({ key: 'sms:b' }, { $set: { expiresAt: at(30) } });
    const stamped = await SessionModel.collection.find({}, { projection: { _id: 0, key: 1, expiresBucket: 1 } }).sort({ key: 1 }).toArray();
    assert.deepEqual(stamped, [
      { key: 'sms:a', expiresBucket: Math.floor(at(5).getTime() / EXPIRY_BUCKET_MS) },
      { key: 'sms:b', expiresBucket: Math.floor(at(30).getTime() / EXPIRY_BUCKET_MS) },
      { key: 'sms:old', expiresBucket: Math.floor(at(7).getTime() / EXPIRY_BUCKET_MS) },
    ]);

    const keys = async () => (await SessionModel.find().lean()).map((s) => s.key).sort();
    await sweepExpired(at(4));
    assert.deepEqual(await keys(), ['sms:a', 'sms:b', 'sms:old']);
    assert.equal((await sweepExpired(at(6)))[SessionModel.collection.collectionName], 1);
    assert.deepEqual(await keys(), ['sms:b', 'sms:old']);
    await sweepExpired(at(8));
    assert.deepEqual(await keys(), ['sms:b'], 'the older document is swept from the bucket the first sweep gave it');
    await sweepExpired(at(29));
    assert.deepEqual(await keys(), ['sms:b'], 'an extended session stays until its new expiry');
    await sweepExpired(at(31));
    assert.deepEqual(await keys(), []);
  });
});
