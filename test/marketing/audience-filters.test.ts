import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { CampaignModel, CustomerModel, ProductModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { computeTotals } from '../../src/core/money';
import { createApp } from '../../src/http/app';
import { advanceOrder, placeOrder } from '../../src/services/orders';
import { recordConsent } from '../../src/store/consent-store';
import { addProduct, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { resetDatabase } from '../support/database';
import { silentLog, TEST_ADMIN_KEY, testConfig } from '../support/config';
import { customerOn } from '../support/notify';

/**
 * Issue 20 item 1, the audience filters besides locale and cart abandoners: past buyers of a category,
 * the last order before or after a day, and interests; each preview counted with customers that match
 * and customers that do not, and never anyone without a marketing opt-in on the channel.
 */

const app = createApp({ config: testConfig(), log: silentLog });
const admin = {
  post: (url: string, body: object) => request(app).post(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY).send(body),
  get: (url: string) => request(app).get(`/admin${url}`).set('x-api-key', TEST_ADMIN_KEY),
};

let orders = 0;
async function bought(customerId: Types.ObjectId, sku: 'MUG' | 'TEA', day: string): Promise<Types.ObjectId> {
  const lines = [{ sku, name: sku, quantity: 1, unitPriceMinor: 500 }];
  const placed = await placeOrder({ idempotencyKey: `audience-${(orders += 1)}`, customerId, channel: 'sms', lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, new Date(`${day}T15:00:00Z`));
  assert.ok(placed.ok);
  return placed.order._id;
}

async function shopper(phone: string, optedIn: boolean, interests?: string[]): Promise<Types.ObjectId> {
  const customerId = await customerOn({ sms: phone } as Partial<Record<Channel, string>>);
  if (interests) await CustomerModel.updateOne({ _id: customerId }, { $set: { interests } });
  if (optedIn) await recordConsent({ customerId, channel: 'sms', purpose: 'marketing', granted: true, kind: 'admin', source: 'test', wording: 'Offers by text, reply STOP to end' }, new Date('2026-01-01T12:00:00Z'));
  return customerId;
}

/** The preview's SMS count for a campaign with these audience filters. */
async function reach(audience: object): Promise<number> {
  const created = await admin.post('/campaigns', { name: 'Filters', channels: ['sms'], text: 'Hello', audience, sendDate: '2026-07-01', sendTime: '12:00' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const preview = await admin.get(`/campaigns/${created.body.campaignId}/preview`);
  assert.equal(preview.status, 200);
  return preview.body.audience.sms as number;
}

describe('campaign audience filters: category, last order, interests (issue 20 item 1)', () => {
  before(async () => {
    await resetDatabase();
    await addProduct('MUG', { stock: 100 });
    await addProduct('TEA', { stock: 100 });
    await ProductModel.updateOne({ sku: 'MUG' }, { $set: { category: 'kitchen' } });
    await ProductModel.updateOne({ sku: 'TEA' }, { $set: { category: 'tea' } });

    // Ann bought a mug in June.
    await bought(await shopper('+15550004001', true), 'MUG', '2026-06-15');
    // Ben bought tea in January, then 20 mugs in February: the tea is older than his order summary holds.
    const ben = await shopper('+15550004002', true);
    await bought(ben, 'TEA', '2026-01-10');
    for (let day = 1; day <= 20; day++) await bought(ben, 'MUG', `2026-02-${String(day).padStart(2, '0')}`);
    // Cara never ordered; an agent tagged her interests.
    await shopper('+15550004003', true, ['espresso', 'city:lisbon']);
    // Dan matches everything but never opted in.
    const dan = await shopper('+15550004004', false, ['espresso']);
    await bought(dan, 'TEA', '2026-06-20');
    await bought(dan, 'MUG', '2026-01-05');
    // Eve's only order, of tea, was cancelled: she bought nothing.
    const eve = await shopper('+15550004005', true);
    await advanceOrder(await bought(eve, 'TEA', '2026-06-10'), 'cancelled', 'admin', {}, new Date('2026-06-10T16:00:00Z'));
  });

  it('counts only opted-in customers, all four without a filter', async () => {
    assert.equal(await reach({}), 4);
  });

  it('past buyers of a category, also beyond the order summary, and not of a cancelled order', async () => {
    assert.equal(await reach({ boughtCategory: 'kitchen' }), 2, 'Ann and Ben');
    assert.equal(await reach({ boughtCategory: 'tea' }), 1, 'Ben, from his order history; not Eve (cancelled), not Dan (no opt-in)');
    assert.equal(await reach({ boughtSku: 'TEA' }), 1);
    assert.equal(await reach({ boughtCategory: 'garden' }), 0);
  });

  it('last order before or after a day (the day itself counts for neither)', async () => {
    assert.equal(await reach({ lastOrderBefore: '2026-06-01' }), 1, 'Ben (20 February); Ann ordered since, Cara and Eve never bought');
    assert.equal(await reach({ lastOrderAfter: '2026-06-01' }), 1, 'Ann');
    assert.equal(await reach({ lastOrderAfter: '2026-06-15' }), 0);
    assert.equal(await reach({ lastOrderBefore: '2026-06-16' }), 2);
    assert.equal(await reach({ lastOrderAfter: '2026-02-19', lastOrderBefore: '2026-06-15' }), 1, 'Ben, between the two');
  });

  it('any of the given interests, typed in any case, and together with other filters', async () => {
    assert.equal(await reach({ interests: ['Espresso'] }), 1, 'Cara; Dan is tagged too but never opted in');
    assert.equal(await reach({ interests: ['surfing', 'city:lisbon'] }), 1);
    assert.equal(await reach({ interests: ['surfing'] }), 0);
    assert.equal(await reach({ interests: ['espresso'], boughtCategory: 'kitchen' }), 0);
  });

  it('refuses filters that are not well formed, with a 400 and nothing stored', async () => {
    const body = { name: 'Bad', channels: ['sms'], text: 'Hello', sendDate: '2026-07-01', sendTime: '12:00' };
    for (const audience of [{ lastOrderBefore: '2026-13-01' }, { interests: ['no spaces allowed!'] }, { interests: [] }, { lastOrderAfter: '2026-06-02', lastOrderBefore: '2026-06-01' }, { boughtCategory: '' }, { interests: Array.from({ length: 21 }, (_, i) => `tag${i}`) }]) {
      const refused = await admin.post('/campaigns', { ...body, audience });
      assert.equal(refused.status, 400, JSON.stringify(audience));
      assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
    }
    assert.equal(await CampaignModel.countDocuments({ name: 'Bad' }), 0);
  });
});
