import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import { HandoffConversationModel } from '../../models';
import type { Outbox } from '../../src/channels/adapter';
import { runHandoffTimeouts } from '../../src/notify/agent-replies';
import { claimConversation } from '../../src/services/handoff';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { createStaffAccount } from '../../src/services/staff';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { Shopper } from '../support/conversation';

const PHONE = '15550105555';
const config = testConfig({ HANDOFF_OPENING_HOURS: 'always', HANDOFF_CLAIM_TIMEOUT_MINUTES: '10', HANDOFF_IDLE_MINUTES: '15' });
const settings = commerceSettings(config, { linkChannels: linkChannels() });
const MINUTE_MS = 60_000;

describe('handoff timeouts', () => {
  let jobs: { jobKey: string; kind: string; payload: unknown }[];
  const outbox: Outbox = { enqueue: async (job) => void jobs.push(job), sendUnqueued: async () => true };

  beforeEach(async () => {
    await freshDemoStore();
    jobs = [];
    await addCustomer({ channel: 'whatsapp', externalId: PHONE });
  });

  async function queued(): Promise<{ shopper: Shopper; id: Types.ObjectId }> {
    const shopper = new Shopper('whatsapp', PHONE, { settings });
    shopper.now = new Date();
    await shopper.says('talk to a person');
    return { shopper, id: (await HandoffConversationModel.findOne({ key: `whatsapp:${PHONE}` }).lean())!._id };
  }

  it('tells a shopper nobody claimed within the timeout, once, and offers the assistant or waiting', async () => {
    const { shopper } = await queued();
    assert.deepEqual(await runHandoffTimeouts({ config, settings, outbox }, new Date(shopper.now.getTime() + 9 * MINUTE_MS)), { told: 0, requeued: 0 });
    assert.deepEqual(await runHandoffTimeouts({ config, settings, outbox }, new Date(shopper.now.getTime() + 11 * MINUTE_MS)), { told: 1, requeued: 0 });
    assert.deepEqual(jobs.map((job) => [job.kind, job.payload]), [
      ['whatsapp', { to: PHONE, messages: [{ type: 'text', text: { body: 'Sorry, nobody on our team has picked this up yet. You can keep waiting and someone will answer here, or type menu to carry on with me.' } }] }],
    ]);
    assert.deepEqual(await runHandoffTimeouts({ config, settings, outbox }, new Date(shopper.now.getTime() + 12 * MINUTE_MS)), { told: 0, requeued: 0 }, 'told once per round');
  });

  it('returns a conversation whose agent is idle to the queue, for any agent to claim', async () => {
    const { shopper, id } = await queued();
    const ana = await createStaffAccount({ name: 'Ana', email: 'ana@shop.example', password: 'correct horse battery', role: 'agent' });
    const bo = await createStaffAccount({ name: 'Bo', email: 'bo@shop.example', password: 'correct horse battery', role: 'agent' });
    await claimConversation(settings.handoff, { id: ana.id, role: 'agent' }, id, shopper.now);
    assert.equal((await runHandoffTimeouts({ config, settings, outbox }, new Date(shopper.now.getTime() + 14 * MINUTE_MS))).requeued, 0);
    assert.equal((await runHandoffTimeouts({ config, settings, outbox }, new Date(shopper.now.getTime() + 16 * MINUTE_MS))).requeued, 1);
    const back = await HandoffConversationModel.findById(id).lean();
    assert.deepEqual([back?.status, back?.round, back?.claimedBy], ['queued', 2, undefined]);
    const claimed = await claimConversation(settings.handoff, { id: bo.id, role: 'agent' }, id, new Date(shopper.now.getTime() + 17 * MINUTE_MS));
    assert.ok(claimed.claimedBy?.equals(bo.id));
  });
});
