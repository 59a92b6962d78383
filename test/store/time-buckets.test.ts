import assert from 'node:assert/strict';
import { BucketCursorModel, OutboxModel } from '../../models';
import { dueJobs, enqueueJob, recordOutcome } from '../../src/store/outbox-store';
import { bucketOf, scanBuckets } from '../../src/store/time-buckets';
import { resetDatabase } from '../support/database';

const MINUTE = 60_000;

describe('time buckets', () => {
  beforeEach(resetDatabase);

  it('visits from the cursor to now, moves the cursor past drained buckets only, and never into the overlap', async () => {
    const scan = { name: 'test', sizeMs: MINUTE, overlap: 2, maxBuckets: 100 };
    const now = new Date('2026-12-06T12:00:30Z');
    const current = bucketOf(now, MINUTE);
    const busy = new Set([current - 5]);

    const visited = await scanBuckets(scan, now, async (bucket) => !busy.has(bucket), async () => current - 8);
    assert.deepEqual(visited, [-8, -7, -6, -5, -4, -3, -2, -1, 0].map((d) => current + d));
    assert.equal((await BucketCursorModel.findById('test').lean())?.bucket, current - 5, 'stops at the first bucket with work left');

    busy.clear();
    const again = await scanBuckets(scan, now, async (bucket) => !busy.has(bucket));
    assert.equal(again[0], current - 5);
    assert.equal((await BucketCursorModel.findById('test').lean())?.bucket, current - 2, 'the overlap is always visited again');
  });

  it('still visits the current buckets when the cursor is held far behind', async () => {
    const scan = { name: 'held', sizeMs: MINUTE, overlap: 1, maxBuckets: 3 };
    const now = new Date('2026-12-06T12:00:30Z');
    const current = bucketOf(now, MINUTE);
    const visited = await scanBuckets(scan, now, async () => false, async () => current - 100);
    assert.deepEqual(visited, [current - 100, current - 99, current - 98, current - 1, current]);
  });

  it('gives the outbox worker a job that fell due hours ago, and not one that is not due yet', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    await enqueueJob({ jobKey: 'old', kind: 'sms', payload: {} }, new Date(now.getTime() - 3 * 60 * MINUTE));
    await enqueueJob({ jobKey: 'later', kind: 'sms', payload: {} }, now);
    await recordOutcome('later', 'retry', { now, error: 'busy', nextAttemptAt: new Date(now.getTime() + 10 * MINUTE) });

    assert.deepEqual((await dueJobs(now, 10)).map((job) => job.jobKey), ['old']);
    await recordOutcome('old', 'sent', { now });
    assert.deepEqual((await dueJobs(now, 10)).map((job) => job.jobKey), []);
    assert.deepEqual((await dueJobs(new Date(now.getTime() + 11 * MINUTE), 10)).map((job) => job.jobKey), ['later']);
    assert.equal((await OutboxModel.findOne({ jobKey: 'later' }).lean())?.dueBucket, bucketOf(new Date(now.getTime() + 10 * MINUTE), MINUTE));
  });
});
