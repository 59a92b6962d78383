import assert from 'node:assert/strict';
import { onHandoffEvent, type HandoffEvent } from '../../src/services/handoff';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { bumpHandoffSignal } from '../../src/store/handoff-store';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { Shopper } from '../support/conversation';
import { waitUntil } from '../support/processes';

const settings = commerceSettings(testConfig({ HANDOFF_OPENING_HOURS: 'always' }), { linkChannels: linkChannels() });
/** Short, so the test does not wait for the service's interval; the mechanism is the same. */
const POLL_MS = 25;

/**
 * The live inbox hears events of every process: an agent's browser is connected to one process,
 * while the shopper's message may be worked in another. Another process is played here by counting
 * an event in the shared signal without telling this process's listeners, as that process would.
 */
describe('the live inbox hears what happens in other processes', () => {
  beforeEach(freshDemoStore);

  it('tells a listener of an event counted by another process, and of one of its own once, not again when it polls', async () => {
    const heard: HandoffEvent['kind'][] = [];
    const events = onHandoffEvent((event) => heard.push(event.kind), POLL_MS);
    await events.ready;
    try {
      // In this process: a shopper asks for a person.
      await addCustomer({ channel: 'whatsapp', externalId: '15550107001' });
      await new Shopper('whatsapp', '15550107001', { settings }).says('talk to a person');
      assert.deepEqual(heard, ['queue']);

      // In another process: an agent's reply grew a transcript.
      await bumpHandoffSignal('message');
      await waitUntil(() => heard.length >= 2, 10_000, 'the other process\'s event told');
      // Told with it had this process's own event been told again: the same poll reads both counts.
      assert.deepEqual(heard, ['queue', 'message']);
    } finally {
      events.stop();
    }
  });

  it('hears other processes again after a listener was stopped twice (an SSE close and a shutdown)', async () => {
    const first = onHandoffEvent(() => undefined, POLL_MS);
    await first.ready;
    first.stop();
    first.stop();
    const heard: HandoffEvent['kind'][] = [];
    const events = onHandoffEvent((event) => heard.push(event.kind), POLL_MS);
    await events.ready;
    try {
      await bumpHandoffSignal('queue');
      await waitUntil(() => heard.length >= 1, 10_000, 'the other process\'s event told');
      assert.deepEqual(heard, ['queue']);
    } finally {
      events.stop();
    }
  });

  it('tells nothing that was counted before the listener came', async () => {
    await bumpHandoffSignal('queue');
    await bumpHandoffSignal('message');
    const heard: HandoffEvent['kind'][] = [];
    const events = onHandoffEvent((event) => heard.push(event.kind), POLL_MS);
    await events.ready;
    try {
      await bumpHandoffSignal('queue');
      await waitUntil(() => heard.length >= 1, 10_000, 'the new event told');
      assert.deepEqual(heard, ['queue']);
    } finally {
      events.stop();
    }
  });
});
