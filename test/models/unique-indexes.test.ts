import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import {
  CartModel,
  ChannelIdentityModel,
  InboundEventModel,
  InboundLeaseModel,
  InventoryLedgerModel,
  CustomerMergeModel,
  LinkCodeAttemptModel,
  LinkCodeModel,
  LinkCodeRedemptionModel,
  OAuthConsumptionModel,
  OrderModel,
  OrderStatusEventModel,
  OutboxAttemptModel,
  OutboxModel,
  ProcessedEventModel,
  ProductModel,
  SessionModel,
  VoiceCodeAttemptModel,
} from '../../models';
import { resetDatabase } from '../support/database';

const customerId = new Types.ObjectId();
const inAnHour = () => new Date(Date.now() + 3_600_000);

function inboundEvent(eventId: string) {
  return { key: `messenger:${eventId}`, channel: 'messenger' as const, eventId, lane: 'messenger:PSID-1', payload: { text: 'hi' }, sentAt: new Date(), receivedAt: new Date(), state: 'pending' as const };
}

function order(overrides: Record<string, unknown>) {
  return {
    orderNumber: '100-200',
    idempotencyKey: 'key-1',
    customerId,
    channel: 'sms' as const,
    sellerName: 'Corner Market',
    lines: [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 1, unitPriceMinor: 1299, lineTotalMinor: 1299 }],
    currency: 'USD',
    subtotalMinor: 1299,
    taxMinor: 107,
    deliveryFeeMinor: 499,
    totalMinor: 1905,
    status: 'placed' as const,
    ...overrides,
  };
}

/** Each unique index named in ARCHITECTURE.md, with a first document and a clashing second one. */
const cases: { index: string; insert: () => Promise<unknown>; clash: () => Promise<unknown>; differs: () => Promise<unknown> }[] = [
  {
    index: 'Product.sku',
    insert: () => ProductModel.create({ sku: 'COF-001', name: 'Colombian Coffee', category: 'coffee', priceMinor: 1299, currency: 'USD' }),
    clash: () => ProductModel.create({ sku: 'COF-001', name: 'Another', category: 'coffee', priceMinor: 1, currency: 'USD' }),
    differs: () => ProductModel.create({ sku: 'COF-002', name: 'Another', category: 'coffee', priceMinor: 1, currency: 'USD' }),
  },
  {
    index: 'ChannelIdentity.(channel, externalId)',
    insert: () => ChannelIdentityModel.create({ channel: 'sms', externalId: '+15550100001', customerId }),
    clash: () => ChannelIdentityModel.create({ channel: 'sms', externalId: '+15550100001', customerId: new Types.ObjectId() }),
    differs: () => ChannelIdentityModel.create({ channel: 'whatsapp', externalId: '+15550100001', customerId }),
  },
  {
    index: 'Order.idempotencyKey',
    insert: () => OrderModel.create(order({})),
    clash: () => OrderModel.create(order({ orderNumber: '300-400' })),
    differs: () => OrderModel.create(order({ orderNumber: '300-400', idempotencyKey: 'key-2' })),
  },
  {
    index: 'Order.orderNumber',
    insert: () => OrderModel.create(order({})),
    clash: () => OrderModel.create(order({ idempotencyKey: 'key-2' })),
    differs: () => OrderModel.create(order({ orderNumber: '300-400', idempotencyKey: 'key-2' })),
  },
  {
    index: 'ProcessedEvent.key',
    insert: () => ProcessedEventModel.create({ key: 'messenger:m_1', channel: 'messenger', eventId: 'm_1', expiresAt: inAnHour() }),
    clash: () => ProcessedEventModel.create({ key: 'messenger:m_1', channel: 'messenger', eventId: 'm_1', expiresAt: inAnHour() }),
    differs: () => ProcessedEventModel.create({ key: 'messenger:m_2', channel: 'messenger', eventId: 'm_2', expiresAt: inAnHour() }),
  },
  {
    index: 'InboundEvent.key',
    insert: () => InboundEventModel.create(inboundEvent('m_1')),
    clash: () => InboundEventModel.create(inboundEvent('m_1')),
    differs: () => InboundEventModel.create(inboundEvent('m_2')),
  },
  {
    index: 'InboundLease.(lane, seq)',
    insert: () => InboundLeaseModel.create({ lane: 'messenger:PSID-1', seq: 0, outcome: 'claimed', owner: 'a', at: new Date(), expiresAt: inAnHour() }),
    clash: () => InboundLeaseModel.create({ lane: 'messenger:PSID-1', seq: 0, outcome: 'claimed', owner: 'b', at: new Date(), expiresAt: inAnHour() }),
    differs: () => InboundLeaseModel.create({ lane: 'messenger:PSID-1', seq: 1, outcome: 'released', owner: 'a', at: new Date(), expiresAt: inAnHour() }),
  },
  {
    index: 'InventoryLedger.(sku, seq)',
    insert: () => InventoryLedgerModel.create({ sku: 'COF-001', seq: 1, delta: -1, balance: 9, reason: 'reserve' }),
    clash: () => InventoryLedgerModel.create({ sku: 'COF-001', seq: 1, delta: -2, balance: 8, reason: 'reserve' }),
    differs: () => InventoryLedgerModel.create({ sku: 'COF-002', seq: 1, delta: -2, balance: 8, reason: 'reserve' }),
  },
  {
    index: 'Session.key',
    insert: () => SessionModel.create({ key: 'sms:+1', channel: 'sms', channelUserId: '+1', expiresAt: inAnHour() }),
    clash: () => SessionModel.create({ key: 'sms:+1', channel: 'sms', channelUserId: '+1', expiresAt: inAnHour() }),
    differs: () => SessionModel.create({ key: 'sms:+2', channel: 'sms', channelUserId: '+2', expiresAt: inAnHour() }),
  },
  {
    index: 'Cart.customerId',
    insert: () => CartModel.create({ customerId, currency: 'USD' }),
    clash: () => CartModel.create({ customerId, currency: 'USD' }),
    differs: () => CartModel.create({ customerId: new Types.ObjectId(), currency: 'USD' }),
  },
  {
    index: 'Outbox.jobKey',
    insert: () => OutboxModel.create({ jobKey: 'order-1:shipped', kind: 'order-status', payload: {} }),
    clash: () => OutboxModel.create({ jobKey: 'order-1:shipped', kind: 'order-status', payload: {} }),
    differs: () => OutboxModel.create({ jobKey: 'order-1:delivered', kind: 'order-status', payload: {} }),
  },
  {
    index: 'OrderStatusEvent.(orderId, seq)',
    insert: () => OrderStatusEventModel.create({ orderId: customerId, seq: 1, status: 'placed', source: 'system' }),
    clash: () => OrderStatusEventModel.create({ orderId: customerId, seq: 1, status: 'cancelled', source: 'customer:sms' }),
    differs: () => OrderStatusEventModel.create({ orderId: customerId, seq: 2, status: 'cancelled', source: 'customer:sms' }),
  },
  {
    index: 'VoiceCodeAttempt.(customerId, codeSetAt, seq)',
    insert: () => VoiceCodeAttemptModel.create({ customerId, codeSetAt: new Date(0), seq: 0 }),
    clash: () => VoiceCodeAttemptModel.create({ customerId, codeSetAt: new Date(0), seq: 0 }),
    differs: () => VoiceCodeAttemptModel.create({ customerId, codeSetAt: new Date(1), seq: 0 }),
  },
  {
    index: 'OutboxAttempt.(jobKey, seq)',
    insert: () => OutboxAttemptModel.create({ jobKey: 'messenger:m_1', seq: 1, outcome: 'claimed' }),
    clash: () => OutboxAttemptModel.create({ jobKey: 'messenger:m_1', seq: 1, outcome: 'claimed' }),
    differs: () => OutboxAttemptModel.create({ jobKey: 'messenger:m_2', seq: 1, outcome: 'claimed' }),
  },
  {
    index: 'LinkCode.locator',
    insert: () => LinkCodeModel.create({ locator: '1234', secretHash: 'h1', customerId, issuedOn: 'sms', expiresAt: inAnHour() }),
    clash: () => LinkCodeModel.create({ locator: '1234', secretHash: 'h2', customerId, issuedOn: 'sms', expiresAt: inAnHour() }),
    differs: () => LinkCodeModel.create({ locator: '1235', secretHash: 'h2', customerId: new Types.ObjectId(), issuedOn: 'sms', expiresAt: inAnHour() }),
  },
  {
    index: 'LinkCode.customerId (one live code per customer)',
    insert: () => LinkCodeModel.create({ locator: '2234', secretHash: 'h1', customerId, issuedOn: 'sms', expiresAt: inAnHour() }),
    clash: () => LinkCodeModel.create({ locator: '2235', secretHash: 'h2', customerId, issuedOn: 'sms', expiresAt: inAnHour() }),
    differs: () => LinkCodeModel.create({ locator: '2236', secretHash: 'h2', customerId: new Types.ObjectId(), issuedOn: 'sms', expiresAt: inAnHour() }),
  },
  {
    index: 'LinkCodeAttempt.(codeId, seq)',
    insert: () => LinkCodeAttemptModel.create({ codeId: customerId, seq: 0, expiresAt: inAnHour() }),
    clash: () => LinkCodeAttemptModel.create({ codeId: customerId, seq: 0, expiresAt: inAnHour() }),
    differs: () => LinkCodeAttemptModel.create({ codeId: customerId, seq: 1, expiresAt: inAnHour() }),
  },
  {
    index: 'LinkCodeRedemption.codeId',
    insert: () => LinkCodeRedemptionModel.create({ codeId: customerId, redeemedBy: customerId, channel: 'sms', expiresAt: inAnHour() }),
    clash: () => LinkCodeRedemptionModel.create({ codeId: customerId, redeemedBy: customerId, channel: 'whatsapp', expiresAt: inAnHour() }),
    differs: () => LinkCodeRedemptionModel.create({ codeId: new Types.ObjectId(), redeemedBy: customerId, channel: 'sms', expiresAt: inAnHour() }),
  },
  {
    index: 'CustomerMerge.sourceCustomerId',
    insert: () => CustomerMergeModel.create({ sourceCustomerId: customerId, targetCustomerId: new Types.ObjectId(), reason: 'test' }),
    clash: () => CustomerMergeModel.create({ sourceCustomerId: customerId, targetCustomerId: new Types.ObjectId(), reason: 'test' }),
    differs: () => CustomerMergeModel.create({ sourceCustomerId: new Types.ObjectId(), targetCustomerId: customerId, reason: 'test' }),
  },
  {
    index: 'OAuthConsumption.key',
    insert: () => OAuthConsumptionModel.create({ key: 'k1', expiresAt: inAnHour() }),
    clash: () => OAuthConsumptionModel.create({ key: 'k1', expiresAt: inAnHour() }),
    differs: () => OAuthConsumptionModel.create({ key: 'k2', expiresAt: inAnHour() }),
  },
];

describe('unique indexes', () => {
  beforeEach(resetDatabase);

  for (const { index, insert, clash, differs } of cases) {
    it(`${index} rejects a duplicate with code 11000 and accepts a different key`, async () => {
      await insert();
      await assert.rejects(clash(), (error: { code?: number }) => error.code === 11000);
      await differs();
    });
  }

  it('lets exactly one of 50 racing inserts of the same event id win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => ProcessedEventModel.create({ key: 'whatsapp:wamid.1', channel: 'whatsapp', eventId: 'wamid.1', expiresAt: inAnHour() })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(await ProcessedEventModel.countDocuments({ key: 'whatsapp:wamid.1' }), 1);
  });
});
