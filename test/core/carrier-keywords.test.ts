import assert from 'node:assert/strict';
import { carrierKeywordIn } from '../../src/core/consent';

describe('carrier keywords (SMS)', () => {
  const table: [string, ReturnType<typeof carrierKeywordIn>][] = [
    ['STOP', 'opt-out'],
    ['stop', 'opt-out'],
    ['  Stop \n', 'opt-out'],
    ['STOPALL', 'opt-out'],
    ['unsubscribe', 'opt-out'],
    ['Cancel', 'opt-out'],
    ['END', 'opt-out'],
    ['quit', 'opt-out'],
    ['REVOKE', 'opt-out'],
    ['optout', 'opt-out'],
    ['START', 'opt-in'],
    ['unstop', 'opt-in'],
    ['Yes', 'opt-in'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['stop please', null],
    ['STOP ALL', null],
    ['opt-out', null],
    ['cancel my order', null],
    ['help me find a gift', null],
    ['STOP.', null],
    ['', null],
    ['   ', null],
    ['2', null],
  ];
  for (const [body, expected] of table) {
    it(`${JSON.stringify(body)} → ${String(expected)}`, () => assert.equal(carrierKeywordIn(body), expected));
  }

  it('tolerates a missing body', () => {
    assert.equal(carrierKeywordIn(undefined), null);
    assert.equal(carrierKeywordIn(null), null);
  });
});
