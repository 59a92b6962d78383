import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import request from 'supertest';
import { ChannelIdentityModel, InsightDailyModel } from '../../models';
import { createApp } from '../../src/http/app';
import { createCampaign, followShortLink, optOutByLink, recordCampaignSend } from '../../src/services/campaigns';
import { recordMarketingChoice } from '../../src/services/customers';
import { recordAgentMessage, requestHandoff } from '../../src/services/handoff';
import { insightReport, recordSearchOutcome, startInsightFlushing, type InsightReport } from '../../src/services/insights';
import { insertShortLink } from '../../src/store/campaign-store';
import { findHandoffByKey } from '../../src/store/handoff-store';
import { countInsight } from '../../src/store/insight-store';
import { freshDemoStore, settings } from '../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../support/config';
import { Shopper } from '../support/conversation';
import { placedOrder } from '../support/notify';
import { waitUntil } from '../support/processes';

/**
 * Issue 20 item 9, the figures behind the dashboard: counted as turns and events happen (conversations,
 * the funnel, revenue, searches, handoffs, consent, campaigns, NPS) and read back from the daily
 * aggregates by `insightReport` and the admin API, as JSON and CSV.
 */

const app = createApp({ config: testConfig(), log: silentLog });
const admin = (path: string) => request(app).get(`/admin${path}`).set('x-api-key', TEST_ADMIN_KEY);
const DAY = '2026-11-23';
const NEXT_DAY = '2026-11-24';

describe('insights: the report of every dashboard figure (issue 20)', () => {
  let report: InsightReport;
  let campaignId: string;
  /** The total of bob's second order, placed twice under one key (the repeat counts nothing). */
  let mugsMinor: number;

  before(async () => {
    await freshDemoStore();
    const bob = new Shopper('webchat', 'web-bob');
    const ann = new Shopper('sms', '+15550007001');

    await bob.says('show me coffee');
    const bobId = (await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: 'web-bob' }).lean())!.customerId;
    const campaign = await createCampaign({ name: 'Winter coffee', channels: ['sms'], text: 'Coffee', linkTarget: 'https://shop.example/coffee', audience: {}, sendDate: DAY, sendTime: '09:00' });
    campaignId = campaign.campaignId;
    // Sent once, however often its send is recorded; tapped twice in a minute: one click.
    assert.equal(await recordCampaignSend({ campaignId, customerId: bobId, channel: 'sms', at: bob.now }), true);
    assert.equal(await recordCampaignSend({ campaignId, customerId: bobId, channel: 'sms', at: bob.now }), false);
    await insertShortLink({ code: 'insightsCode1', campaignId, customerId: bobId, target: 'https://shop.example/coffee', medium: 'sms' });
    await followShortLink('insightsCode1', bob.later(1).now, 'corner-market');
    await followShortLink('insightsCode1', bob.later(1).now, 'corner-market');

    // Said in the conversation: an opt-out (recorded for every channel, said on web chat) and an opt-in.
    await bob.says('stop sending me offers');
    await bob.says('opt me in');
    await bob.says('add 2 colombian coffee');
    await bob.says('checkout');
    assert.match((await bob.says('yes')).text, /^Done\. Your order number is/);
    mugsMinor = (await placedOrder(bobId, 'webchat', 'insights-mugs', bob.now)).totalMinor;
    assert.equal((await placedOrder(bobId, 'webchat', 'insights-mugs', bob.now)).totalMinor, mugsMinor);
    await bob.later(5).says('talk to a human');
    await ann.says('show me unicorn slippers');
    await ann.says('show me =HYPERLINK("x")');
    await ann.says('show me ann@example.com +1 (555) 700-1234');

    // The first agent reply, 90 seconds after the handoff was queued, is timed; the second is not.
    const handoff = (await findHandoffByKey('webchat', 'web-bob'))!;
    const agent = { id: new Types.ObjectId(), role: 'agent' as const };
    await recordAgentMessage(agent, handoff, { author: 'note', text: 'looking' }, settings, new Date(handoff.queuedAt.getTime() + 30_000));
    await recordAgentMessage(agent, handoff, { author: 'agent', text: 'Hello!' }, settings, new Date(handoff.queuedAt.getTime() + 90_000));
    await recordAgentMessage(agent, { ...handoff, firstReplyAt: new Date() }, { author: 'agent', text: 'More?' }, settings, new Date(handoff.queuedAt.getTime() + 200_000));

    const annId = (await ChannelIdentityModel.findOne({ channel: 'sms', externalId: '+15550007001' }).lean())!.customerId;
    await recordMarketingChoice(annId, 'sms', true, { kind: 'keyword', source: 'sms keyword JOIN, confirmed YES', wording: 'Offers by text' }, ann.now);
    await optOutByLink('insightsCode1', ann.now);
    for (const score of ['10', '9', '8', '3']) await countInsight(DAY, 'nps:score', score);

    // The next day: one more conversation for bob, none for a second turn of the same day.
    await bob.later(24 * 60).says('hello');
    await bob.later(1).says('hello again');

    report = await insightReport(DAY, NEXT_DAY);
  });

  it('counts a conversation once per channel user per UTC day', () => {
    assert.deepEqual(report.days, [DAY, NEXT_DAY]);
    assert.deepEqual(report.conversations, [
      { day: DAY, channel: 'sms', count: 1 },
      { day: DAY, channel: 'webchat', count: 1 },
      { day: NEXT_DAY, channel: 'webchat', count: 1 },
    ]);
  });

  it('counts the funnel per channel, the revenue at placement, and what was searched', () => {
    assert.deepEqual(report.funnel, [{ channel: 'webchat', browse: 1, cart: 1, readBack: 1, order: 2 }]);
    assert.deepEqual(report.revenue, [{ channel: 'webchat', currency: 'USD', totalMinor: 3311 + mugsMinor, orders: 2 }]);
    assert.deepEqual(report.topSearches[0], { term: 'Colombian Coffee', count: 2 });
    assert.deepEqual(report.unmatchedSearches, [
      { term: '[e-mail] +[number]', count: 1 },
      { term: '=hyperlink("x")', count: 1 },
      { term: 'unicorn slippers', count: 1 },
    ]);
  });

  it('gives the handoff rate and the time to the first agent reply', () => {
    assert.deepEqual(report.handoff, { conversations: 3, handoffs: 1, rate: 1 / 3, firstReplies: 1, firstReplyAverageSeconds: 90 });
  });

  it('counts marketing opt-ins and opt-outs per channel and source, and campaign sends, clicks and each attributed order once', () => {
    // The one-tap opt-out applies everywhere and is counted on the channel its link was sent on (sorted here by channel and source: the campaign id is random).
    const byKey = (a: { channel: string; source: string }, b: { channel: string; source: string }) => a.channel.localeCompare(b.channel) || a.source.localeCompare(b.source);
    assert.deepEqual(
      [...report.consent].sort(byKey),
      [
        { channel: 'sms', source: campaignId, optIns: 0, optOuts: 1 },
        { channel: 'sms', source: 'keyword', optIns: 1, optOuts: 0 },
        { channel: 'webchat', source: 'conversation', optIns: 1, optOuts: 0 },
        { channel: 'webchat', source: 'stop', optIns: 0, optOuts: 1 },
      ].sort(byKey),
    );
    assert.deepEqual(report.campaigns, [{ campaignId, name: 'Winter coffee', sends: 1, clicks: 1, attributedOrders: 2, attributedRevenue: [{ currency: 'USD', totalMinor: 3311 + mugsMinor }] }]);
    assert.deepEqual(report.nps, { responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25, byScore: [0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1] });
    assert.deepEqual(report.messageSpend, []);
  });

  it('serves the report and each figure from the admin API, as JSON and as formula-safe CSV', async () => {
    const whole = await admin(`/insights?from=${DAY}&to=${NEXT_DAY}`).expect(200);
    assert.deepEqual(whole.body, JSON.parse(JSON.stringify(await insightReport(DAY, NEXT_DAY))));

    const funnel = await admin(`/insights/funnel?from=${DAY}&to=${NEXT_DAY}&format=csv`).expect(200);
    assert.match(funnel.headers['content-type']!, /^text\/csv/);
    assert.equal(funnel.text, 'channel,browse,cart,read_back,order\r\nwebchat,1,1,1,2\r\n');
    const unmatched = await admin(`/insights/unmatched-searches?from=${DAY}&to=${DAY}&format=csv`).expect(200);
    assert.equal(unmatched.text, 'term,count\r\n[e-mail] +[number],1\r\n"\'=hyperlink(""x"")",1\r\nunicorn slippers,1\r\n');
    const handoff = await admin(`/insights/handoff?from=${DAY}&to=${DAY}`).expect(200);
    assert.deepEqual(handoff.body, { from: DAY, to: DAY, figure: 'handoff', handoff: { conversations: 2, handoffs: 1, rate: 0.5, firstReplies: 1, firstReplyAverageSeconds: 90 } });
    const campaigns = await admin(`/insights/campaigns?from=${DAY}&to=${DAY}&format=csv`).expect(200);
    assert.equal(campaigns.text, `campaign_id,name,sends,clicks,attributed_orders,currency,attributed_revenue_minor\r\n${campaignId},Winter coffee,1,1,2,USD,${3311 + mugsMinor}\r\n`);
  });

  it('quotes every search term that a spreadsheet would read as a formula', async () => {
    const later = new Date('2026-11-25T10:00:00Z');
    for (const term of ['+44 tea', '-2+3', '@sum(a1)', '＝1+1', 'plain, with comma']) await recordSearchOutcome(term, 'unmatched', later);
    const csv = await admin('/insights/unmatched-searches?from=2026-11-25&to=2026-11-25&format=csv').expect(200);
    assert.equal(csv.text, 'term,count\r\n\'-2+3,1\r\n\'@sum(a1),1\r\n\'+44 tea,1\r\n\'＝1+1,1\r\n"plain, with comma",1\r\n');
  });

  it('refuses a bad range or figure (400) and anyone without the admin key (401)', async () => {
    for (const query of [`from=${NEXT_DAY}&to=${DAY}`, 'from=2026-01-01&to=2026-04-30', 'from=2026-02-30&to=2026-03-01', `from=${DAY}`]) {
      const refused = await admin(`/insights?${query}`);
      assert.equal(refused.status, 400, query);
      assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await admin(`/insights/everything?from=${DAY}&to=${DAY}`)).status, 400);
    assert.equal((await request(app).get(`/admin/insights?from=${DAY}&to=${DAY}`)).status, 401);
    assert.equal((await request(app).get(`/admin/insights/funnel?from=${DAY}&to=${DAY}&format=csv`)).status, 401);
  });
});

describe('insights: counting costs no database round trip, and nothing counted is lost on a clean stop', () => {
  before(freshDemoStore);

  it('writes the buffered counts once it holds 500 keys, without a report asking', async () => {
    for (let i = 0; i < 499; i++) await recordSearchOutcome(`wanted thing ${i}`, 'unmatched', new Date('2026-10-01T10:00:00Z'));
    assert.equal(await InsightDailyModel.countDocuments({ day: '2026-10-01' }), 0, 'nothing written below the bound');
    await recordSearchOutcome('wanted thing 499', 'unmatched', new Date('2026-10-01T10:00:00Z'));
    await waitUntil(async () => (await InsightDailyModel.countDocuments({ day: '2026-10-01' })) === 500, 10_000, 'the full buffer written');
  });

  it('counts a day\'s new keys beyond 500 per metric under "(other)", so free text cannot grow a day without bound', async () => {
    const at = new Date('2026-10-03T10:00:00Z');
    for (let i = 0; i < 500; i++) await recordSearchOutcome(`only once ${i}`, 'unmatched', at);
    await recordSearchOutcome('one too many', 'unmatched', at);
    await recordSearchOutcome('and another', 'unmatched', at);
    await recordSearchOutcome('only once 7', 'unmatched', at);
    const report = await insightReport('2026-10-03', '2026-10-03');
    assert.deepEqual(report.unmatchedSearches.slice(0, 2), [
      { term: '(other)', count: 2 },
      { term: 'only once 7', count: 2 },
    ]);
    assert.equal(await InsightDailyModel.countDocuments({ day: '2026-10-03' }), 501);
  });

  it('writes what is left when the service stops its background flush', async () => {
    const failures: unknown[] = [];
    const stop = startInsightFlushing(60_000, (error) => failures.push(error));
    await recordSearchOutcome('left over', 'asked-back', new Date('2026-10-02T10:00:00Z'));
    await recordSearchOutcome('left over', 'asked-back', new Date('2026-10-02T10:00:00Z'));
    assert.equal(await InsightDailyModel.countDocuments({ day: '2026-10-02' }), 0);
    await stop();
    assert.deepEqual(failures, []);
    assert.deepEqual(await InsightDailyModel.findOne({ day: '2026-10-02' }).select({ _id: 0, metric: 1, key: 1, count: 1 }).lean(), { metric: 'search:asked-back', key: 'left over', count: 2 });
  });
});

describe('insights: a handoff and its first agent reply are each counted once (review item 12)', () => {
  before(freshDemoStore);

  it('counts one handoff for two requests at the same instant, and one first reply for two replies racing on the conversation as read', async () => {
    const day = '2026-11-25';
    const now = new Date(`${day}T12:00:00Z`);
    await new Shopper('webchat', 'web-race').says('hello');
    const customerId = (await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: 'web-race' }).lean())!.customerId;
    const asked = { customerId, channel: 'webchat', channelUserId: 'web-race', locale: 'en-US', reason: 'asked' as const, now };
    // The second finds the conversation queued (by the first, at the very same instant): no new handoff.
    await requestHandoff(settings.handoff, asked);
    await requestHandoff(settings.handoff, asked);

    const handoff = (await findHandoffByKey('webchat', 'web-race'))!;
    const agent = { id: new Types.ObjectId(), role: 'agent' as const };
    const replyAt = new Date(now.getTime() + 60_000);
    await Promise.all(['Hello!', 'Hello?'].map((text) => recordAgentMessage(agent, handoff, { author: 'agent', text }, settings, replyAt)));

    const { handoff: figures } = await insightReport(day, day);
    assert.deepEqual([figures.handoffs, figures.firstReplies, figures.firstReplyAverageSeconds], [1, 1, 60]);
  });
});
