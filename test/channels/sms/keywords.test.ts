import assert from 'node:assert/strict';
import { classifyKeyword } from '../../../src/channels/sms/keywords';

describe('sms keywords', () => {
  const table: [string, ReturnType<typeof classifyKeyword>][] = [
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
    it(`${JSON.stringify(body)} → ${String(expected)}`, () => assert.equal(classifyKeyword(body), expected));
  }

  it('tolerates a missing body', () => {
    assert.equal(classifyKeyword(undefined), null);
    assert.equal(classifyKeyword(null), null);
  });
});
