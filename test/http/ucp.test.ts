import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { CheckoutCreateRequestSchema, CheckoutResponseSchema, CheckoutUpdateRequestSchema } from '@ucp-js/sdk';
import type { Types } from 'mongoose';
import request from 'supertest';
import { OrderModel, OutboxModel, ProductModel, UcpCheckoutModel } from '../../models';
import { createApp } from '../../src/http/app';
import { assistantResources, createOAuthProvider, issueAccessToken } from '../../src/http/oauth/provider';
import type { ChargeUcpOrder } from '../../src/http/ucp/payment';
import { invalidateCatalogIndex, unitsInStock } from '../../src/services/catalog';
import { updateOrderStatus } from '../../src/services/orders';
import { addCustomer, addProduct } from '../support/commerce';
import { silentLog } from '../support/config';
import { resetDatabase } from '../support/database';
import { nock, withFakeHttp } from '../support/fake-http';
import { serviceToken } from '../support/mcp-client';
import { dispatcherFor, notifyConfig } from '../support/notify';

const WEBHOOK = 'https://platform.example/ucp/order-updates';
const config = notifyConfig({ UCP_ORDER_WEBHOOK_URL: WEBHOOK });
const charges: { orderNumber: string; amountMinor: number; currency: string; token: string }[] = [];
/** Stands in for the payments domain until it is on main: records what completion asks to charge. */
const charge: ChargeUcpOrder = async (order, credential) => {
  charges.push({ orderNumber: order.orderNumber, amountMinor: order.totalMinor, currency: order.currency, token: credential.token });
  return credential.token === 'tok_declined' ? { ok: false, reason: 'declined' } : { ok: true };
};
const app = createApp({ config, log: silentLog, ucpOverrides: { charge } });
const BASE = '/ucp/v1/checkout-sessions';

/** The spec's checkout fields the official SDK's schemas describe (its `ucp` envelope is of an older version than we advertise). */
const checkoutFields = CheckoutResponseSchema.omit({ ucp: true });

const createBody = { line_items: [{ item: { id: 'TEA-1' }, quantity: 2 }] };
const completeBody = { payment: { instruments: [{ id: 'pi_1', handler_id: 'stripe', type: 'card', credential: { type: 'stripe_token', token: 'tok_visa' } }] } };

describe('UCP checkout over HTTP (/.well-known/ucp and /ucp/v1/checkout-sessions)', () => {
  withFakeHttp();
  let shopper: Types.ObjectId;
  let token: string;
  const post = (path: string, body: unknown, key?: string) => {
    const call = request(app).post(path).set('authorization', `Bearer ${token}`).set('ucp-agent', 'profile="https://platform.example/profile"');
    return (key ? call.set('idempotency-key', key) : call).send(body as object);
  };

  before(async () => {
    await resetDatabase();
    await addProduct('TEA-1', { name: 'Earl Grey Tea', priceMinor: 550, stock: 10 });
    shopper = await addCustomer({ channel: 'whatsapp', externalId: '15550100003' });
    token = await issueAccessToken(createOAuthProvider(config), config, shopper, assistantResources(config).ucp);
  });

  it('publishes the business profile: the shopping service over REST, checkout and order capabilities, Stripe, and its signing key', async () => {
    const profile = await request(app).get('/.well-known/ucp');
    assert.equal(profile.status, 200);
    assert.equal(profile.body.ucp.version, '2026-04-08');
    assert.deepEqual(
      profile.body.ucp.services['dev.ucp.shopping'].map((service: { transport: string; endpoint: string }) => [service.transport, service.endpoint]),
      [['rest', `${config.PUBLIC_BASE_URL}/ucp/v1`]],
    );
    assert.deepEqual(Object.keys(profile.body.ucp.capabilities).sort(), ['dev.ucp.common.identity_linking', 'dev.ucp.shopping.checkout', 'dev.ucp.shopping.order']);
    assert.ok(profile.body.ucp.payment_handlers['com.stripe']);
    assert.deepEqual(Object.keys(profile.body.signing_keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('refuses a call without a token (401 with resource_metadata), a token for /mcp, and a service token that names no customer', async () => {
    const none = await request(app).post(BASE).send(createBody);
    assert.equal(none.status, 401);
    assert.match(none.headers['www-authenticate']!, /resource_metadata=".*\/.well-known\/oauth-protected-resource\/ucp\/v1"/);
    const mcpToken = await issueAccessToken(createOAuthProvider(config), config, shopper, assistantResources(config).mcp);
    const other = await request(app).post(BASE).set('authorization', `Bearer ${mcpToken}`).send(createBody);
    assert.equal(other.status, 401);
    const service = await request(app).post(BASE).set('authorization', `Bearer ${await serviceToken(app, assistantResources(config).ucp)}`).send(createBody);
    assert.equal(service.status, 403);
    assert.equal(await UcpCheckoutModel.countDocuments(), 0);
  });

  it('with PAYMENTS=off refuses to complete (503) and places nothing, since nothing can charge the credential', async () => {
    const created = await post(BASE, createBody);
    assert.equal(created.status, 201, created.text);
    const ordersBefore = await OrderModel.countDocuments();
    const paymentsOff = createApp({ config, log: silentLog });
    const refused = await request(paymentsOff).post(`${BASE}/${created.body.id}/complete`).set('authorization', `Bearer ${token}`).send(completeBody);
    assert.equal(refused.status, 503);
    assert.equal(refused.body.error.code, 'PAYMENT_UNAVAILABLE');
    assert.equal(await OrderModel.countDocuments(), ordersBefore);
    assert.equal((await UcpCheckoutModel.findById(created.body.id).lean())?.status, 'ready_for_complete');
    // The next test counts this customer's sessions from none.
    await UcpCheckoutModel.deleteOne({ _id: created.body.id });
  });

  it('create -> update -> complete against the spec schema; an Idempotency-Key replay gets the identical response; one order per session', async () => {
    CheckoutCreateRequestSchema.parse(createBody);
    const created = await post(BASE, createBody, 'create-1');
    assert.equal(created.status, 201, created.text);
    checkoutFields.parse(created.body);
    assert.equal(created.body.status, 'ready_for_complete');
    assert.deepEqual(created.body.totals, [
      { type: 'subtotal', amount: 1100 },
      { type: 'tax', amount: 91 },
      { type: 'fulfillment', amount: 499, display_text: 'Delivery' },
      { type: 'total', amount: 1690 },
    ]);
    const replay = await post(BASE, createBody, 'create-1');
    assert.equal(replay.status, 201);
    assert.equal(replay.text, created.text);
    assert.equal(await UcpCheckoutModel.countDocuments({ customerId: shopper }), 1);
    const reused = await post(BASE, { line_items: [{ item: { id: 'TEA-1' }, quantity: 1 }] }, 'create-1');
    assert.equal(reused.status, 409);

    const update = { line_items: [{ item: { id: 'TEA-1' }, quantity: 3 }] };
    CheckoutUpdateRequestSchema.parse(update);
    const updated = await request(app).put(`${BASE}/${created.body.id}`).set('authorization', `Bearer ${token}`).set('idempotency-key', 'update-1').send(update);
    assert.equal(updated.status, 200, updated.text);
    checkoutFields.parse(updated.body);
    assert.equal(updated.body.line_items[0].quantity, 3);

    const completed = await post(`${BASE}/${created.body.id}/complete`, completeBody, 'complete-1');
    assert.equal(completed.status, 200, completed.text);
    checkoutFields.parse(completed.body);
    assert.equal(completed.body.status, 'completed');
    const order = await OrderModel.findOne({ orderNumber: completed.body.order.id }).lean();
    assert.equal(order!.channel, 'ucp');
    assert.equal(order!.totalMinor, 2285);
    assert.deepEqual(charges.at(-1), { orderNumber: order!.orderNumber, amountMinor: 2285, currency: 'USD', token: 'tok_visa' });

    const again = await post(`${BASE}/${created.body.id}/complete`, completeBody, 'complete-1');
    assert.equal(again.text, completed.text);
    const otherKey = await post(`${BASE}/${created.body.id}/complete`, completeBody, 'complete-2');
    assert.equal(otherKey.body.order.id, order!.orderNumber);
    assert.equal(await OrderModel.countDocuments({ customerId: shopper }), 1);
    assert.equal(charges.filter((c) => c.orderNumber === order!.orderNumber).length, 1);
  });

  it('reports a price change between create and complete as a message, and completes at the new price only when asked again', async () => {
    const created = await post(BASE, createBody);
    await ProductModel.updateOne({ sku: 'TEA-1' }, { $set: { priceMinor: 600 } });
    invalidateCatalogIndex();
    const first = await post(`${BASE}/${created.body.id}/complete`, completeBody);
    assert.equal(first.body.status, 'ready_for_complete');
    assert.equal(first.body.order, undefined);
    assert.deepEqual(
      first.body.messages.map((m: { type: string; code: string; path: string }) => [m.type, m.code, m.path]),
      [['warning', 'totals_changed', '$.line_items[0].item.price']],
    );
    assert.equal(first.body.line_items[0].item.price, 600);
    const ordersBefore = await OrderModel.countDocuments();
    const second = await post(`${BASE}/${created.body.id}/complete`, completeBody);
    assert.equal(second.body.status, 'completed');
    assert.equal(await OrderModel.countDocuments(), ordersBefore + 1);
    assert.equal(charges.at(-1)!.amountMinor, 1200 + 99 + 499);
  });

  it('cancel ends the session with nothing held and no order; completing it afterwards places nothing', async () => {
    const stockBefore = await unitsInStock('TEA-1');
    const ordersBefore = await OrderModel.countDocuments();
    const created = await post(BASE, createBody);
    const canceled = await post(`${BASE}/${created.body.id}/cancel`, {}, 'cancel-1');
    assert.equal(canceled.status, 200);
    assert.equal(canceled.body.status, 'canceled');
    const late = await post(`${BASE}/${created.body.id}/complete`, completeBody);
    assert.equal(late.body.status, 'canceled');
    assert.equal(await OrderModel.countDocuments(), ordersBefore);
    assert.equal(await unitsInStock('TEA-1'), stockBefore);
  });

  it('a declined charge cancels the order and gives its stock back', async () => {
    const stockBefore = await unitsInStock('TEA-1');
    const created = await post(BASE, createBody);
    const declined = await post(`${BASE}/${created.body.id}/complete`, { payment: { instruments: [{ ...completeBody.payment.instruments[0], credential: { type: 'stripe_token', token: 'tok_declined' } }] } });
    assert.equal(declined.body.status, 'canceled');
    assert.equal(declined.body.messages[0].code, 'payment_declined');
    assert.equal(await unitsInStock('TEA-1'), stockBefore);
  });

  it('sends the platform a signed order update when the order ships', async () => {
    // Only this order's updates: the earlier tests' (a cancellation) are not what this one checks.
    await OutboxModel.deleteMany({});
    const created = await post(BASE, createBody);
    const completed = await post(`${BASE}/${created.body.id}/complete`, completeBody);
    assert.equal(completed.body.status, 'completed', completed.text);
    const orderNumber = completed.body.order.id as string;
    const sent: { body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
    const captured = (name: string) => (value: string) => {
      sent.headers[name] = value;
      return true;
    };
    const platform = nock('https://platform.example')
      .matchHeader('content-type', 'application/json')
      .matchHeader('content-digest', captured('content-digest'))
      .matchHeader('signature-input', captured('signature-input'))
      .matchHeader('signature', captured('signature'))
      .post('/ucp/order-updates', (body: Record<string, unknown>) => {
        sent.body = body;
        return true;
      })
      .reply(200, {});
    await updateOrderStatus(orderNumber, 'paid', 'staff');
    await updateOrderStatus(orderNumber, 'packed', 'staff');
    await OutboxModel.deleteMany({});
    await updateOrderStatus(orderNumber, 'shipped', 'staff', { tracking: { carrier: 'UPS', number: '1Z999' } });
    await dispatcherFor(config).runDue(new Date());
    assert.ok(platform.isDone());
    assert.equal(sent.body!.id, orderNumber);
    assert.equal(sent.body!.checkout_id, created.body.id);
    assert.deepEqual((sent.body!.fulfillment as { events: { type: string; tracking_number: string }[] }).events.map((e) => [e.type, e.tracking_number]), [['shipped', '1Z999']]);

    // The signature verifies with the key the profile publishes, over the digest of the body as sent.
    assert.equal(sent.headers['content-digest'], `sha-256=:${createHash('sha256').update(JSON.stringify(sent.body)).digest('base64')}:`);
    const profile = await request(app).get('/.well-known/ucp');
    const params = /^sig1=(.*)$/.exec(sent.headers['signature-input']!)![1]!;
    const signatureBase = [`"@method": POST`, `"@target-uri": ${WEBHOOK}`, `"content-type": application/json`, `"content-digest": ${sent.headers['content-digest']}`, `"@signature-params": ${params}`].join('\n');
    const signature = Buffer.from(/^sig1=:(.*):$/.exec(sent.headers.signature!)![1]!, 'base64');
    const publicKey = createPublicKey({ key: profile.body.signing_keys[0], format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(signatureBase), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature));
    assert.match(params, new RegExp(`keyid="${profile.body.signing_keys[0].kid}"`));
  });
});

describe('UCP completion charges the credential through the payments domain (Stripe faked with nock)', () => {
  withFakeHttp();
  const stripeConfig = notifyConfig({ PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_ucpTestKey1', STRIPE_WEBHOOK_SECRET: 'whsec_ucpTestSecret' });
  const stripeApp = createApp({ config: stripeConfig, log: silentLog });

  it('completion with a test payment credential calls Stripe once with the exact amount and places one order', async () => {
    await resetDatabase();
    await addProduct('TEA-1', { name: 'Earl Grey Tea', priceMinor: 550, stock: 10 });
    const buyer = await addCustomer({ channel: 'whatsapp', externalId: '15550100005' });
    const bearer = `Bearer ${await issueAccessToken(createOAuthProvider(stripeConfig), stripeConfig, buyer, assistantResources(stripeConfig).ucp)}`;
    const created = await request(stripeApp).post(BASE).set('authorization', bearer).send(createBody);
    let sent: Record<string, string> | undefined;
    const stripe = nock('https://api.stripe.com')
      .matchHeader('authorization', 'Bearer sk_test_ucpTestKey1')
      .post('/v1/payment_intents', (body: Record<string, string>) => {
        sent = body;
        return true;
      })
      .reply(200, { id: 'pi_ucp_1', object: 'payment_intent', status: 'succeeded' });
    const body = { payment: { instruments: [{ id: 'pi_1', handler_id: 'stripe', type: 'card', credential: { type: 'stripe_payment_method', token: 'pm_card_visa' } }] } };
    const completed = await request(stripeApp).post(`${BASE}/${created.body.id}/complete`).set('authorization', bearer).set('idempotency-key', 'stripe-1').send(body);
    assert.equal(completed.body.status, 'completed', completed.text);
    assert.ok(stripe.isDone());
    const order = await OrderModel.findOne({ orderNumber: completed.body.order.id }).lean();
    assert.deepEqual(
      { amount: sent!.amount, currency: sent!.currency, payment_method: sent!.payment_method, confirm: sent!.confirm, order: sent!['metadata[order_number]'] },
      { amount: String(order!.totalMinor), currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', order: order!.orderNumber },
    );
    assert.equal(order!.totalMinor, 1690);
    const again = await request(stripeApp).post(`${BASE}/${created.body.id}/complete`).set('authorization', bearer).set('idempotency-key', 'stripe-2').send(body);
    assert.equal(again.body.order.id, order!.orderNumber);
    assert.equal(await OrderModel.countDocuments({ customerId: buyer }), 1);
  });
});
