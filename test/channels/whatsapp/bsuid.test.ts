import assert from 'node:assert/strict';
import { ChannelIdentityModel, OrderModel, SessionModel } from '../../../models';
import { drainBackground } from '../../../src/channels/background';
import { createApp } from '../../../src/http/app';
import { OutboxDispatcher } from '../../../src/notify/outbox';
import { outboxSenders } from '../../../src/notify/senders';
import { updateOrderStatus } from '../../../src/services/orders';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { nock, withFakeHttp } from '../../support/fake-http';
import { postMetaWebhook } from '../../support/meta-webhooks';
import { customerOn, dispatcherFor, NOON_NEW_YORK, packedOrder, wroteAt } from '../../support/notify';

const config = testConfig();
const outbox = new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000 });
const app = createApp({ config, log: silentLog, outbox });
const SEND_PATH = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
/** Alice's WhatsApp number in the demo data: her customer, orders and all, are keyed by it. */
const ALICE_PHONE = '15550100001';
const ALICE_BSUID = 'US.13491208655302741918';

let seq = 0;
/** One inbound text as the Cloud API sends it since BSUIDs: `from_user_id` always, `from` (and `wa_id`) only when the phone number is shared. */
function textFrom(ids: { bsuid?: string; phone?: string }, body: string): object {
  const contact = { profile: { name: 'Alice' }, ...(ids.phone ? { wa_id: ids.phone } : {}), ...(ids.bsuid ? { user_id: ids.bsuid } : {}) };
  const message = { id: `wamid.BSUID${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body }, ...(ids.phone ? { from: ids.phone } : {}), ...(ids.bsuid ? { from_user_id: ids.bsuid } : {}) };
  const value = { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550009999', phone_number_id: config.WHATSAPP_PHONE_NUMBER_ID }, contacts: [contact], messages: [message] };
  return { object: 'whatsapp_business_account', entry: [{ id: 'WABA-1', changes: [{ field: 'messages', value }] }] };
}

function cloudApi() {
  const bodies: Record<string, unknown>[] = [];
  const scope = nock('https://graph.facebook.com')
    .persist()
    .post(SEND_PATH, (body: Record<string, unknown>) => {
      bodies.push(body);
      return true;
    })
    .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.reply' }] });
  return { scope, bodies, texts: () => bodies.map((b) => (b.text as { body?: string } | undefined)?.body ?? (b.interactive as { body?: { text?: string } } | undefined)?.body?.text ?? '') };
}

async function deliver(body: object): Promise<void> {
  const res = await postMetaWebhook(app, '/whatsapp', body);
  assert.equal(res.status, 200);
  await drainBackground();
}

describe('WhatsApp business-scoped user ids (BSUIDs)', () => {
  withFakeHttp();
  before(freshDemoStore);

  it('answers a message with a BSUID and no phone number by the BSUID in `recipient`', async () => {
    const api = cloudApi();
    await deliver(textFrom({ bsuid: 'BR.1502576394655843' }, 'add 2 colombian coffee'));
    assert.ok(api.scope.isDone());
    assert.deepEqual(api.bodies[0], {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: 'BR.1502576394655843',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Added 2 Colombian Coffee. Your cart comes to $25.98 before tax and delivery. Anything else, or shall I check out?' },
        action: { buttons: [{ type: 'reply', reply: { id: 'CHECKOUT', title: 'Check out' } }, { type: 'reply', reply: { id: 'VIEW_CART', title: 'View cart' } }] },
      },
    });
    assert.equal(await SessionModel.countDocuments({ channel: 'whatsapp', channelUserId: 'BR.1502576394655843' }), 1, 'the conversation is keyed by the BSUID');
  });

  it("keeps a phone-keyed customer's orders when their BSUID first appears, and after the phone number is withheld", async () => {
    const api = cloudApi();
    // Before BSUIDs: Alice orders by phone number.
    for (const text of ['add pasta', 'checkout', 'yes']) await deliver(textFrom({ phone: ALICE_PHONE }, text));
    const alice = await ChannelIdentityModel.findOne({ channel: 'whatsapp', externalId: ALICE_PHONE }).lean();
    assert.equal(await OrderModel.countDocuments({ customerId: alice!.customerId, status: 'placed' }), 1);

    await deliver(textFrom({ bsuid: ALICE_BSUID, phone: ALICE_PHONE }, 'reorder my usual'));
    assert.ok(api.bodies.every((b) => b.to === ALICE_PHONE && b.recipient === undefined), 'with the phone number shared, replies go to it');
    const joined = await ChannelIdentityModel.findOne({ channel: 'whatsapp', externalId: ALICE_BSUID }).lean();
    assert.equal(String(joined?.customerId), String(alice!.customerId), 'the BSUID names the same customer');
    assert.match(api.texts().at(-1)!, /had 1 Pasta\./);

    // Later the phone number is withheld: the BSUID alone still finds Alice and her orders.
    const before = api.bodies.length;
    await deliver(textFrom({ bsuid: ALICE_BSUID }, 'where is my order'));
    const replies = api.bodies.slice(before);
    assert.ok(replies.length > 0 && replies.every((b) => b.recipient === ALICE_BSUID && b.to === undefined));
    assert.match(api.texts().at(-1)!, /^Order \d{3}-\d{3} from \w+day, \w+ \d+ is \w+\./);
    assert.equal(await ChannelIdentityModel.countDocuments({ customerId: alice!.customerId, channel: 'whatsapp' }), 2);
  });

  it('notifies by phone number inside the window that a message from the BSUID opened, as free text', async () => {
    const customerId = await customerOn({ whatsapp: '15550004444' });
    await ChannelIdentityModel.create({ channel: 'whatsapp', externalId: 'US.777000111', customerId });
    await wroteAt('whatsapp', '15550004444', new Date(NOON_NEW_YORK.getTime() - 30 * 3600_000));
    await wroteAt('whatsapp', 'US.777000111', new Date(NOON_NEW_YORK.getTime() - 3600_000));
    const order = await packedOrder(customerId, 'whatsapp');
    const scope = nock('https://graph.facebook.com')
      .post(SEND_PATH, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550004444', type: 'text', text: { body: `Corner Market: your order ${order.orderNumber} is on its way. Tracking: UPS 1Z9` } })
      .reply(200, { messages: [{ id: 'wamid.n1' }] });
    await updateOrderStatus(order.orderNumber, 'shipped', 'admin', { tracking: { carrier: 'UPS', number: '1Z9' } }, NOON_NEW_YORK);
    await dispatcherFor(config).runDue(NOON_NEW_YORK);
    assert.ok(scope.isDone());
  });
});
