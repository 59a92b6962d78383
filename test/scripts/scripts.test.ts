import assert from 'node:assert/strict';
import path from 'node:path';
import { freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { loadScripts } from '../support/scripts/format';
import { runScript, scriptApp, scriptDrivers } from '../support/scripts/run';
import { resetConversations } from '../support/scripts/state';

/**
 * Every conversation script in test/scripts/*.yaml, on every channel, through the channel's own
 * HTTP endpoint with signed payloads in the platform's format; each step's expectations are matched
 * against what that channel renders. See test/support/scripts/format.ts for the script format.
 */

const config = testConfig();
const drivers = scriptDrivers(scriptApp(config), config);
const scripts = loadScripts(path.join(__dirname));
let runNumber = 0;

describe('conversation scripts on every channel', () => {
  withFakeHttp();
  before(freshDemoStore);

  it('finds the scripts', () => {
    assert.deepEqual(scripts.map((s) => s.name).sort(), ['browse', 'cancel', 'gift-finder', 'opt-out', 'order', 'reorder', 'status']);
  });

  for (const script of scripts) {
    describe(`script "${script.name}"`, () => {
      // Each script starts with no customers or orders; each channel's run has its own customer, so runs do not see each other.
      before(resetConversations);
      afterEach(() => nock.cleanAll());

      for (const channel of drivers.channels) {
        it(`on ${channel}`, () => runScript(script, drivers.driver(channel, ++runNumber, script.locale)));
      }
    });
  }
});
