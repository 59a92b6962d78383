import assert from 'node:assert/strict';
import path from 'node:path';
import type { Express } from 'express';
import type { Channel } from '../../src/core/channels';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { testVerifierOptions } from '../support/alexa-requests';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { AlexaDriver } from '../support/scripts/alexa-driver';
import type { ScriptDriver } from '../support/scripts/driver';
import { GoogleDriver } from '../support/scripts/google-driver';
import { loadScripts, stepOn } from '../support/scripts/format';
import { MetaDriver } from '../support/scripts/meta-driver';
import { SmsDriver } from '../support/scripts/sms-driver';
import { assertState, prepareCustomer, resetConversations } from '../support/scripts/state';
import { WebchatDriver } from '../support/scripts/webchat-driver';
import { WeChatDriver } from '../support/scripts/wechat-driver';
import { WhatsAppDriver } from '../support/scripts/whatsapp-driver';
import { XDriver } from '../support/scripts/x-driver';

/**
 * Every conversation script in test/scripts/*.yaml, on every channel, through the channel's own
 * HTTP endpoint with signed payloads in the platform's format; each step's expectations are matched
 * against what that channel renders. See test/support/scripts/format.ts for the script format.
 */

const config = testConfig();
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({
  config,
  log: silentLog,
  outbox,
  // No progressive response (a timed side call) and always the passive WeChat reply: the runs do not depend on the machine's speed.
  channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 }, wechat: { replyBudgetMs: Infinity } },
});

type DriverFactory = (app: Express, runNumber: number) => ScriptDriver;

const DRIVERS: Record<Channel, DriverFactory> = {
  alexa: (target, run) => new AlexaDriver(target, String(run)),
  google: (target, run) => new GoogleDriver(target, String(run)),
  messenger: (target, run) => new MetaDriver(target, config, 'messenger', String(run)),
  instagram: (target, run) => new MetaDriver(target, config, 'instagram', String(run)),
  whatsapp: (target, run) => new WhatsAppDriver(target, config, run),
  sms: (target, run) => new SmsDriver(target, config, run),
  wechat: (target, run) => new WeChatDriver(target, config, run),
  webchat: (target) => new WebchatDriver(target),
  'x-dm': (target, run) => new XDriver(target, config, run),
};

const scripts = loadScripts(path.join(__dirname));
let runNumber = 0;
/** SCRIPTS_TRACE=1 prints every answer, to see what each channel renders while writing a script. */
const TRACE = process.env.SCRIPTS_TRACE === '1';

function describeOutput(driver: ScriptDriver): string {
  return `${driver.channel} ${driver.voice ? 'said' : 'showed'}:\n${driver.lastOutput()}`;
}

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

      for (const [channel, makeDriver] of Object.entries(DRIVERS) as [Channel, DriverFactory][]) {
        it(`on ${channel}`, async () => {
          const driver = makeDriver(app, ++runNumber);
          await driver.open?.();
          const customerId = await prepareCustomer(script.setup, channel, driver.externalId);
          await driver.prepare?.(customerId);
          for (const [index, original] of script.steps.entries()) {
            const step = stepOn(original, channel, driver.voice);
            if (!step) continue;
            const where = `${script.name} step ${index + 1} (${step.user !== undefined ? `"${step.user}"` : `pick ${JSON.stringify(step.pick)}`})`;
            if (step.user !== undefined) await driver.say(step.user);
            else await driver.pick(step.pick!);
            const output = driver.lastOutput();
            if (TRACE) process.stdout.write(`      ${where}\n        ${output.replace(/\n/g, '\n        ')}\n`);
            for (const pattern of step.expect ?? []) assert.match(output, new RegExp(pattern, 'i'), `${where}: expected /${pattern}/i; ${describeOutput(driver)}`);
            for (const pattern of step.reject ?? []) assert.doesNotMatch(output, new RegExp(pattern, 'i'), `${where}: did not expect /${pattern}/i; ${describeOutput(driver)}`);
            if (step.state) await assertState(step.state, customerId, channel, where);
          }
          driver.finish?.();
        });
      }
    });
  }
});
