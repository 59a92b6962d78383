import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import {
  CartModel,
  ChannelIdentityModel,
  CustomerMergeModel,
  CustomerModel,
  LinkCodeAttemptModel,
  LinkCodeModel,
  LinkCodeRedemptionModel,
  OrderModel,
} from '../../models';
import type { Channel } from '../../src/core/channels';
import { isAppError } from '../../src/core/errors';
import { LINK_CODE_LIFETIME_MS, parseLinkCode } from '../../src/core/link-code';
import { addToCart, changeCustomerCart } from '../../src/services/cart';
import { answerLinkConfirmation, finishInterruptedMerges, issueLinkCode, mergeCustomers, recordMarketingChoice, redeemLinkCode } from '../../src/services/customers';
import { claimMerge, moveCustomerRows } from '../../src/store/customer-merge-store';
import { currentConsent } from '../../src/store/consent-store';
import { addCustomer, addProduct, settings } from '../support/commerce';
import { resetDatabase } from '../support/database';

const PEPPER = settings.linkCodePepper;

async function customerOn(channel: Channel, externalId: string, options: { voiceCode?: string; withAddress?: boolean } = {}): Promise<Types.ObjectId> {
  return addCustomer({ channel, externalId, ...options });
}

/** The same digits with one secret digit changed: right locator, wrong secret. */
function wrongSecret(code: string): string {
  const digits = code.replace(/\D/g, '');
  const last = digits.at(-1)!;
  return `${digits.slice(0, -1)}${last === '9' ? '0' : String(Number(last) + 1)}`;
}

async function placedOrder(customerId: Types.ObjectId, orderNumber: string) {
  return OrderModel.create({
    orderNumber,
    idempotencyKey: `test:${orderNumber}`,
    customerId,
    channel: 'sms',
    sellerName: 'Corner Market',
    lines: [{ sku: 'TEA-1', name: 'Tea', quantity: 1, unitPriceMinor: 500, lineTotalMinor: 500 }],
    currency: 'USD',
    subtotalMinor: 500,
    taxMinor: 0,
    deliveryFeeMinor: 0,
    totalMinor: 500,
    status: 'placed',
    placedAt: new Date(),
  });
}

describe('link codes and customer merges', () => {
  beforeEach(async () => {
    await resetDatabase();
    await addProduct('TEA-1', { name: 'Tea', priceMinor: 500 });
    await addProduct('MUG-1', { name: 'Mug', priceMinor: 900 });
  });

  it('between two established customers the older stays, after its yes: identities, orders, one combined cart, consents and voice code move, and the other is scrubbed', async () => {
    const issuer = await customerOn('alexa', 'amzn1.ask.account.ISSUER');
    const redeemer = await customerOn('whatsapp', '15550007777', { voiceCode: '4321', withAddress: false });
    await changeCustomerCart(issuer, settings, (cart) => addToCart(cart, 'TEA-1', 2, settings));
    await changeCustomerCart(redeemer, settings, (cart) => addToCart(cart, 'TEA-1', 1, settings));
    await changeCustomerCart(redeemer, settings, (cart) => addToCart(cart, 'MUG-1', 1, settings));
    await placedOrder(redeemer, '100-001');
    await recordMarketingChoice(redeemer, 'whatsapp', true, { kind: 'conversation', source: 'whatsapp: start', wording: 'Send me offers.' });
    await CustomerModel.updateOne({ _id: issuer }, { $set: { interests: ['espresso'] } });
    await CustomerModel.updateOne({ _id: redeemer }, { $set: { interests: ['city:porto', 'espresso'] } });

    const { code, codeId } = await issueLinkCode(issuer, 'alexa', PEPPER);
    assert.match(code, /^\d{4} \d{4} \d{4}$/);
    assert.deepEqual(await redeemLinkCode(code, redeemer, 'whatsapp', PEPPER), { ok: 'confirm-there', confirmOn: 'alexa' });
    assert.equal(await CustomerMergeModel.countDocuments(), 0, 'nothing moves before the yes');
    assert.deepEqual(await answerLinkConfirmation(codeId, redeemer, true), { ok: false, reason: 'expired' }, 'only the customer that stays can confirm');
    assert.deepEqual(await answerLinkConfirmation(codeId, issuer, true), { ok: true, customerId: issuer });

    const identities = await ChannelIdentityModel.find().lean();
    assert.deepEqual(identities.map((i) => [i.channel, String(i.customerId)]).sort(), [['alexa', String(issuer)], ['whatsapp', String(issuer)]]);
    assert.deepEqual((await OrderModel.find().lean()).map((o) => String(o.customerId)), [String(issuer)]);
    const carts = await CartModel.find().lean();
    assert.equal(carts.length, 1, 'one cart left');
    assert.equal(String(carts[0]!.customerId), String(issuer));
    assert.deepEqual(carts[0]!.lines.map((l) => [l.sku, l.quantity]).sort(), [['MUG-1', 1], ['TEA-1', 3]]);
    assert.equal(await currentConsent(issuer, 'whatsapp', 'marketing'), true);
    const [merged, kept] = await Promise.all([CustomerModel.findById(redeemer).lean(), CustomerModel.findById(issuer).lean()]);
    assert.equal(String(merged!.mergedInto), String(issuer));
    assert.ok(kept!.voiceCode?.hash, 'the voice code only the redeemer had moved over');
    assert.equal(merged!.voiceCode?.hash, undefined, 'and left the merged customer');
    assert.equal(kept!.addresses.length, 1);
    assert.deepEqual([kept!.interests, merged!.interests], [['espresso', 'city:porto'], undefined], 'interests join the kept customer, each once');
    const mergeRecord = await CustomerMergeModel.findOne({ sourceCustomerId: redeemer }).lean();
    assert.ok(mergeRecord?.completedAt);
  });

  it('keeps only an HMAC of the secret at rest', async () => {
    const issuer = await customerOn('sms', '+15550001111');
    const { code, codeId } = await issueLinkCode(issuer, 'sms', PEPPER);
    const stored = JSON.stringify(await LinkCodeModel.findById(codeId).lean());
    const { secret } = parseLinkCode(code)!;
    assert.ok(!stored.includes(secret), 'the secret digits are not stored');
  });

  it('keys codes with LINK_CODE_PEPPER: a code issued under another pepper (the voice-code one, before it had its own) stops matching, and a new code works', async () => {
    const issuer = await customerOn('whatsapp', '15550001212', { withAddress: false });
    const redeemer = await customerOn('sms', '+15550001212', { withAddress: false });
    assert.notEqual(settings.voiceCodePepper, PEPPER);
    const issuedBeforeUpgrade = await issueLinkCode(issuer, 'whatsapp', settings.voiceCodePepper);
    assert.deepEqual(await redeemLinkCode(issuedBeforeUpgrade.code, redeemer, 'sms', PEPPER), { ok: false, reason: 'wrong' });
    const { code } = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    assert.deepEqual(await redeemLinkCode(code, redeemer, 'sms', PEPPER), { ok: true, customerId: issuer, alreadyLinked: false });
  });

  it('locks a code after five wrong guesses (from five sources): the right code is then refused too', async () => {
    const issuer = await customerOn('whatsapp', '15550002222');
    const redeemers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => customerOn('sms', `+1555000222${n}`)));
    const { code } = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    const reasons: string[] = [];
    for (const redeemer of redeemers.slice(0, 5)) {
      const outcome = await redeemLinkCode(wrongSecret(code), redeemer, 'sms', PEPPER);
      reasons.push(outcome.ok ? 'ok' : outcome.reason);
    }
    assert.deepEqual(reasons, ['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    assert.deepEqual(await redeemLinkCode(code, redeemers[5]!, 'sms', PEPPER), { ok: false, reason: 'locked' });
    assert.equal(await CustomerMergeModel.countDocuments(), 0);
  });

  it('limits guesses per redeemer and per source address, before the code is even looked up', async () => {
    const issuer = await customerOn('whatsapp', '15550002323', { withAddress: false });
    const redeemer = await customerOn('sms', '+15550002323', { withAddress: false });
    const other = await customerOn('messenger', 'PSID-2323', { withAddress: false });
    const { code, codeId } = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    const reasons: string[] = [];
    // The same customer from a new address each time: still four an hour.
    for (let guess = 0; guess < 5; guess++) {
      const outcome = await redeemLinkCode(`000000${String(100000 + guess)}`, redeemer, 'sms', PEPPER, new Date(), `ip:10.0.0.${guess}`);
      reasons.push(outcome.ok ? 'ok' : outcome.reason);
    }
    assert.deepEqual(reasons, ['wrong', 'wrong', 'wrong', 'wrong', 'throttled']);
    assert.deepEqual(await redeemLinkCode(code, redeemer, 'sms', PEPPER), { ok: false, reason: 'throttled' }, 'even the right code waits for the next hour');
    // One address, many customers: four an hour too.
    const fromOneAddress = await Promise.all([1, 2, 3, 4, 5].map(async (n) => redeemLinkCode(wrongSecret(code), await customerOn('webchat', `web-${n}`, { withAddress: false }), 'webchat', PEPPER, new Date(), 'ip:192.0.2.7')));
    assert.deepEqual(fromOneAddress.map((o) => (o.ok ? 'ok' : o.reason)).sort(), ['throttled', 'wrong', 'wrong', 'wrong', 'wrong']);
    assert.equal(await LinkCodeAttemptModel.countDocuments({ codeId }), 4, 'the refused guesses never reached the code');
    assert.deepEqual(await redeemLinkCode(code, other, 'messenger', PEPPER), { ok: true, customerId: issuer, alreadyLinked: false });
  });

  it('counts parallel wrong guesses exactly: ten at once leave the code locked after five', async () => {
    const issuer = await customerOn('whatsapp', '15550003333');
    const redeemers = await Promise.all(Array.from({ length: 11 }, (_, n) => customerOn('sms', `+155500033${String(n).padStart(2, '0')}`)));
    const { code, codeId } = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    await Promise.all(redeemers.slice(0, 10).map((redeemer) => redeemLinkCode(wrongSecret(code), redeemer, 'sms', PEPPER)));
    assert.equal(await LinkCodeAttemptModel.countDocuments({ codeId }), 5);
    assert.deepEqual(await redeemLinkCode(code, redeemers[10]!, 'sms', PEPPER), { ok: false, reason: 'locked' });
  });

  it('keeps one live code per customer, and answers LINK_CODE_UNAVAILABLE (never INTERNAL) when no locator is free', async () => {
    const issuer = await customerOn('whatsapp', '15550003434');
    const first = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    const second = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    assert.deepEqual((await LinkCodeModel.find().lean()).map((c) => String(c._id)), [String(second.codeId)]);
    assert.notEqual(first.code, second.code);

    const taken = parseLinkCode(second.code)!;
    const other = await customerOn('sms', '+15550003434');
    await assert.rejects(issueLinkCode(other, 'sms', PEPPER, new Date(), () => ({ locator: taken.locator, secret: '123456' })), (error) => isAppError(error) && error.code === 'LINK_CODE_UNAVAILABLE');
  });

  it('refuses an expired code and a used one, and a malformed one without counting it', async () => {
    const issuer = await customerOn('whatsapp', '15550004444', { withAddress: false });
    const first = await customerOn('sms', '+15550004444', { withAddress: false });
    const second = await customerOn('messenger', 'PSID-4444', { withAddress: false });
    const issuedAt = new Date('2026-01-01T10:00:00Z');
    const expiring = await issueLinkCode(issuer, 'whatsapp', PEPPER, issuedAt);
    assert.deepEqual(await redeemLinkCode(expiring.code, first, 'sms', PEPPER, new Date(issuedAt.getTime() + LINK_CODE_LIFETIME_MS)), { ok: false, reason: 'expired' });

    const { code } = await issueLinkCode(issuer, 'whatsapp', PEPPER);
    assert.equal((await redeemLinkCode(code, first, 'sms', PEPPER)).ok, true);
    assert.deepEqual(await redeemLinkCode(code, second, 'messenger', PEPPER), { ok: false, reason: 'used' });
    assert.deepEqual(await redeemLinkCode(code, first, 'sms', PEPPER), { ok: false, reason: 'used' });
    assert.equal(String((await ChannelIdentityModel.findOne({ channel: 'messenger' }).lean())!.customerId), String(second));
    assert.deepEqual(await redeemLinkCode('12345', second, 'messenger', PEPPER), { ok: false, reason: 'malformed' });
  });

  it('merges once when one code is redeemed by several channel users at the same moment', async () => {
    const issuer = await customerOn('alexa', 'amzn1.ask.account.RACE', { withAddress: false });
    const racers = await Promise.all(['+15550005001', '+15550005002', '+15550005003', '+15550005004'].map((phone) => customerOn('sms', phone, { withAddress: false })));
    const { code, codeId } = await issueLinkCode(issuer, 'alexa', PEPPER);
    const outcomes = await Promise.all(racers.map((racer) => redeemLinkCode(code, racer, 'sms', PEPPER)));
    assert.equal(outcomes.filter((o) => o.ok).length, 1);
    assert.deepEqual(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason), ['used', 'used', 'used']);
    assert.equal(await LinkCodeRedemptionModel.countDocuments({ codeId }), 1);
    assert.equal(await CustomerMergeModel.countDocuments(), 1);
    assert.equal(await ChannelIdentityModel.countDocuments({ customerId: issuer }), 2);
  });

  it('finishes a merge interrupted by a crash, and a second run changes nothing', async () => {
    const target = await customerOn('whatsapp', '15550006666');
    const source = await customerOn('sms', '+15550006666');
    await changeCustomerCart(target, settings, (cart) => addToCart(cart, 'TEA-1', 1, settings));
    await changeCustomerCart(source, settings, (cart) => addToCart(cart, 'TEA-1', 2, settings));
    // The crash: the merge was claimed and identities moved, then the process died.
    const crashedAt = new Date();
    await claimMerge(source, target, 'link-code:sms', crashedAt);
    await moveCustomerRows(source, target);

    assert.equal(await finishInterruptedMerges(crashedAt), 0, 'a merge just started may still be running');
    const later = new Date(crashedAt.getTime() + 5 * 60_000);
    assert.equal(await finishInterruptedMerges(later), 1);
    await mergeCustomers(source, target, 'link-code:sms');
    assert.equal(await finishInterruptedMerges(later), 0);
    const carts = await CartModel.find().lean();
    assert.deepEqual(carts.map((c) => [String(c.customerId), c.lines.map((l) => [l.sku, l.quantity])]), [[String(target), [['TEA-1', 3]]]]);
    assert.equal(String((await CustomerModel.findById(source).lean())!.mergedInto), String(target));
  });

  it('says already linked when the code comes back to its own customer, and follows merges to the customer that stays', async () => {
    const first = await customerOn('whatsapp', '15550008888', { withAddress: false });
    const second = await customerOn('sms', '+15550008888', { withAddress: false });
    const { code: ownCode } = await issueLinkCode(first, 'whatsapp', PEPPER);
    assert.deepEqual(await redeemLinkCode(ownCode, first, 'whatsapp', PEPPER), { ok: true, customerId: first, alreadyLinked: true });

    // A code issued by `second`, which is then folded into `first`, links to `first`.
    const { code } = await issueLinkCode(second, 'sms', PEPPER);
    await mergeCustomers(second, first, 'test');
    const third = await customerOn('messenger', 'PSID-8888', { withAddress: false });
    assert.deepEqual(await redeemLinkCode(code, third, 'messenger', PEPPER), { ok: true, customerId: first, alreadyLinked: false });
    assert.equal(await ChannelIdentityModel.countDocuments({ customerId: first }), 3);
  });
});
