import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { LinkCodeModel, ProcessedEventModel, SessionModel } from '../../models';
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
});
