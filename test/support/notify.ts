import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Types } from 'mongoose';
import type { Scope } from 'nock';
import { ChannelIdentityModel, CustomerModel, OutboxModel, SessionModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import type { Config } from '../../src/config';
import { computeTotals } from '../../src/core/money';
import { OutboxDispatcher } from '../../src/notify/outbox';
import { outboxSenders } from '../../src/notify/senders';
import { ORDER_INSIGHTS_JOB_KIND } from '../../src/services/insights';
import { advanceOrder, placeOrder } from '../../src/services/orders';
import { addProduct, NO_DAILY_LIMIT, settings } from './commerce';
import { nock } from './fake-http';
import { silentLog, testConfig } from './config';

/** Noon in New York on a summer day: outside the default quiet hours (21:00-08:00 local). */
export const NOON_NEW_YORK = new Date('2026-06-15T16:00:00.000Z');

const dataDirs: string[] = [];
process.once('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Test configuration with its own DATA_DIR (receipts land in DATA_DIR/mail), removed when the run ends. */
export function notifyConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'notify-test-'));
  dataDirs.push(dataDir);
  return testConfig({ DATA_DIR: dataDir, ...overrides });
}

export function dispatcherFor(config: Config, options: { leaseMs?: number; maxAttempts?: number } = {}): OutboxDispatcher {
  return new OutboxDispatcher(outboxSenders(config), silentLog, { baseBackoffMs: 1_000, ...options });
}

/**
 * What the outbox worker does for placed orders: runs every queued job that counts one for insights
 * (and only those), each at the time it was queued for. Returns how many ran to the end.
 */
export async function countQueuedOrders(config: Config = testConfig()): Promise<number> {
  const dispatcher = dispatcherFor(config);
  let counted = 0;
  for (const job of await OutboxModel.find({ kind: ORDER_INSIGHTS_JOB_KIND, status: 'pending' }).lean()) {
    if ((await dispatcher.trySend(job.jobKey, job.nextAttemptAt)) === 'sent') counted++;
  }
  return counted;
}

/** A customer reachable on the given channels (external ids as given), in New York, no preferences. */
export async function customerOn(identities: Partial<Record<Channel, string>>, fields: { email?: string; preferredChannels?: string[]; locale?: string } = {}): Promise<Types.ObjectId> {
  const customer = await CustomerModel.create({
    displayName: 'Dana',
    email: fields.email,
    locale: fields.locale ?? 'en-US',
    timeZone: 'America/New_York',
    preferences: { preferredChannels: fields.preferredChannels ?? [] },
  });
  for (const [channel, externalId] of Object.entries(identities) as [Channel, string][]) await ChannelIdentityModel.create({ channel, externalId, customerId: customer._id });
  return customer._id;
}

export async function wroteAt(channel: Channel, externalId: string, at: Date): Promise<void> {
  await SessionModel.create({ key: `${channel}:${externalId}`, channel, channelUserId: externalId, lastInboundAt: at, expiresAt: new Date(at.getTime() + 25 * 3600_000) });
}

/**
 * A placed order of one 12.50 item for the customer, on a channel, its figures already counted (its
 * insights job run, as the outbox worker would), so a test's `runDue` finds only its messages.
 */
export async function placedOrder(customerId: Types.ObjectId, channel: Channel, key = `key-${String(customerId)}`, now = NOON_NEW_YORK) {
  await addProduct('MUG', { name: 'Blue Mug', priceMinor: 1250, stock: 50 });
  const lines = [{ sku: 'MUG', name: 'Blue Mug', quantity: 2, unitPriceMinor: 1250 }];
  const result = await placeOrder({ idempotencyKey: key, customerId, channel, lines, totals: computeTotals(lines, settings.pricing), deliveryAddress: null, spend: NO_DAILY_LIMIT }, settings, now);
  if (!result.ok) throw new Error('test order was not placed');
  await countQueuedOrders();
  return result.order;
}

/** An order moved to packed with the notifications of those earlier steps already out of the way. */
export async function packedOrder(customerId: Types.ObjectId, channel: Channel) {
  const order = await placedOrder(customerId, channel);
  await advanceOrder(order._id, 'paid', 'admin', {}, NOON_NEW_YORK);
  await advanceOrder(order._id, 'packed', 'admin', {}, NOON_NEW_YORK);
  await OutboxModel.deleteMany({});
  return order;
}

export async function jobStatuses(kind = 'notification') {
  return (await OutboxModel.find({ kind }).sort({ createdAt: 1 }).lean()).map((job) => ({ jobKey: job.jobKey, status: job.status }));
}

/** Twilio's send API for `config`, expecting `count` messages; the form bodies it got are collected in order. */
export function twilioExpecting(config: Config, count: number): { scope: Scope; sent: Record<string, string>[] } {
  const sent: Record<string, string>[] = [];
  const scope = nock('https://api.twilio.com')
    .post(`/2010-04-01/Accounts/${config.TWILIO_ACCOUNT_SID}/Messages.json`, (body: Record<string, string>) => sent.push({ ...body }) > 0)
    .times(count)
    .reply(201, { sid: 'SM1' });
  return { scope, sent };
}
