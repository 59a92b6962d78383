import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { ChannelIdentityModel, CustomerModel, ProcessedEventModel, StockAlertModel } from '../../models';
import { createApp } from '../../src/http/app';
import { mergeCustomers } from '../../src/services/customers';
import { armStockAlert } from '../../src/store/stock-alert-store';
import { freshDemoStore, storedVoiceCode } from '../support/commerce';
import { TEST_ADMIN_KEY, silentLog } from '../support/config';
import { dispatcherFor, NOON_NEW_YORK, notifyConfig, placedOrder } from '../support/notify';

/**
 * Issue 16, item 4: one person behind two customers that linking merged. The audit erased the
 * customer that stayed and then found the other one, full of personal data, by phone and e-mail;
 * and the receipt files kept the e-mail address and name.
 */

const config = notifyConfig();
const app = createApp({ config, log: silentLog });
const admin = {
  get: (url: string) => request(app).get(url).set('x-api-key', TEST_ADMIN_KEY),
  post: (url: string) => request(app).post(url).set('x-api-key', TEST_ADMIN_KEY),
};

const OLDER = { name: 'Yara Oldfield', waId: '15557650001', email: 'yara.o@example.com', street: '4 Kept Road' };
/** A WeChat follower: WeChat event keys carry the openid ("<openid>:<time>:<event>"). */
const OPENID = 'oYARA9WeChatOpenId00000000001';
const NEWER = { name: 'Yara O. (text)', phone: '+15557650002', email: 'yara.texts@example.com', street: '77 Moved Avenue', payment: 'pm_yara_newer_card' };

async function everyDocumentText(): Promise<{ collection: string; text: string }[]> {
  const db = mongoose.connection.db!;
  const found: { collection: string; text: string }[] = [];
  for (const { name } of await db.listCollections().toArray()) for (const doc of await db.collection(name).find().toArray()) found.push({ collection: name, text: JSON.stringify(doc) });
  return found;
}

async function everyFileText(folder: string): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.includes(`${path.sep}postgres${path.sep}`)) continue;
    found.push({ file, text: await readFile(file, 'latin1') });
  }
  return found;
}

describe('erase and export of a customer others were merged into (issue 16, item 4)', () => {
  beforeEach(async () => {
    await freshDemoStore();
    // Each test starts with no receipt files from the one before.
    await rm(path.join(config.DATA_DIR, 'mail'), { recursive: true, force: true });
  });

  async function yara() {
    const older = await CustomerModel.create({ displayName: OLDER.name, email: OLDER.email, addresses: [{ recipient: OLDER.name, line1: OLDER.street, city: 'Springfield', postalCode: '12345', country: 'US' }] });
    await ChannelIdentityModel.create({ channel: 'whatsapp', externalId: OLDER.waId, customerId: older._id });
    const newer = await CustomerModel.create({
      displayName: NEWER.name,
      email: NEWER.email,
      phone: NEWER.phone,
      defaultPaymentRef: NEWER.payment,
      voiceCode: await storedVoiceCode('1357'),
      addresses: [{ recipient: NEWER.name, line1: NEWER.street, city: 'Springfield', postalCode: '12345', country: 'US' }],
    });
    await ChannelIdentityModel.create({ channel: 'sms', externalId: NEWER.phone, customerId: newer._id });
    await ChannelIdentityModel.create({ channel: 'wechat', externalId: OPENID, customerId: newer._id });
    await ProcessedEventModel.create({ key: `wechat:${OPENID}:1764000000:subscribe`, channel: 'wechat', eventId: `${OPENID}:1764000000:subscribe`, expiresAt: new Date(Date.now() + 86_400_000) });
    await armStockAlert({ customerId: newer._id, sku: 'COF-001', source: 'customer', channel: 'sms' }, new Date());
    await mergeCustomers(newer._id, older._id, 'link-code:sms');
    // The placement key as the channels make it: a hash, not the customer id.
    const order = await placedOrder(older._id, 'whatsapp', 'placement-yara-1');
    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1, 'the receipt was written');
    return { older: older._id, newer: newer._id, order };
  }

  it('the merge scrubs the source and moves its stock alerts', async () => {
    const { older, newer } = await yara();
    const source = await CustomerModel.findById(newer).lean();
    assert.equal(String(source!.mergedInto), String(older));
    const left = JSON.stringify(source);
    for (const value of [NEWER.name, NEWER.email, NEWER.phone, NEWER.street, NEWER.payment]) assert.ok(!left.includes(value), `the merged customer still holds ${value}`);
    assert.equal(source!.voiceCode?.hash, undefined);
    assert.deepEqual((await StockAlertModel.find().lean()).map((alert) => [String(alert.customerId), alert.sku]), [[String(older), 'COF-001']]);
  });

  it('export covers the customers merged into the subject', async () => {
    const { older, newer } = await yara();
    const exported = (await admin.get(`/admin/customers/${older.toHexString()}/export`).expect(200)).body;
    const customers = (exported.collections.Customer as { _id: string }[]).map((doc) => doc._id).sort();
    assert.deepEqual(customers, [older.toHexString(), newer.toHexString()].sort());
    assert.ok(exported.collections.CustomerMerge.length === 1);
    assert.deepEqual((exported.collections.ProcessedEvent as { key: string }[]).map((event) => event.key), [`wechat:${OPENID}:1764000000:subscribe`], 'events keyed by the customer\'s platform id are theirs');
  });

  it('erase leaves no identifying value in any collection, nor in DATA_DIR (receipt files included)', async () => {
    const { older, newer, order } = await yara();
    const receipts = await everyFileText(path.join(config.DATA_DIR, 'mail'));
    assert.ok(receipts.some((file) => file.text.includes(OLDER.email)), 'the receipt names the customer before the erase');

    await admin.post(`/admin/customers/${older.toHexString()}/erase`).expect(200);

    assert.deepEqual((await admin.get(`/admin/customers?phone=${encodeURIComponent(NEWER.phone)}`).expect(200)).body.items, []);
    assert.deepEqual((await admin.get(`/admin/customers?email=${encodeURIComponent(NEWER.email)}`).expect(200)).body.items, []);
    const values = [OLDER.name, OLDER.waId, OLDER.email, OLDER.street, NEWER.name, NEWER.phone, NEWER.email, NEWER.street, NEWER.payment, OPENID, older.toHexString(), newer.toHexString()];
    const inDatabase = (await everyDocumentText()).filter((doc) => values.some((value) => doc.text.includes(value)));
    assert.deepEqual(inDatabase.map((doc) => `${doc.collection}: ${doc.text.slice(0, 160)}`), []);
    const inFiles = (await everyFileText(config.DATA_DIR)).filter((file) => values.some((value) => file.text.includes(value)));
    assert.deepEqual(inFiles.map((file) => file.file), []);
    assert.ok(order.orderNumber);
  });
});
