import assert from 'node:assert/strict';
import path from 'node:path';
import { freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { loadScripts } from '../support/scripts/format';
import { runScript, scriptApp, scriptDrivers } from '../support/scripts/run';
import { resetConversations } from '../support/scripts/state';

/**
 * Issue 21's conversation script in each new language (test/scripts/languages/<locale>.yaml), on
 * every channel that serves that language, through the channel's own HTTP endpoint as the English
 * scripts run: browse, add, check out through the guard, order placed, status, reorder, opt-out.
 */

const config = testConfig();
const drivers = scriptDrivers(scriptApp(config), config);
const scripts = loadScripts(path.join(__dirname, 'languages'));
let runNumber = 0;

describe('conversation scripts in every new language, on the channels that serve it', () => {
  withFakeHttp();
  before(freshDemoStore);
  before(resetConversations);
  afterEach(() => nock.cleanAll());

  it('finds one script per language, each naming its channels', () => {
    assert.deepEqual(
      Object.fromEntries(scripts.map((s) => [s.locale, s.channels])),
      { 'it-IT': ['alexa', 'whatsapp', 'sms'], 'pl-PL': ['whatsapp', 'sms'], 'pt-BR': ['alexa', 'whatsapp', 'sms'], 'ro-RO': ['whatsapp', 'sms'], 'zh-CN': ['wechat', 'webchat'] },
    );
  });

  for (const script of scripts) {
    for (const channel of script.channels ?? []) {
      // Each run has its own customer, so the runs need no reset between them.
      it(`${script.locale} on ${channel}`, () => runScript(script, drivers.driver(channel, ++runNumber, script.locale)));
    }
  }
});
