import assert from 'node:assert/strict';
import { parseQuietHours, quietHoursEnd } from '../../src/core/quiet-hours';

describe('quiet hours', () => {
  const night = parseQuietHours('21:00-08:00')!;

  it('parses HH:MM-HH:MM and refuses anything else', () => {
    assert.deepEqual(night, { startMinute: 21 * 60, endMinute: 8 * 60 });
    for (const bad of ['21-08', '25:00-08:00', '08:00-08:00', '21:00-08:00-09:00', '']) assert.equal(parseQuietHours(bad), null, bad);
  });

  it('ends at the next local end time, across midnight, in the customer\'s zone', () => {
    // 23:30 in Tokyo (UTC+9) is inside; quiet hours end at 08:00 Tokyo = 23:00 UTC.
    assert.equal(quietHoursEnd(new Date('2026-03-10T14:30:00Z'), 'Asia/Tokyo', night)?.toISOString(), '2026-03-10T23:00:00.000Z');
    // 06:15:30 in New York (EDT) is inside, ending at 08:00 EDT = 12:00 UTC.
    assert.equal(quietHoursEnd(new Date('2026-06-15T10:15:30Z'), 'America/New_York', night)?.toISOString(), '2026-06-15T12:00:00.000Z');
    // 12:00 in New York is outside.
    assert.equal(quietHoursEnd(new Date('2026-06-15T16:00:00Z'), 'America/New_York', night), null);
    // 08:00 sharp is outside (the end is exclusive); 21:00 sharp is inside.
    assert.equal(quietHoursEnd(new Date('2026-06-15T12:00:00Z'), 'America/New_York', night), null);
    assert.ok(quietHoursEnd(new Date('2026-06-16T01:00:00Z'), 'America/New_York', night));
  });

  it('handles a window that does not wrap midnight', () => {
    const lunch = parseQuietHours('12:00-13:30')!;
    assert.equal(quietHoursEnd(new Date('2026-06-15T12:10:00Z'), 'UTC', lunch)?.toISOString(), '2026-06-15T13:30:00.000Z');
    assert.equal(quietHoursEnd(new Date('2026-06-15T13:30:00Z'), 'UTC', lunch), null);
  });
});
