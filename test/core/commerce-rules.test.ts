import assert from 'node:assert/strict';
import { addDays, parsePastDate, startOfLocalDay } from '../../src/core/dates';
import { applyBasisPoints, computeTotals, formatMoney, speakMoney } from '../../src/core/money';
import { newOrderNumber, parseOrderNumber, speakOrderNumber } from '../../src/core/order-rules';

const pricing = { currency: 'USD', taxRateBasisPoints: 825, deliveryFeeMinor: 499, freeDeliveryFromMinor: 5000 };

describe('commerce rules', () => {
  describe('money', () => {
    it('totals in integer minor units, tax rounded half up, delivery free from the threshold', () => {
      assert.deepEqual(computeTotals([{ sku: 'A', name: 'A', quantity: 2, unitPriceMinor: 1299 }], pricing), { currency: 'USD', subtotalMinor: 2598, taxMinor: 214, deliveryFeeMinor: 499, totalMinor: 3311 });
      assert.equal(computeTotals([{ sku: 'A', name: 'A', quantity: 1, unitPriceMinor: 5000 }], pricing).deliveryFeeMinor, 0);
      assert.equal(computeTotals([], pricing).totalMinor, 0, 'an empty cart costs nothing, not a delivery fee');
      assert.equal(applyBasisPoints(1999, 825), 165);
      assert.equal(applyBasisPoints(200, 25), 1, '0.5 rounds up');
    });

    it('is written for the eye and said for the ear', () => {
      assert.equal(formatMoney(3311, 'USD'), '$33.11');
      assert.equal(formatMoney(500, 'JPY'), '¥500');
      assert.equal(speakMoney(3311, 'USD'), '33 dollars and 11 cents');
      assert.equal(speakMoney(100, 'USD'), '1 dollar');
      assert.equal(speakMoney(1, 'USD'), '1 cent');
      assert.equal(speakMoney(1050, 'GBP'), '10 pounds and 50 pence');
    });
  });

  describe('order numbers', () => {
    it('are six digits, read back digit by digit, and found in what people type', () => {
      for (let i = 0; i < 50; i++) assert.match(newOrderNumber(), /^[1-9]\d{2}-\d{3}$/);
      assert.equal(speakOrderNumber('482-917'), '4 8 2, 9 1 7');
      for (const said of ['order 482-917', '#482917', 'status of 482 917', 'where is 482917?']) assert.equal(parseOrderNumber(said), '482-917', said);
      assert.equal(parseOrderNumber('I want 2 coffees'), null);
      assert.equal(parseOrderNumber('call 5550100001'), null);
    });
  });

  describe('past dates in the customer time zone', () => {
    // Thursday 26 November 2026, 03:00 UTC = Wednesday 25 November, 21:00 in Chicago.
    const now = new Date('2026-11-26T03:00:00Z');
    const tz = 'America/Chicago';

    it('reads today, yesterday, days ago, weekdays and calendar dates as the customer means them', () => {
      assert.deepEqual(parsePastDate('today', now, tz), { year: 2026, month: 11, day: 25 });
      assert.deepEqual(parsePastDate('the one from yesterday', now, tz), { year: 2026, month: 11, day: 24 });
      assert.deepEqual(parsePastDate('3 days ago', now, tz), { year: 2026, month: 11, day: 22 });
      assert.deepEqual(parsePastDate('last tuesday', now, tz), { year: 2026, month: 11, day: 24 });
      assert.deepEqual(parsePastDate('on wednesday', now, tz), { year: 2026, month: 11, day: 18 }, 'a weekday means the last one before today');
      assert.deepEqual(parsePastDate('november 3rd', now, tz), { year: 2026, month: 11, day: 3 });
      assert.deepEqual(parsePastDate('the 3rd of nov', now, tz), { year: 2026, month: 11, day: 3 });
      assert.deepEqual(parsePastDate('december 20', now, tz), { year: 2025, month: 12, day: 20 }, 'a date later this year means last year');
      assert.deepEqual(parsePastDate('11/3', now, tz), { year: 2026, month: 11, day: 3 });
      assert.equal(parsePastDate('february 30', now, tz), null);
      assert.deepEqual(parsePastDate('2026-11-17', now, tz), { year: 2026, month: 11, day: 17 }, 'an ISO date from a voice platform');
      assert.deepEqual(parsePastDate('2026-12-01', now, tz), { year: 2026, month: 11, day: 24 }, "a voice platform's coming tuesday means last tuesday");
      assert.equal(parsePastDate('my usual', now, tz), null);
    });

    it('starts a local day at local midnight, across a daylight-saving change', () => {
      assert.equal(startOfLocalDay({ year: 2026, month: 11, day: 25 }, tz).toISOString(), '2026-11-25T06:00:00.000Z');
      assert.equal(startOfLocalDay({ year: 2026, month: 7, day: 1 }, tz).toISOString(), '2026-07-01T05:00:00.000Z');
      assert.equal(startOfLocalDay({ year: 2026, month: 11, day: 1 }, tz).toISOString(), '2026-11-01T05:00:00.000Z', 'DST ends at 2 a.m. that day');
      assert.deepEqual(addDays({ year: 2026, month: 12, day: 31 }, 1), { year: 2027, month: 1, day: 1 });
    });
  });
});
