import assert from 'node:assert/strict';
import path from 'node:path';
import request from 'supertest';
import { SessionModel } from '../../models';
import { registerChannel } from '../../src/channels/registry';
import { createApp } from '../../src/http/app';
import { updateOrderStatus } from '../../src/services/orders';
import { TEST_CHANNEL_API, testChannel, testChannelSignature, type TestChannelAnswer, type TestChannelMessage } from '../fixtures/test-channel';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { customerOn, dispatcherFor, NOON_NEW_YORK, placedOrder } from '../support/notify';
import { chooseAmong, type ScriptDriver } from '../support/scripts/driver';
import { loadScripts, stepOn } from '../support/scripts/format';
import { assertState, prepareCustomer } from '../support/scripts/state';

registerChannel(testChannel);

const config = testConfig();
const app = createApp({ config, log: silentLog });

function post(message: TestChannelMessage, signature = testChannelSignature(JSON.stringify(message))) {
  return request(app).post('/test-channel').set('content-type', 'application/json').set('x-test-signature', signature).send(JSON.stringify(message));
}

/** The test channel as its customer meets it: signed JSON posts, the answer in the response. */
class TestChannelDriver implements ScriptDriver {
  readonly channel = testChannel.id;
  readonly voice = false;
  readonly externalId = 'test-channel-user-1';
  private answer: TestChannelAnswer = { text: '', choices: [] };
  private sequence = 0;

  say(text: string): Promise<void> {
    return this.send({ text });
  }

  pick(choice: string | number): Promise<void> {
    const offered = this.answer.choices.map(({ id, label }) => ({ label, value: id }));
    return this.send({ choice: chooseAmong(offered, choice, this.lastOutput()) });
  }

  lastOutput(): string {
    return [this.answer.text, ...this.answer.choices.map((choice) => `[${choice.label}]`)].join('\n');
  }

  private async send(content: Pick<TestChannelMessage, 'text' | 'choice'>): Promise<void> {
    const res = await post({ messageId: `m${++this.sequence}`, from: this.externalId, ...content });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/);
    this.answer = JSON.parse(res.text) as TestChannelAnswer;
  }
}

describe('a channel defined only under test/ and registered with one line', () => {
  withFakeHttp();
  before(freshDemoStore);

  it('answers the "order" conversation script through its own signed endpoint', async () => {
    const script = loadScripts(path.join(__dirname, '..', 'scripts')).find((candidate) => candidate.name === 'order')!;
    const driver = new TestChannelDriver();
    const customerId = await prepareCustomer(script.setup, driver.channel, driver.externalId);
    for (const [index, original] of script.steps.entries()) {
      const step = stepOn(original, driver.channel, driver.voice);
      if (!step) continue;
      const where = `order step ${index + 1}`;
      if (step.user !== undefined) await driver.say(step.user);
      else await driver.pick(step.pick!);
      for (const pattern of step.expect ?? []) assert.match(driver.lastOutput(), new RegExp(pattern, 'i'), where);
      for (const pattern of step.reject ?? []) assert.doesNotMatch(driver.lastOutput(), new RegExp(pattern, 'i'), where);
      if (step.state) await assertState(step.state, customerId, driver.channel, where);
    }
    assert.match(driver.lastOutput(), /^Done\. Your order number is \d{3}-\d{3}, total \$33\.11\./);
  });

  it('refuses an unsigned or wrongly signed request before a turn runs', async () => {
    const message = { messageId: 'forged', from: 'test-channel-intruder', text: 'add 2 colombian coffee' };
    assert.equal((await request(app).post('/test-channel').set('content-type', 'application/json').send(JSON.stringify(message))).status, 401);
    assert.equal((await post(message, testChannelSignature('something else'))).status, 403);
    assert.equal(await SessionModel.countDocuments({ channelUserId: 'test-channel-intruder' }), 0);
  });

  it('gets an order status notification through its notifier', async () => {
    const customerId = await customerOn({ [testChannel.id]: 'test-channel-user-2' });
    const order = await placedOrder(customerId, testChannel.id);
    const platform = nock(TEST_CHANNEL_API)
      .post('/notify', { to: 'test-channel-user-2', text: `Corner Market: your order ${order.orderNumber} is paid and we are getting it ready.` })
      .reply(200, { delivered: true });

    assert.ok((await updateOrderStatus(order.orderNumber, 'paid', 'admin', {}, NOON_NEW_YORK)).ok);
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1);
    assert.ok(platform.isDone());
  });

  it('is offered in the developer console, which previews a reply with its renderer', async () => {
    const page = await request(app).get('/console');
    assert.ok(page.text.includes('<option value="test-channel">Test channel</option>'));

    const turn = await request(app).post('/console/api/turn').set('content-type', 'application/json').send({ channel: 'test-channel', customer: 'alice', text: 'add 2 colombian coffee' });
    assert.equal(turn.status, 200, turn.text);
    assert.equal(turn.body.label, 'Test channel');
    assert.equal(turn.body.preview.delivery, 'JSON response to POST /test-channel');
    assert.equal(turn.body.preview.format, 'json');
    assert.match((JSON.parse(turn.body.preview.body as string) as TestChannelAnswer).text, /^Added 2 Colombian Coffee\./);
  });
});
