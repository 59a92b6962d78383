import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Config } from '../../../src/config';
import type { Channel } from '../../../src/core/channels';
import { createApp } from '../../../src/http/app';
import { testVerifierOptions } from '../alexa-requests';
import { silentLog } from '../config';
import { dispatcherFor } from '../notify';
import { AlexaDriver } from './alexa-driver';
import type { ScriptDriver } from './driver';
import { stepOn, type ConversationScript } from './format';
import { GoogleDriver } from './google-driver';
import { MetaDriver } from './meta-driver';
import { SmsDriver } from './sms-driver';
import { assertState, prepareCustomer } from './state';
import { WebchatDriver } from './webchat-driver';
import { WeChatDriver } from './wechat-driver';
import { WhatsAppDriver } from './whatsapp-driver';
import { XDriver } from './x-driver';

/** The app the scripts talk to: one per test file. */
export function scriptApp(config: Config): Express {
  const outbox = dispatcherFor(config);
  return createApp({
    config,
    log: silentLog,
    outbox,
    // No progressive response (a timed side call) and always the passive WeChat reply: the runs do not depend on the machine's speed.
    channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 }, wechat: { replyBudgetMs: Infinity } },
  });
}

type DriverFactory = (runNumber: number, locale: string) => ScriptDriver;

/** Each channel's driver for the app; `runNumber` keeps each run's customer apart, `locale` is the shopper's language where the channel says it. */
export function scriptDrivers(app: Express, config: Config) {
  const factories: Record<Channel, DriverFactory> = {
    alexa: (run, locale) => new AlexaDriver(app, String(run), locale),
    google: (run) => new GoogleDriver(app, String(run)),
    messenger: (run) => new MetaDriver(app, config, 'messenger', String(run)),
    instagram: (run) => new MetaDriver(app, config, 'instagram', String(run)),
    whatsapp: (run) => new WhatsAppDriver(app, config, run),
    sms: (run) => new SmsDriver(app, config, run),
    wechat: (run) => new WeChatDriver(app, config, run),
    webchat: (_run, locale) => new WebchatDriver(app, locale),
    'x-dm': (run) => new XDriver(app, config, run),
  };
  return {
    channels: Object.keys(factories),
    driver(channel: Channel, runNumber: number, locale: string): ScriptDriver {
      const make = factories[channel];
      if (!make) throw new Error(`no script driver for channel ${channel}`);
      return make(runNumber, locale);
    },
  };
}

/** SCRIPTS_TRACE=1 prints every answer, to see what each channel renders while writing a script. */
const TRACE = process.env.SCRIPTS_TRACE === '1';

/** Runs one script on one channel: every step said or picked, its expectations matched against what the channel rendered, its state checked. */
export async function runScript(script: ConversationScript, driver: ScriptDriver): Promise<void> {
  const { channel } = driver;
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
    const shown = `${channel} ${driver.voice ? 'said' : 'showed'}:\n${output}`;
    for (const pattern of step.expect ?? []) assert.match(output, new RegExp(pattern, 'iu'), `${where}: expected /${pattern}/i; ${shown}`);
    for (const pattern of step.reject ?? []) assert.doesNotMatch(output, new RegExp(pattern, 'iu'), `${where}: did not expect /${pattern}/i; ${shown}`);
    if (step.state) await assertState(step.state, customerId, channel, where);
  }
  driver.finish?.();
}
