import assert from 'node:assert/strict';
import request from 'supertest';
import { MessageCostModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import { createApp } from '../../../src/http/app';
import { updateOrderStatus } from '../../../src/services/orders';
import { silentLog, TEST_ADMIN_KEY } from '../../support/config';
import { resetDatabase } from '../../support/database';
import { nock, withFakeHttp } from '../../support/fake-http';
import { postMetaWebhook } from '../../support/meta-webhooks';
import { customerOn, dispatcherFor, NOON_NEW_YORK, notifyConfig, packedOrder, wroteAt } from '../../support/notify';

// A rate table where every category costs something, so each recorded cost names its category.
const config = notifyConfig({ WHATSAPP_RATES_PER_1000: 'service:7,utility:400,marketing:2500,authentication:1350' });
const outbox = dispatcherFor(config);
const app = createApp({ config, outbox, log: silentLog });
const SEND_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const HOUR = 3600_000;
const DANA = '15550002222';

const costs = async () => (await MessageCostModel.find().lean()).map(({ channel, category, costMilliMinor, currency, day }) => ({ channel, category, costMilliMinor, currency, day })).sort((a, b) => a.category.localeCompare(b.category));

function categoryUpdate(value: object): object {
  return { object: 'whatsapp_business_account', entry: [{ id: 'WABA-1', time: 1_765_000_000, changes: [{ field: 'template_category_update', value }] }] };
}

/** Dana, who last wrote on WhatsApp 30 hours before noon: order updates need the template. */
async function danaWithAPackedOrder() {
  const customerId = await customerOn({ whatsapp: DANA });
  await wroteAt('whatsapp', DANA, new Date(NOON_NEW_YORK.getTime() - 30 * HOUR));
  return packedOrder(customerId, 'whatsapp');
}

describe('WhatsApp pricing categories, estimated costs and template re-categorisation', () => {
  withFakeHttp();
  beforeEach(resetDatabase);

  it('records the category and estimated cost of each sent reply (service) and template (utility), once, and sums them per channel and category', async () => {
    const scope = nock('https://graph.facebook.com').post(SEND_PATH).times(2).reply(200, { messages: [{ id: 'wamid.out' }] });
    const message = { from: '15550003333', id: 'wamid.IN1', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'hello' } };
    const webhook = { object: 'whatsapp_business_account', entry: [{ id: 'WABA-1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: config.WHATSAPP_PHONE_NUMBER_ID }, contacts: [{ wa_id: '15550003333' }], messages: [message] } }] }] };
    assert.equal((await postMetaWebhook(app, '/whatsapp', webhook)).status, 200);
    await drainBackground();

    const order = await danaWithAPackedOrder();
    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1Z9' } }, NOON_NEW_YORK);
    await outbox.runDue(NOON_NEW_YORK);
    await outbox.runDue(NOON_NEW_YORK);
    assert.ok(scope.isDone());

    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(await costs(), [
      { channel: 'whatsapp', category: 'service', costMilliMinor: 7, currency: 'USD', day: today },
      { channel: 'whatsapp', category: 'utility', costMilliMinor: 400, currency: 'USD', day: '2026-06-15' },
    ]);

    const spend = await request(app).get('/admin/message-spend').query({ from: '2026-06-15', to: '2026-06-15' }).set('x-api-key', TEST_ADMIN_KEY);
    assert.equal(spend.status, 200);
    assert.deepEqual(spend.body, { from: '2026-06-15', to: '2026-06-15', rows: [{ channel: 'whatsapp', category: 'utility', currency: 'USD', messages: 1, estimatedCostMinor: 0 }] });
    const refused = await request(app).get('/admin/message-spend').query({ from: '2026-06-15', to: '2025-01-01' }).set('x-api-key', TEST_ADMIN_KEY);
    assert.equal(refused.status, 400);
  });

  it('stops using a template Meta re-categorised as marketing for order updates, and says why in the notifications list', async () => {
    const order = await danaWithAPackedOrder();
    const template = { message_template_id: 1_234_567, message_template_name: config.WHATSAPP_TEMPLATE_ORDER_UPDATE, message_template_language: config.WHATSAPP_TEMPLATE_LANGUAGE };
    // Announced first: the template stays usable until the change is made.
    assert.equal((await postMetaWebhook(app, '/whatsapp', categoryUpdate({ ...template, correct_category: 'MARKETING', new_category: 'UTILITY', category_update_timestamp: 1_767_225_600 }))).status, 200);
    const before = nock('https://graph.facebook.com')
      .post(SEND_PATH, (body: { type?: string; template?: { name?: string } }) => body.type === 'template' && body.template?.name === 'order_status_update')
      .reply(200, { messages: [{ id: 'wamid.1' }] });
    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1Z9' } }, NOON_NEW_YORK);
    await outbox.runDue(NOON_NEW_YORK);
    assert.ok(before.isDone(), 'the utility template went out before the change');

    assert.equal((await postMetaWebhook(app, '/whatsapp', categoryUpdate({ ...template, previous_category: 'UTILITY', new_category: 'MARKETING' }))).status, 200);
    await updateOrderStatus(order.orderNumber, 'delivered', 'admin', {}, NOON_NEW_YORK);
    await outbox.runDue(NOON_NEW_YORK);
    // Nothing more reached the Cloud API (nock would have refused it); the job says why.
    const list = await request(app).get('/admin/notifications').query({ kind: 'notification' }).set('x-api-key', TEST_ADMIN_KEY);
    const delivered = (list.body.jobs as { jobKey: string; status: string; lastError: string | null }[]).find((job) => job.jobKey.endsWith(':delivered'));
    assert.equal(delivered?.status, 'dead');
    assert.match(delivered?.lastError ?? '', /template order_status_update \(en_US\) was re-categorised from UTILITY to MARKETING on \d{4}-\d{2}-\d{2}; it is not used for utility messages/);
    assert.deepEqual((await costs()).map((c) => c.category), ['utility']);
  });
});
