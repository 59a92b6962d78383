import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import request from 'supertest';
import { CustomerModel, HandoffConversationModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { commerceSettings } from '../../../src/services/settings';
import { linkChannels } from '../../../src/channels/registry';
import { addCustomer, freshDemoStore } from '../../support/commerce';
import { silentLog, TEST_ADMIN_KEY, testConfig } from '../../support/config';
import { Shopper } from '../../support/conversation';
import { signedInStaff, type SignedInStaff } from '../../support/staff';

/**
 * Issue 20 item 1, interests tagged by agents: an agent adds and removes short lowercase tags on the
 * customer of a conversation they may see (session and CSRF as for every inbox action), at most 20,
 * shown in the customer panel; the admin API sets the same tags; they leave with the customer's data.
 */

const config = testConfig({ HANDOFF_OPENING_HOURS: 'always' });
const app = createApp({ config, log: silentLog });
const admin = {
  post: (url: string, body: object = {}) => request(app).post(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY).send(body),
  get: (url: string) => request(app).get(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY),
};

let customerId: Types.ObjectId;
let conversation: string;
let ana: SignedInStaff;

const tag = (staff: SignedInStaff, change: object, id = conversation) => staff.http.post(`/agent/api/conversations/${id}/interests`).set('x-csrf-token', staff.csrfToken).send(change);
const stored = async () => (await CustomerModel.findById(customerId).lean())?.interests ?? [];

describe('interests tagged in the agent inbox and the admin API', () => {
  before(async () => {
    await freshDemoStore();
    customerId = await addCustomer({ channel: 'whatsapp', externalId: '15550105555' });
    await new Shopper('whatsapp', '15550105555', { settings: commerceSettings(config, { linkChannels: linkChannels() }) }).says('talk to a person');
    conversation = (await HandoffConversationModel.findOne({ key: 'whatsapp:15550105555' }).lean())!._id.toHexString();
    ana = await signedInStaff(app, 'agent');
    await ana.http.post(`/agent/api/conversations/${conversation}/claim`).set('x-csrf-token', ana.csrfToken).send({}).expect(200);
  });

  it('lets the agent add and remove tags (normalized), shown in the customer panel', async () => {
    assert.deepEqual((await tag(ana, { add: ['Espresso', 'cast  iron'] })).body, { interests: ['espresso', 'cast-iron'] });
    assert.deepEqual((await ana.http.get(`/agent/api/conversations/${conversation}`).expect(200)).body.customer.interests, ['espresso', 'cast-iron']);
    assert.deepEqual((await tag(ana, { add: ['espresso', 'gifts'], remove: ['cast-iron'] })).body, { interests: ['espresso', 'gifts'] }, 'each tag once');
    assert.deepEqual(await stored(), ['espresso', 'gifts']);
  });

  it('refuses without the CSRF token, for a conversation the agent may not see, and a tag that is not one', async () => {
    const before = await stored();
    assert.equal((await ana.http.post(`/agent/api/conversations/${conversation}/interests`).send({ add: ['tea'] })).status, 403);
    const bo = await signedInStaff(app, 'agent');
    assert.equal((await tag(bo, { add: ['tea'] })).status, 404, "Ana's conversation is not in Bo's inbox");
    assert.equal((await tag(ana, { add: ['tea'] }, new Types.ObjectId().toHexString())).status, 404);
    for (const change of [{ add: ['<script>'] }, { add: ['x'.repeat(51)] }, { add: [] }, { add: ['tea'], customerId: String(customerId) }]) {
      const refused = await tag(ana, change);
      assert.equal(refused.status, 400, JSON.stringify(change));
      assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
    }
    assert.deepEqual(await stored(), before);
  });

  it('keeps at most 20 per customer, through the inbox and the admin API alike', async () => {
    const eighteen = Array.from({ length: 18 }, (_, i) => `tag-${i}`);
    const added = await admin.post(`/customers/${String(customerId)}/interests`, { add: eighteen });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.interests.length, 20);
    const over = await tag(ana, { add: ['one-more'] });
    assert.equal(over.status, 400);
    assert.match(over.body.error.message, /at most 20 interests/);
    assert.equal((await stored()).length, 20);
    assert.equal((await admin.post(`/customers/${String(customerId)}/interests`, { add: ['one-more'], remove: ['tag-0'] })).status, 200, 'one out, one in');
    assert.equal((await admin.post(`/customers/${new Types.ObjectId().toHexString()}/interests`, { add: ['tea'] })).status, 404);
    assert.deepEqual((await admin.get(`/customers/${String(customerId)}`).expect(200)).body.interests, await stored());
  });

  it("goes with the customer's data export and erase", async () => {
    const exported = (await admin.get(`/customers/${String(customerId)}/export`).expect(200)).body as { collections: { Customer: { interests: string[] }[] } };
    assert.deepEqual(exported.collections.Customer[0]!.interests, await stored());
    await admin.post(`/customers/${String(customerId)}/erase`).expect(200);
    assert.equal(await CustomerModel.countDocuments({ interests: 'espresso' }), 0);
  });
});
