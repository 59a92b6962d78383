import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { CampaignAttributionModel, CampaignModel, InsightDailyModel, OutboxModel } from '../../models';
import { computeTotals } from '../../src/core/money';
import { createApp } from '../../src/http/app';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { createCampaign, followShortLink } from '../../src/services/campaigns';
import { countPlacedOrder, discardPendingInsights, flushInsights, insightReport, ORDER_INSIGHTS_JOB_KIND, type OrderInsightsPayload } from '../../src/services/insights';
import { afterEachOrderStep, placeOrder, resumeUnfinishedOrders, RESUME_AFTER_MS } from '../../src/services/orders';
import { insertShortLink } from '../../src/store/campaign-store';
import { countInsight } from '../../src/store/insight-store';
import { enqueueJob } from '../../src/store/outbox-store';
import { addProduct, NO_DAILY_LIMIT, settings } from '../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../support/config';
import { resetDatabase } from '../support/database';
import { countQueuedOrders, customerOn } from '../support/notify';
import { waitUntil } from '../support/processes';

/**
 * Issue 20 review items 2, 13 and 15: a placed order's figures and its campaign credit come from an
 * outbox job queued by every run that finishes the placement and counted once per order by a unique
 * insert (not from process memory); counts a flush could not write are kept, and a shutdown waits for
 * the outbox run in flight; a campaign's report is read from the aggregates, revenue per currency.
 */

const app = createApp({ config: testConfig(), log: silentLog });
const CLICKED_AT = new Date('2026-11-10T15:00:00Z');
const DAY = '2026-11-10';
const LINES = [{ sku: 'MUG', name: 'Blue Mug', quantity: 2, unitPriceMinor: 1250 }];

/** A customer who clicked the campaign's link at CLICKED_AT; returns the campaign id. */
async function clickedCampaign(customerId: Types.ObjectId, code: string): Promise<string> {
  const { campaignId } = await createCampaign({ name: 'Mugs', channels: ['sms'], text: 'Mugs', linkTarget: 'https://shop.example/mugs', audience: {}, sendDate: DAY, sendTime: '09:00' });
  await insertShortLink({ code, campaignId, customerId, target: 'https://shop.example/mugs', medium: 'sms' });
  await followShortLink(code, CLICKED_AT, 'corner-market');
  await flushInsights();
  return campaignId;
}

function order(customerId: Types.ObjectId, key: string, currency = 'USD', now = new Date(CLICKED_AT.getTime() + 60_000)) {
  return placeOrder({ idempotencyKey: key, customerId, channel: 'sms', lines: LINES, totals: computeTotals(LINES, { ...settings.pricing, currency }), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, now);
}

describe('order figures and campaign credit: durable, counted once (review items 2 and 15)', () => {
  let customerId: Types.ObjectId;
  let campaignId: string;

  beforeEach(async () => {
    await resetDatabase();
    await addProduct('MUG', { name: 'Blue Mug', priceMinor: 1250, stock: 50 });
    customerId = await customerOn({ sms: '+15550003001' });
    campaignId = await clickedCampaign(customerId, 'attributionCode1');
  });

  afterEach(() => afterEachOrderStep(() => undefined));

  it('counts and credits an order once when a crash after the charge is finished by a repeated yes and by maintenance, with the process memory lost', async () => {
    afterEachOrderStep((step) => {
      if (step === 'spend charged') throw new Error('crash');
    });
    await assert.rejects(order(customerId, 'crashed-yes'), /crash/);
    afterEachOrderStep(() => undefined);
    // The process that took the yes is gone, and whatever it held in memory with it.
    discardPendingInsights();

    // The shopper says yes again (the replay finishes the placement), and maintenance comes round as well.
    const replayed = await order(customerId, 'crashed-yes');
    assert.ok(replayed.ok && replayed.replayed);
    await resumeUnfinishedOrders(new Date(CLICKED_AT.getTime() + RESUME_AFTER_MS + 120_000));
    assert.equal(await OutboxModel.countDocuments({ kind: ORDER_INSIGHTS_JOB_KIND }), 1, 'one job per order');

    assert.equal(await countQueuedOrders(), 1);
    // A second run of the job's work (a retry after a lost acknowledgement, another worker) counts nothing.
    const job = (await OutboxModel.findOne({ kind: ORDER_INSIGHTS_JOB_KIND }).lean())!;
    assert.equal(await countPlacedOrder(job.payload as OrderInsightsPayload), false);

    const totalMinor = replayed.order.totalMinor;
    const report = await insightReport(DAY, DAY);
    assert.deepEqual(report.funnel, [{ channel: 'sms', browse: 0, cart: 0, readBack: 0, order: 1 }]);
    assert.deepEqual(report.revenue, [{ channel: 'sms', currency: 'USD', totalMinor, orders: 1 }]);
    assert.deepEqual(report.campaigns, [{ campaignId, name: 'Mugs', sends: 0, clicks: 1, attributedOrders: 1, attributedRevenue: [{ currency: 'USD', totalMinor }] }]);
    assert.deepEqual(
      await CampaignAttributionModel.find().select({ _id: 0, orderNumber: 1, campaignId: 1 }).lean(),
      [{ orderNumber: replayed.order.orderNumber, campaignId }],
    );
  });

  it("reports a campaign's attributed revenue per currency, never summed across them, from the aggregates (GET /admin/campaigns/:id)", async () => {
    const dollars = await order(customerId, 'in-dollars', 'USD');
    const euros = await order(customerId, 'in-euros', 'EUR', new Date(CLICKED_AT.getTime() + 120_000));
    // An order of someone who never clicked is counted but credited to no campaign.
    const other = await customerOn({ sms: '+15550003002' });
    await order(other, 'no-click');
    assert.ok(dollars.ok && euros.ok);
    assert.equal(await countQueuedOrders(), 3);

    // The report covers the days from the campaign's creation, dated back here to the click's day.
    await CampaignModel.collection.updateOne({ campaignId }, { $set: { createdAt: new Date(`${DAY}T00:00:00Z`) } });
    const { report } = (await request(app).get(`/admin/campaigns/${campaignId}`).set('x-api-key', TEST_ADMIN_KEY).expect(200)).body;
    assert.deepEqual(report, {
      sends: {},
      clicks: 1,
      attributedOrders: 2,
      attributedRevenue: [
        { currency: 'EUR', totalMinor: euros.order.totalMinor },
        { currency: 'USD', totalMinor: dollars.order.totalMinor },
      ],
    });
  });
});

describe('insight counts survive a failed flush and a shutdown (review item 13)', () => {
  before(resetDatabase);

  it('keeps the counts of a flush the database refused and writes them with the next one', async () => {
    await countInsight('2026-11-11', 'order', 'sms');
    const bulkWrite = InsightDailyModel.bulkWrite;
    InsightDailyModel.bulkWrite = (() => Promise.reject(new Error('connection reset'))) as typeof bulkWrite;
    try {
      await assert.rejects(flushInsights(), /connection reset/);
    } finally {
      InsightDailyModel.bulkWrite = bulkWrite;
    }
    await countInsight('2026-11-11', 'order', 'sms');
    await flushInsights();
    assert.deepEqual(await InsightDailyModel.find({ day: '2026-11-11' }).select({ _id: 0, key: 1, count: 1 }).lean(), [{ key: 'sms', count: 2 }]);
  });

  it("stopping the outbox's interval waits for the job it is running", async () => {
    let started = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dispatcher = new OutboxDispatcher({ slow: { messageCount: () => 1, send: async () => ((started = true), await gate, { ok: true }) } }, silentLog);
    await enqueueJob({ jobKey: 'slow:1', kind: 'slow', payload: {} }, new Date(Date.now() - 1000));
    const stop = dispatcher.start(10);
    await waitUntil(() => started, 10_000, 'the job started');
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'still sending');
    release();
    await stopping;
    assert.equal((await OutboxModel.findOne({ jobKey: 'slow:1' }).lean())!.status, 'sent', 'finished before the stop resolved');
  });
});
