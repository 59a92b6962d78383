import assert from 'node:assert/strict';
import { ChannelIdentityModel, OutboxModel, StockAlertModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { createApp } from '../../src/http/app';
import { restockProduct } from '../../src/services/notifications';
import { alexaEnvelope, intent, postSigned, testVerifierOptions } from '../support/alexa-requests';
import { addProduct } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { Shopper } from '../support/conversation';
import { resetDatabase } from '../support/database';

async function customerIdOf(shopper: Shopper) {
  return (await ChannelIdentityModel.findOne({ channel: shopper.channel, externalId: shopper.channelUserId }).lean())!.customerId;
}

async function alertsOf(shopper: Shopper) {
  return StockAlertModel.find({ customerId: await customerIdOf(shopper) }).lean();
}

async function expectOneAlert(shopper: Shopper, sku: string, channel: Channel) {
  const alerts = await alertsOf(shopper);
  assert.deepEqual(
    alerts.map((alert) => [alert.sku, alert.channel, alert.source, alert.armed]),
    [[sku, channel, 'customer', true]],
  );
}

describe('"tell me when it\'s back": the back-in-stock alert intent (issue 15 item 6)', () => {
  beforeEach(async () => {
    await resetDatabase();
    await addProduct('KETTLE', { name: 'Red Kettle', stock: 0 });
    await addProduct('MUG', { name: 'Blue Mug', stock: 5 });
  });

  it('typed on chat: records one alert however often it is asked, and the restock queues the message to that shopper', async () => {
    const ana = new Shopper('webchat', 'web-ana');

    assert.equal((await ana.says('let me know when red kettle is back in stock')).text, "I'll let you know when Red Kettle is back in stock. Anything else?");
    assert.equal((await ana.says('notify me when red kettle is available')).text, "I'll let you know when Red Kettle is back in stock. Anything else?");
    await expectOneAlert(ana, 'KETTLE', 'webchat');
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification' }), 0, 'nothing to tell while it is sold out');

    assert.equal((await restockProduct('KETTLE', 3)).alertsQueued, 1);
    const jobs = await OutboxModel.find({ kind: 'notification' }).lean();
    assert.deepEqual(
      jobs.map((job) => [job.jobKey.split(':')[0], String(job.customerId)]),
      [['back-in-stock', String(await customerIdOf(ana))]],
    );
  });

  it('said to Alexa (a signed StockAlertIntent over HTTP): records one alert and says so', async () => {
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions } } });
    const ask = async () => {
      const res = await postSigned(app, alexaEnvelope(intent('StockAlertIntent', { product: { value: 'red kettle', id: 'KETTLE' } }), { userId: 'amzn1.ask.account.BEN' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body as { response: { outputSpeech: { ssml: string }; shouldEndSession?: boolean } }).response;
    };

    const first = await ask();
    assert.equal(first.outputSpeech.ssml, "<speak>I'll let you know when Red Kettle is back in stock. Anything else?</speak>");
    assert.equal(first.shouldEndSession, false);
    await ask();
    const ben = new Shopper('alexa', 'amzn1.ask.account.BEN');
    await expectOneAlert(ben, 'KETTLE', 'alexa');

    await restockProduct('KETTLE', 1);
    assert.equal(await OutboxModel.countDocuments({ kind: 'notification', customerId: await customerIdOf(ben) }), 1);
  });

  it('a product in stock is offered instead, and no alert is recorded', async () => {
    const cy = new Shopper('webchat', 'web-cy');

    const answer = await cy.says('tell me when blue mug is back');
    assert.equal(answer.text, 'Good news: Blue Mug is in stock now. Would you like to add Blue Mug to your cart?');
    assert.deepEqual(answer.choices?.map((choice) => choice.label), ['Add Blue Mug']);
    assert.match((await cy.says('yes')).text, /^Added 1 Blue Mug\./);
    assert.deepEqual(await alertsOf(cy), []);
  });

  it('"out of stock" offers the alert, and a yes or "tell me when it\'s back" about that product sets it', async () => {
    const dee = new Shopper('webchat', 'web-dee');
    const answer = await dee.says('is red kettle in stock');
    assert.equal(answer.text, 'Sorry, Red Kettle is out of stock right now. Shall I tell you when Red Kettle is back?');
    assert.deepEqual(answer.choices?.map((choice) => choice.label), ["Tell me when it's back"]);
    assert.equal((await dee.says('yes')).text, "I'll let you know when Red Kettle is back in stock. Anything else?");
    await expectOneAlert(dee, 'KETTLE', 'webchat');

    const eve = new Shopper('alexa', 'amzn1.ask.account.eve');
    assert.match((await eve.intends('AddToCart', { sku: 'KETTLE', quantity: 1 })).speech, /Red Kettle is out of stock right now\. Shall I tell you when Red Kettle is back\?$/);
    assert.equal((await eve.intends('StockAlert')).speech, "I'll let you know when Red Kettle is back in stock. Anything else?");
    await expectOneAlert(eve, 'KETTLE', 'alexa');
  });

  it('with no product named and none just discussed, asks which, then sets the alert for the answer', async () => {
    const fay = new Shopper('webchat', 'web-fay');
    assert.equal((await fay.says("tell me when it's back")).text, 'Which product would you like?');
    assert.equal((await fay.says('red kettle')).text, "I'll let you know when Red Kettle is back in stock. Anything else?");
    await expectOneAlert(fay, 'KETTLE', 'webchat');
  });

  it('typed without the apostrophe ("tell me when its back") after a sold-out answer, sets the alert, not a product search', async () => {
    const gus = new Shopper('webchat', 'web-gus');
    await gus.says('is red kettle in stock');
    assert.equal((await gus.says('tell me when its back')).text, "I'll let you know when Red Kettle is back in stock. Anything else?");
    await expectOneAlert(gus, 'KETTLE', 'webchat');
  });
});
