import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, ConfigError, DEV_SECRETS, listenRefusals, loadConfig } from '../src/config';

function problemsFor(env: Record<string, string>): string {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs with no settings at all in development, with the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.NODE_ENV, 'development');
    assert.equal(config.PORT, 3000);
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.CURRENCY, 'USD');
    assert.equal(config.ALEXA_VERIFY_SIGNATURE, true);
    assert.equal(config.VOICE_CODE_THRESHOLD_MINOR, 10000);
  });

  it('listens on loopback by default, and refuses a reachable address while any development secret is in use', () => {
    const config = loadConfig({});
    assert.equal(config.HOST, '127.0.0.1');
    for (const host of ['127.0.0.1', '::1', 'localhost']) assert.deepEqual(listenRefusals(config, host), []);
    const [problem] = listenRefusals(config, '0.0.0.0');
    for (const name of Object.keys(DEV_SECRETS)) assert.match(problem!, new RegExp(`\\b${name}\\b`));

    // Every secret set but one: that one is named, and only it.
    const allSet = Object.fromEntries(Object.keys(DEV_SECRETS).map((name) => [name, `real-${name.toLowerCase()}-value`]));
    const oneLeft = loadConfig({ ...allSet, META_APP_SECRET: '', CONSOLE_ENABLED: 'false' });
    assert.deepEqual(listenRefusals(oneLeft, '0.0.0.0'), [
      'HOST=0.0.0.0 is reachable from other machines, but these still have their development values: META_APP_SECRET; set them, or listen on 127.0.0.1',
    ]);
    assert.deepEqual(listenRefusals(loadConfig({ ...allSet, CONSOLE_ENABLED: 'false' }), '0.0.0.0'), []);
    assert.match(listenRefusals(loadConfig({ ...allSet }), '0.0.0.0').join('\n'), /CONSOLE_ENABLED/, 'a console with no sign-in is not on by default on a reachable address');
    assert.match(listenRefusals(loadConfig({ ...allSet, CONSOLE_ENABLED: 'false', ALEXA_VERIFY_SIGNATURE: 'false' }), '0.0.0.0').join('\n'), /ALEXA_VERIFY_SIGNATURE/);
  });

  it('accepts MongoDB and Atlas connection strings', () => {
    for (const uri of ['mongodb://127.0.0.1:27017/shop', 'mongodb://user:p%40ss@h1:27017,h2:27017/shop?replicaSet=rs0', 'mongodb+srv://u:p@cluster0.example.mongodb.net/shop']) {
      assert.equal(loadConfig({ MONGODB_URI: uri }).MONGODB_URI, uri);
    }
  });

  for (const bad of ['localhost:27017', 'http://127.0.0.1:27017', 'mongodb://', 'postgres://x']) {
    it(`refuses MONGODB_URI=${bad} naming the variable and what it expects`, () => {
      const message = problemsFor({ MONGODB_URI: bad });
      assert.match(message, /MONGODB_URI: expected a MongoDB connection string/);
      assert.ok(message.includes(JSON.stringify(bad)), 'the message shows the value given');
    });
  }

  it('does not echo a password from a malformed MONGODB_URI', () => {
    const message = problemsFor({ MONGODB_URI: 'mongodb://admin:hunter2@' });
    assert.match(message, /MONGODB_URI/);
    assert.doesNotMatch(message, /hunter2/);
  });

  for (const bad of ['abc', '0', '70000', '80.5', '-1']) {
    it(`refuses PORT=${bad} naming the variable and the valid range`, () => {
      assert.match(problemsFor({ PORT: bad }), /PORT: expected a whole number from 1 to 65535/);
    });
  }

  it('lists every bad variable at once, not only the first', () => {
    const message = problemsFor({ PORT: 'abc', CURRENCY: 'usd', ALEXA_VERIFY_SIGNATURE: 'maybe' });
    assert.match(message, /PORT/);
    assert.match(message, /CURRENCY: expected an ISO 4217 currency code/);
    assert.match(message, /ALEXA_VERIFY_SIGNATURE: expected true or false/);
  });

  it('bounds the campaign send rate and weekly cap, since each send reads the slots already taken', () => {
    assert.equal(loadConfig({ CAMPAIGN_SENDS_PER_MINUTE: '600', CAMPAIGN_WEEKLY_CAP: '50' }).CAMPAIGN_SENDS_PER_MINUTE, 600);
    assert.match(problemsFor({ CAMPAIGN_SENDS_PER_MINUTE: '601' }), /CAMPAIGN_SENDS_PER_MINUTE/);
    assert.match(problemsFor({ CAMPAIGN_WEEKLY_CAP: '51' }), /CAMPAIGN_WEEKLY_CAP/);
  });

  it('reads TRUST_PROXY as off, a hop count, or proxy addresses and CIDRs, and refuses trusting everyone', () => {
    assert.equal(loadConfig({}).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.10,fd00::/8,loopback' }).TRUST_PROXY, ['10.0.0.0/8', '192.0.2.10', 'fd00::/8', 'loopback']);
    for (const bad of ['true', '0', '11', '10.0.0.0/33', '10.0.0/8', 'proxy.internal']) {
      assert.match(problemsFor({ TRUST_PROXY: bad }), /TRUST_PROXY: expected off, a number of proxy hops from 1 to 10, or the proxies' addresses and CIDRs/, bad);
    }
  });

  it('treats an empty value as unset', () => {
    assert.equal(loadConfig({ PORT: '', MONGODB_URI: '' }).PORT, 3000);
  });

  it('requires the voice code pepper and admin key in production, without echoing secrets', () => {
    const message = problemsFor({ NODE_ENV: 'production' });
    assert.match(message, /VOICE_CODE_PEPPER: .*it is not set/);
    assert.match(message, /LINK_CODE_PEPPER: .*it is not set/);
    assert.match(message, /ADMIN_API_KEY/);
    const short = problemsFor({ NODE_ENV: 'production', VOICE_CODE_PEPPER: 'short', LINK_CODE_PEPPER: 'link-pepper-link-pepper', ADMIN_API_KEY: 'a-long-enough-key' });
    assert.match(short, /VOICE_CODE_PEPPER: expected at least 8 characters/);
    assert.doesNotMatch(short, /"short"/);
  });

  it('gives channel secrets no development default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', VOICE_CODE_PEPPER: 'pepper-pepper-pepper', LINK_CODE_PEPPER: 'link-pepper-link-pepper', ADMIN_API_KEY: 'admin-key-admin-key' });
    assert.equal(config.META_APP_SECRET, undefined);
    assert.equal(config.TWILIO_AUTH_TOKEN, undefined);
    assert.equal(config.METRICS_TOKEN, undefined);
  });

  it('is documented in full: .env.example and the README list every variable the service reads', () => {
    const root = path.resolve(__dirname, '..');
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const exampleKeys = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    assert.deepEqual([...exampleKeys].sort(), [...CONFIG_KEYS].sort());
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const key of CONFIG_KEYS) assert.ok(readme.includes(`\`${key}\``), `README documents ${key}`);
  });
});
