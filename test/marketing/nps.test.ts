import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { ConsentRecordModel, CustomerModel, HandoffConversationModel, NpsQuestionModel, NpsResponseModel, OutboxModel, SessionModel } from '../../models';
import { createApp } from '../../src/http/app';
import { queueOrderStatusNotification } from '../../src/services/notifications';
import { insightReport } from '../../src/services/insights';
import { queueNpsQuestion } from '../../src/services/surveys';
import { advanceOrder } from '../../src/services/orders';
import { recordConsent } from '../../src/store/consent-store';
import { eraseCustomerData, exportCustomerData } from '../../src/store/personal-data';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { customerOn, dispatcherFor, notifyConfig, placedOrder, twilioExpecting, wroteAt } from '../support/notify';
import { Shopper } from '../support/conversation';
import { textSms } from '../support/twilio-webhooks';

/** Issue 20 item 5: after delivery one NPS question, within the consent the configuration asks for; the answer recorded and counted, detractors asked why. */

const HOUR = 3600_000;
const config = notifyConfig({ QUIET_HOURS: 'off' });
const app = createApp({ config, log: silentLog });
const QUESTION = 'From 0 to 10, how likely are you to recommend Corner Market to a friend? Reply with a number.';

/** An order of the customer's on `channel`, delivered at `deliveredAt` (its status log as staff would write it). */
async function deliveredOrder(customerId: Types.ObjectId, channel: 'sms' | 'alexa', deliveredAt: Date, key: string) {
  const order = await placedOrder(customerId, channel, key, new Date(deliveredAt.getTime() - 48 * HOUR));
  for (const status of ['paid', 'packed', 'shipped'] as const) await advanceOrder(order._id, status, 'staff:test', {}, new Date(deliveredAt.getTime() - HOUR));
  const change = await advanceOrder(order._id, 'delivered', 'staff:test', {}, deliveredAt);
  if (!change.changed) throw new Error(`the test order stayed ${change.current}`);
  return { order, seq: change.seq };
}

/**
 * The same question without walking the order through its statuses (the first test covers that hook):
 * a placed order and its question queued as delivery queues it, delivered 25 hours before now.
 */
async function questionQueued(customerId: Types.ObjectId, channel: 'sms' | 'alexa' | 'whatsapp', key: string, now: Date) {
  const deliveredAt = new Date(now.getTime() - 25 * HOUR);
  const order = await placedOrder(customerId, channel, key, new Date(deliveredAt.getTime() - 48 * HOUR));
  await queueNpsQuestion(order, deliveredAt);
  return order.orderNumber;
}


/** How many answers gave this score today, as the merchant's insights report it. */
async function scoreCount(score: number): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  return (await insightReport(today, today)).nps.byScore[score]!;
}

describe('NPS after delivery (issue 20 item 5)', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it('asks once per delivered order after NPS_DELAY_HOURS, however often the delivery is reported, and not again within NPS_EVERY_DAYS', async () => {
    const phone = '+15550003001';
    const customerId = await addCustomer({ channel: 'sms', externalId: phone });
    const now = new Date();
    const delivered = new Date(now.getTime() - 25 * HOUR);
    const { order, seq } = await deliveredOrder(customerId, 'sms', delivered, 'nps-1');
    // The status event replayed (maintenance resuming the change): still one question.
    await queueOrderStatusNotification(order, { seq, status: 'delivered', source: 'staff:test' }, now);
    const jobs = await OutboxModel.find({ kind: 'nps' }).lean();
    assert.deepEqual(jobs.map((job) => job.jobKey), [`nps:${order.orderNumber}`]);

    const dispatcher = dispatcherFor(config);
    assert.equal(await dispatcher.trySend(`nps:${order.orderNumber}`, new Date(delivered.getTime() + 23 * HOUR)), 'deferred', 'not before 24 hours');
    const twilio = twilioExpecting(config, 1);
    assert.equal(await dispatcher.trySend(`nps:${order.orderNumber}`, now), 'sent');
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: phone, From: config.TWILIO_FROM, Body: QUESTION }]);
    assert.equal(await dispatcher.trySend(`nps:${order.orderNumber}`, now), 'skipped', 'sent once');
    const question = await NpsQuestionModel.findOne({ orderNumber: order.orderNumber }).lean();
    assert.deepEqual([question?.channel, question?.customerId.equals(customerId)], ['sms', true]);

    // A second order delivered a week later: the customer was asked 6 days before, so not again.
    const second = await deliveredOrder(customerId, 'sms', new Date(now.getTime() - HOUR), 'nps-2');
    const later = new Date(now.getTime() + 6 * 24 * HOUR);
    assert.equal(await dispatcher.trySend(`nps:${second.order.orderNumber}`, later), 'withheld');
    assert.match((await OutboxModel.findOne({ jobKey: `nps:${second.order.orderNumber}` }).lean())!.lastError!, /asked about another order within 90 days/);
  });

  it('asks about one of two orders delivered together, even when both questions are sent at once', async () => {
    const customerId = await addCustomer({ channel: 'sms', externalId: '+15550003008' });
    const now = new Date();
    const orders = [];
    for (const key of ['nps-race-1', 'nps-race-2']) orders.push(await questionQueued(customerId, 'sms', key, now));
    const twilio = twilioExpecting(config, 1);
    const dispatcher = dispatcherFor(config);
    const outcomes = await Promise.all(orders.map((orderNumber) => dispatcher.trySend(`nps:${orderNumber}`, now)));
    assert.deepEqual(outcomes.sort(), ['sent', 'withheld']);
    assert.ok(twilio.scope.isDone());
    assert.equal(await NpsQuestionModel.countDocuments({ customerId }), 1);
  });

  it('records a detractor\'s score once, counts it in insights, and keeps their answer to "what could we have done better?"', async () => {
    const phone = '+15550003002';
    const customerId = await addCustomer({ channel: 'sms', externalId: phone });
    const now = new Date();
    const orderNumber = await questionQueued(customerId, 'sms', 'nps-3', now);
    const twilio = twilioExpecting(config, 1);
    assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent');
    assert.ok(twilio.scope.isDone());

    assert.equal(await textSms(app, phone, '3'), 'Thank you for telling us. What could we have done better?');
    assert.equal(await textSms(app, phone, 'The box arrived crushed'), "Thank you, we'll use it to do better.");
    const responses = await NpsResponseModel.find({ customerId }).lean();
    assert.deepEqual(
      responses.map((response) => [response.orderNumber, response.score, response.channel, response.comment]),
      [[orderNumber, 3, 'sms', 'The box arrived crushed']],
    );
    assert.equal(await scoreCount(3), 1);

    // The question is closed: a later number is an ordinary message, not a second answer.
    assert.notEqual(await textSms(app, phone, '9'), 'Thank you for your answer!');
    assert.equal(await NpsResponseModel.countDocuments({ customerId }), 1);
    assert.equal(await scoreCount(9), 0);

    // The answer is the customer's personal data: in their export, gone with their erasure (the count stays, it names nobody).
    const exported = await exportCustomerData(customerId);
    assert.deepEqual((exported!.collections.NpsResponse as { comment: string }[]).map((response) => response.comment), ['The box arrived crushed']);
    assert.equal(exported!.collections.NpsQuestion!.length, 1);
    await eraseCustomerData(customerId);
    assert.deepEqual([await NpsResponseModel.countDocuments(), await NpsQuestionModel.countDocuments(), await scoreCount(3)], [0, 0, 1]);
  });

  it('takes an opt-out, STOP or "talk to a person" sent instead of the detractor\'s comment as that request, not as the comment', async () => {
    const now = new Date();
    const asked = async (channel: 'sms' | 'whatsapp', externalId: string) => {
      const customerId = await customerOn({ [channel]: externalId });
      await wroteAt(channel, externalId, new Date(now.getTime() - 30 * HOUR));
      const orderNumber = await questionQueued(customerId, channel, `nps-request-${externalId}`, now);
      const scope = channel === 'sms' ? twilioExpecting(config, 1).scope : nock('https://graph.facebook.com').post(`/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`).reply(200, { messages: [{ id: 'wamid.nps' }] });
      assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent', (await OutboxModel.findOne({ jobKey: `nps:${orderNumber}` }).lean())?.lastError ?? '');
      assert.ok(scope.isDone());
      return customerId;
    };
    const marketingRecords = (customerId: Types.ObjectId) => ConsentRecordModel.find({ customerId, purpose: 'marketing' }).lean();

    const offers = await asked('sms', '+15550003021');
    assert.equal(await textSms(app, '+15550003021', '2'), 'Thank you for telling us. What could we have done better?');
    assert.equal(await textSms(app, '+15550003021', 'Stop sending me offers'), "You won't get marketing messages from us any more. We'll still send updates about orders you place.");
    assert.deepEqual((await marketingRecords(offers)).map((record) => [record.channel, record.granted]), [['all', false]]);

    // WhatsApp has no carrier keyword step: STOP reaches the flows, and must still opt out.
    const stop = await asked('whatsapp', '15550003023');
    const shopper = new Shopper('whatsapp', '15550003023');
    shopper.now = now;
    assert.equal((await shopper.says('1')).text, 'Thank you for telling us. What could we have done better?');
    assert.match((await shopper.says('STOP')).text, /^You're unsubscribed: no more messages from us here/);
    assert.deepEqual((await marketingRecords(stop)).map((record) => [record.channel, record.granted]), [['whatsapp', false]]);

    await asked('sms', '+15550003022');
    assert.equal(await textSms(app, '+15550003022', '0'), 'Thank you for telling us. What could we have done better?');
    assert.match(await textSms(app, '+15550003022', 'talk to a person'), /a person/, 'opening hours decide which of the two handoff answers');
    assert.equal(await HandoffConversationModel.countDocuments({ key: 'sms:+15550003022' }), 1);

    // Each score is kept; none of the three requests became a comment.
    const responses = await NpsResponseModel.find().sort({ score: 1 }).lean();
    assert.deepEqual(responses.map((response) => [response.score, response.comment ?? null]), [[0, null], [1, null], [2, null]]);
  });

  it('thanks a promoter for "10/10" and a passive for "eight", with no follow-up question', async () => {
    const now = new Date();
    for (const [phone, answer, score] of [['+15550003003', '10/10', 10], ['+15550003004', 'eight', 8]] as const) {
      const customerId = await addCustomer({ channel: 'sms', externalId: phone });
      const orderNumber = await questionQueued(customerId, 'sms', `nps-${phone}`, now);
      const twilio = twilioExpecting(config, 1);
      assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent');
      assert.ok(twilio.scope.isDone());
      assert.equal(await textSms(app, phone, answer), 'Thank you for your answer!');
      assert.equal(await scoreCount(score), 1);
    }
  });

  it('asks and thanks in the customer\'s language, and reads a score written the way it is written there ("九分")', async () => {
    const phone = '+15550003009';
    const customerId = await addCustomer({ channel: 'sms', externalId: phone });
    await CustomerModel.updateOne({ _id: customerId }, { $set: { locale: 'zh-CN', localeSource: 'asked' } });
    const now = new Date();
    const orderNumber = await questionQueued(customerId, 'sms', 'nps-zh', now);
    const twilio = twilioExpecting(config, 1);
    assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent');
    assert.ok(twilio.scope.isDone());
    assert.equal(twilio.sent[0]!.Body, '从 0 到 10 分，您有多大可能向朋友推荐Corner Market？请回复一个数字。');
    assert.equal(await textSms(app, phone, '九分'), '感谢您的回答！');
    assert.equal(await scoreCount(9), 1);
  });

  it('leaves a number that answers another dialogue (a pick from a list) to that dialogue; the question stays open', async () => {
    const phone = '+15550003005';
    const customerId = await addCustomer({ channel: 'sms', externalId: phone });
    const now = new Date();
    const orderNumber = await questionQueued(customerId, 'sms', 'nps-5', now);
    const twilio = twilioExpecting(config, 1);
    assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent');
    assert.ok(twilio.scope.isDone());

    assert.match(await textSms(app, phone, 'coffee'), /1\) Colombian Coffee/);
    assert.match(await textSms(app, phone, '1'), /Colombian Coffee/);
    assert.equal(await NpsResponseModel.countDocuments({ customerId }), 0);
    const session = await SessionModel.findOne({ key: `sms:${phone}` }).lean();
    assert.equal(session?.survey?.orderNumber, orderNumber, 'still open');
  });

  it('on WhatsApp outside the 24-hour window, asks with the approved template WHATSAPP_TEMPLATE_NPS, the seller as its parameter', async () => {
    const now = new Date();
    const customerId = await customerOn({ whatsapp: '15550003011' });
    await wroteAt('whatsapp', '15550003011', new Date(now.getTime() - 30 * HOUR));
    const orderNumber = await questionQueued(customerId, 'whatsapp', 'nps-wa', now);
    const graph = nock('https://graph.facebook.com')
      .post(`/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '15550003011',
        type: 'template',
        template: { name: 'nps_question', language: { policy: 'deterministic', code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Corner Market' }] }] },
      })
      .reply(200, { messages: [{ id: 'wamid.nps' }] });
    assert.equal(await dispatcherFor(config).trySend(`nps:${orderNumber}`, now), 'sent');
    assert.ok(graph.isDone());
    assert.equal((await SessionModel.findOne({ key: 'whatsapp:15550003011' }).lean())?.survey?.orderNumber, orderNumber);
  });

  it('NPS_PURPOSE=marketing asks only customers with a marketing opt-in there, as marketing; a voice-only customer is never asked', async () => {
    const marketing = notifyConfig({ QUIET_HOURS: 'off', NPS_PURPOSE: 'marketing' });
    const now = new Date();
    const optedIn = await addCustomer({ channel: 'sms', externalId: '+15550003006' });
    await recordConsent({ customerId: optedIn, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text' });
    const notOptedIn = await addCustomer({ channel: 'sms', externalId: '+15550003007' });
    const voiceOnly = await addCustomer({ channel: 'alexa', externalId: 'amzn1.ask.account.NPS' });
    const orders = [];
    for (const [customerId, channel] of [[optedIn, 'sms'], [notOptedIn, 'sms'], [voiceOnly, 'alexa']] as const) {
      orders.push(await questionQueued(customerId, channel, `nps-m-${String(customerId)}`, now));
    }

    const twilio = twilioExpecting(config, 1);
    const dispatcher = dispatcherFor(marketing);
    const outcomes = [];
    for (const orderNumber of orders) outcomes.push(await dispatcher.trySend(`nps:${orderNumber}`, now));
    assert.deepEqual(outcomes, ['sent', 'withheld', 'withheld']);
    assert.ok(twilio.scope.isDone());
    assert.deepEqual(twilio.sent, [{ To: '+15550003006', From: marketing.TWILIO_FROM, Body: `Corner Market: ${QUESTION} Reply STOP to opt out.` }]);
    const reasons = await Promise.all(orders.slice(1).map(async (orderNumber) => (await OutboxModel.findOne({ jobKey: `nps:${orderNumber}` }).lean())!.lastError));
    assert.deepEqual(reasons, ['sms: no marketing consent', 'no text channel to ask on (voice-only customers are not asked)']);
    assert.equal(await NpsQuestionModel.countDocuments(), 1);
  });
});
