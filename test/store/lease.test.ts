import assert from 'node:assert/strict';
import { giveBackLease, renewLease, takeLease } from '../../src/store/lease';
import { resetDatabase } from '../support/database';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 12, 0) + minutes * MINUTE);

/** A named lease (a campaign's Start, a maintenance job): one live holder, taken over only once it ran out. */
describe('leases', () => {
  beforeEach(resetDatabase);

  it('a holder that renews keeps its lease past the first term; one that stalled past it has lost it to the next taker', async () => {
    assert.equal(await takeLease('campaign-start:c1', 'first', at(0), 10 * MINUTE), true);
    assert.equal(await renewLease('campaign-start:c1', 'first', at(9), 10 * MINUTE), true);
    assert.equal(await takeLease('campaign-start:c1', 'second', at(11), 10 * MINUTE), false, 'still held at minute 11: renewed until 19');
    assert.equal(await renewLease('campaign-start:c1', 'second', at(12), 10 * MINUTE), false, 'only the holder renews');

    assert.equal(await takeLease('campaign-start:c1', 'second', at(20), 10 * MINUTE), true, 'ran out at 19');
    assert.equal(await renewLease('campaign-start:c1', 'first', at(21), 10 * MINUTE), false, 'the stalled holder learns it lost');
    await giveBackLease('campaign-start:c1', 'first', at(21));
    assert.equal(await takeLease('campaign-start:c1', 'third', at(22), 10 * MINUTE), false, "the stalled holder's give-back leaves the new claim alone");
  });
});
