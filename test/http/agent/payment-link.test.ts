import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { HandoffConversationModel, OrderModel, OutboxModel, TranscriptMessageModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { commerceSettings } from '../../../src/services/settings';
import { linkChannels } from '../../../src/channels/registry';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { nock, withFakeHttp } from '../../support/fake-http';
import { signedInStaff, type SignedInStaff } from '../../support/staff';

/** Issue 19 with issue 17: an agent sends the Checkout link of an order awaiting payment, within the channel's rules. */

const stripeConfig = testConfig({ HANDOFF_OPENING_HOURS: 'always', PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_agentLinkKey', STRIPE_WEBHOOK_SECRET: 'whsec_agentLinkSecret' });
const offConfig = testConfig({ HANDOFF_OPENING_HOURS: 'always' });
const CHECKOUT_URL = 'https://checkout.stripe.com/c/pay/cs_test_agent';
const GRAPH_SEND = `/${stripeConfig.GRAPH_API_VERSION}/${stripeConfig.WHATSAPP_PHONE_NUMBER_ID}/messages`;

/** A WhatsApp shopper who ordered one Colombian Coffee (on `config`'s payments) and then asked for a person: their order and conversation. */
async function orderedThenAskedForAPerson(config: typeof stripeConfig, phone: string, daysAgo = 0): Promise<{ orderNumber: string; conversationId: string }> {
  await addCustomer({ channel: 'whatsapp', externalId: phone });
  const shopper = new Shopper('whatsapp', phone, { settings: commerceSettings(config, { linkChannels: linkChannels() }) });
  shopper.now = new Date(Date.now() - daysAgo * 24 * 60 * 60_000);
  await shopper.says('add 1 colombian coffee');
  await shopper.says('checkout');
  await shopper.says('yes');
  await shopper.says('talk to a person');
  const order = (await OrderModel.findOne({ channel: 'whatsapp' }).sort({ _id: -1 }).lean())!;
  const conversation = (await HandoffConversationModel.findOne({ key: `whatsapp:${phone}` }).lean())!;
  return { orderNumber: order.orderNumber, conversationId: conversation._id.toHexString() };
}

async function claimed(agent: SignedInStaff, conversationId: string) {
  await agent.http.post(`/agent/api/conversations/${conversationId}/claim`).set('x-csrf-token', agent.csrfToken).send({}).expect(200);
}

function sendLink(agent: SignedInStaff, conversationId: string, orderNumber: string, messageId = randomUUID()) {
  return agent.http.post(`/agent/api/conversations/${conversationId}/payment-link`).set('x-csrf-token', agent.csrfToken).send({ messageId, orderNumber });
}

const agentRepliesQueued = () => OutboxModel.countDocuments({ jobKey: /^agent-reply:/ });

describe('an agent sends a payment link from the inbox', () => {
  withFakeHttp();
  beforeEach(freshDemoStore);

  it("sends a WhatsApp customer's awaiting-payment order's Checkout link as a Pay now button, once, and refuses another customer's order", async () => {
    const app = createApp({ config: stripeConfig, log: silentLog });
    const stripeForms: Record<string, string>[] = [];
    const session = nock(stripeConfig.STRIPE_API_BASE_URL)
      .post('/v1/checkout/sessions', (form: Record<string, string>) => stripeForms.push(form) > 0)
      .matchHeader('authorization', 'Bearer sk_test_agentLinkKey')
      .reply(200, { id: 'cs_test_agent', object: 'checkout.session', url: CHECKOUT_URL });
    const { orderNumber, conversationId } = await orderedThenAskedForAPerson(stripeConfig, '15550105555');
    assert.ok(session.isDone(), 'the link was made once, at placement; sending it again asks Stripe nothing');
    const order = (await OrderModel.findOne({ orderNumber }).lean())!;
    assert.equal(order.status, 'awaiting_payment');
    assert.deepEqual(
      [stripeForms.length, stripeForms[0]!.mode, stripeForms[0]!['line_items[0][price_data][product_data][name]'], stripeForms[0]!['metadata[order_number]'], stripeForms[0]!.client_reference_id],
      [1, 'payment', 'Colombian Coffee', orderNumber, String(order._id)],
    );
    const other = await orderedThenAskedForAPerson(offConfig, '15550106666');

    const agent = await signedInStaff(app, 'agent');
    await claimed(agent, conversationId);
    await claimed(agent, other.conversationId);

    const foreign = await sendLink(agent, other.conversationId, orderNumber);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'ORDER_NOT_FOUND');
    assert.equal(await agentRepliesQueued(), 0, 'nothing sent for another customer\'s order');

    const sent = nock(stripeConfig.GRAPH_API_BASE_URL)
      .post(GRAPH_SEND, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '15550105555',
        type: 'interactive',
        interactive: { type: 'cta_url', body: { text: `Please pay here: ${CHECKOUT_URL}. I'll hold your items for 30 minutes.` }, action: { name: 'cta_url', parameters: { display_text: 'Pay now', url: CHECKOUT_URL } } },
      })
      .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.link' }] });
    const messageId = randomUUID();
    await sendLink(agent, conversationId, orderNumber, messageId).expect(202);
    await sendLink(agent, conversationId, orderNumber, messageId).expect(202);
    assert.ok(sent.isDone());
    assert.equal(await agentRepliesQueued(), 1, 'a resubmission sends nothing twice');
    const recorded = await TranscriptMessageModel.find({ author: 'agent' }).lean();
    assert.deepEqual(recorded.map((entry) => [entry.channel, entry.text]), [['whatsapp', `Please pay here: ${CHECKOUT_URL}. I'll hold your items for 30 minutes.`]]);
  });

  it('refuses with the reason when payments are off, sending nothing', async () => {
    const app = createApp({ config: offConfig, log: silentLog });
    const { orderNumber, conversationId } = await orderedThenAskedForAPerson(offConfig, '15550107777');
    const agent = await signedInStaff(app, 'agent');
    await claimed(agent, conversationId);
    const refused = await sendLink(agent, conversationId, orderNumber);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'AGENT_REPLY_REFUSED');
    assert.equal(refused.body.error.details.reason, 'Payments are off (PAYMENTS=off): orders are paid on delivery, so there is no link to send.');
    assert.equal(await agentRepliesQueued(), 0);
  });

  it("refuses outside WhatsApp's 24-hour window: a template cannot carry the link", async () => {
    const app = createApp({ config: offConfig, log: silentLog });
    const { orderNumber, conversationId } = await orderedThenAskedForAPerson(offConfig, '15550108888', 2);
    const agent = await signedInStaff(app, 'agent');
    await claimed(agent, conversationId);
    const refused = await sendLink(agent, conversationId, orderNumber);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.details.reason, /^A payment link goes only as a message of its own, not in a template\. WhatsApp: the 24-hour customer service window is closed/);
    assert.equal(await agentRepliesQueued(), 0);
  });
});
