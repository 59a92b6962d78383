import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Express } from 'express';
import type { Types } from 'mongoose';
import request from 'supertest';
import { OrderModel, ProductModel } from '../../models';
import { createApp } from '../../src/http/app';
import { CLIENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR } from '../../src/http/oauth/router';
import { assistantResources, createOAuthProvider, issueAccessToken } from '../../src/http/oauth/provider';
import { issueLinkCode } from '../../src/services/customers';
import { createDiscount } from '../../src/services/discounts';
import { insightReport } from '../../src/services/insights';
import { addCustomer, addProduct, settings } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';
import { resetDatabase } from '../support/database';
import { countQueuedOrders } from '../support/notify';
import { AssistantAuth, callTool, connectAssistant, connectWith, serviceToken } from '../support/mcp-client';

describe('MCP server at /mcp, driven by the SDK client with a token from the real OAuth flow', () => {
  let server: Server;
  let app: Express;
  let base: string;
  let mcpUrl: URL;
  let config: ReturnType<typeof testConfig>;
  let shopper: Types.ObjectId;
  let client: Client;
  let auth: AssistantAuth;

  before(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config = testConfig({ PUBLIC_BASE_URL: base });
    app = createApp({ config, log: silentLog });
    server.on('request', app);
    mcpUrl = new URL(`${base}/mcp`);

    await resetDatabase();
    await addProduct('COFFEE-DARK', { name: 'Dark Roast Coffee', priceMinor: 1299, stock: 20 });
    await addProduct('COFFEE-MEDIUM', { name: 'Medium Roast Coffee', priceMinor: 1199, stock: 20 });
    await addProduct('WINE-RED', { name: 'Red Wine', priceMinor: 1500, stock: 5, restrictions: { notSoldByVoice: true, reason: 'alcohol is sold only in the app' } });
    shopper = await addCustomer({ channel: 'whatsapp', externalId: '15550100001', voiceCode: '4321' });
    const { code } = await issueLinkCode(shopper, 'whatsapp', settings.linkCodePepper);
    ({ client, auth } = await connectAssistant(app, mcpUrl, code));
  });

  after(async () => {
    await client?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('publishes its protected resource metadata and refuses a request without a token with 401 and resource_metadata', async () => {
    const metadata = await request(app).get('/.well-known/oauth-protected-resource/mcp');
    assert.equal(metadata.status, 200);
    assert.deepEqual(metadata.body, {
      resource: `${base}/mcp`,
      authorization_servers: [`${base}/oauth`],
      scopes_supported: ['shop'],
      bearer_methods_supported: ['header'],
      resource_name: 'Corner Market shopping',
    });
    assert.deepEqual((await request(app).get('/.well-known/oauth-protected-resource')).body, metadata.body);

    const noToken = await request(app).post('/mcp').send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    assert.equal(noToken.status, 401);
    assert.match(noToken.headers['www-authenticate']!, new RegExp(`^Bearer .*resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`));

    const server = await request(app).get('/oauth/.well-known/openid-configuration');
    assert.deepEqual(server.body.code_challenge_methods_supported, ['S256']);
    assert.equal(server.body.registration_endpoint, `${base}/oauth/reg`);
  });

  it('registered the client dynamically and got a token bound to /mcp with PKCE (no secret)', () => {
    assert.ok(auth.clientInformation()?.client_id);
    assert.equal(auth.clientInformation()?.client_secret, undefined);
    assert.ok(auth.tokens()?.access_token);
  });

  it('lists every tool with its input and output schema and annotations', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const expected = ['search_products', 'get_product', 'add_to_cart', 'remove_from_cart', 'view_cart', 'preview_checkout', 'place_order', 'order_status', 'list_orders', 'reorder', 'cancel_order', 'apply_discount_code'];
    assert.deepEqual([...byName.keys()].sort(), [...expected].sort());
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema?.type, 'object', tool.name);
      assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', tool.name);
      assert.equal(typeof tool.annotations?.destructiveHint, 'boolean', tool.name);
      assert.equal(typeof tool.annotations?.idempotentHint, 'boolean', tool.name);
    }
    assert.deepEqual(byName.get('place_order')!.inputSchema.required, ['confirmationToken']);
    assert.equal(byName.get('search_products')!.annotations!.readOnlyHint, true);
    assert.equal(byName.get('cancel_order')!.annotations!.destructiveHint, true);
  });

  it('search asks back when two products are close; search, add, preview, place with the voice code, then status', async () => {
    const ambiguous = await callTool(client, 'search_products', { query: 'coffee' });
    assert.equal(ambiguous.data.result, 'ambiguous');
    assert.deepEqual(ambiguous.data.products.map((p: { sku: string }) => p.sku).sort(), ['COFFEE-DARK', 'COFFEE-MEDIUM']);
    assert.match(ambiguous.data.question, /^Did you mean .* or .*\?$/);

    const found = await callTool(client, 'search_products', { query: 'two dark roast coffee' });
    assert.equal(found.data.result, 'match');
    assert.equal(found.data.products[0].sku, 'COFFEE-DARK');
    assert.equal(found.data.quantity, 2);

    const added = await callTool(client, 'add_to_cart', { sku: 'COFFEE-DARK', quantity: 2 });
    assert.equal(added.isError, false);
    assert.equal(added.data.cart.totals.subtotalMinor, 2598);

    const preview = await callTool(client, 'preview_checkout');
    assert.equal(preview.data.seller, 'Corner Market');
    assert.equal(preview.data.deliveryTo, '1 Main St, Springfield');
    assert.deepEqual(preview.data.cart.totals, { currency: 'USD', subtotalMinor: 2598, taxMinor: 214, deliveryFeeMinor: 499, totalMinor: 3311 });
    assert.equal(preview.data.voiceCodeRequired, true);

    const noCode = await callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken });
    assert.equal(noCode.isError, true);
    assert.equal(noCode.data.error.code, 'VOICE_CODE_REQUIRED');
    assert.equal(await OrderModel.countDocuments(), 0);

    const placed = await callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken, voiceCode: '4321' });
    assert.equal(placed.isError, false, JSON.stringify(placed.data));
    assert.equal(placed.data.order.status, 'placed');
    assert.deepEqual(placed.data.order.total, { amountMinor: 3311, currency: 'USD' });
    const stored = await OrderModel.findOne({ orderNumber: placed.data.order.orderNumber }).lean();
    assert.equal(String(stored!.customerId), String(shopper));
    assert.equal(stored!.channel, 'mcp');

    // The same token again (a retried call): the same order, not a second one.
    const again = await callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken, voiceCode: '4321' });
    assert.equal(again.data.order.orderNumber, placed.data.order.orderNumber);
    assert.equal(again.data.alreadyPlaced, true);
    assert.equal(await OrderModel.countDocuments(), 1);

    const status = await callTool(client, 'order_status', { orderNumber: placed.data.order.orderNumber });
    assert.equal(status.data.order.status, 'placed');
    const listed = await callTool(client, 'list_orders');
    assert.deepEqual(
      listed.data.orders.map((o: { orderNumber: string }) => o.orderNumber),
      [placed.data.order.orderNumber],
    );

    // The assistant's shopping counts in the merchant's insights as a chat's does (issue 20), the retried order once.
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await countQueuedOrders(), 1);
    const report = await insightReport(today, today);
    assert.deepEqual(report.funnel, [{ channel: 'mcp', browse: 2, cart: 1, readBack: 1, order: 1 }]);
    assert.deepEqual(report.askedBackSearches, [{ term: 'coffee', count: 1 }]);
    assert.deepEqual(report.topSearches, [{ term: 'Dark Roast Coffee', count: 1 }]);
  });

  it('refuses place_order without a valid preview token, and a changed basket needs a new preview', async () => {
    await callTool(client, 'add_to_cart', { sku: 'COFFEE-MEDIUM', quantity: 1 });
    const forged = await callTool(client, 'place_order', { confirmationToken: 'not-a-token', voiceCode: '4321' });
    assert.equal(forged.data.error.code, 'CONFIRMATION_STALE');

    const preview = await callTool(client, 'preview_checkout');
    await callTool(client, 'add_to_cart', { sku: 'COFFEE-MEDIUM', quantity: 1 });
    const stale = await callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken, voiceCode: '4321' });
    assert.equal(stale.isError, true);
    assert.equal(stale.data.error.code, 'CONFIRMATION_STALE');
    assert.equal(await OrderModel.countDocuments({ customerId: shopper, 'lines.sku': 'COFFEE-MEDIUM' }), 0);

    const fresh = await callTool(client, 'preview_checkout');
    const placed = await callTool(client, 'place_order', { confirmationToken: fresh.data.confirmationToken, voiceCode: '4321' });
    assert.equal(placed.data.order.lines[0].quantity, 2);
  });

  it('two place_order calls at once with one token place one order', async () => {
    await callTool(client, 'add_to_cart', { sku: 'COFFEE-DARK', quantity: 1 });
    const preview = await callTool(client, 'preview_checkout');
    const before = await OrderModel.countDocuments();
    const calls = await Promise.all([0, 1].map(() => callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken, voiceCode: '4321' })));
    const numbers = new Set(calls.filter((call) => !call.isError).map((call) => call.data.order.orderNumber));
    assert.equal(numbers.size, 1, JSON.stringify(calls.map((call) => call.data)));
    assert.equal(await OrderModel.countDocuments(), before + 1);
  });

  it('refuses a restricted item with its reason', async () => {
    await callTool(client, 'add_to_cart', { sku: 'WINE-RED', quantity: 1 });
    const preview = await callTool(client, 'preview_checkout');
    assert.equal(preview.isError, true);
    assert.equal(preview.data.error.code, 'RESTRICTED_BY_VOICE');
    assert.deepEqual(preview.data.error.details.items, [{ sku: 'WINE-RED', name: 'Red Wine', reason: 'alcohol is sold only in the app' }]);
    await callTool(client, 'remove_from_cart', { sku: 'WINE-RED' });
  });

  it("another customer's token never sees this cart", async () => {
    await callTool(client, 'add_to_cart', { sku: 'COFFEE-MEDIUM', quantity: 3 });
    const other = await addCustomer({ channel: 'sms', externalId: '+15550100002' });
    const theirAuth = new AssistantAuth();
    theirAuth.saveTokens({ access_token: await issueAccessToken(createOAuthProvider(config), config, other, assistantResources(config).mcp), token_type: 'Bearer' });
    const otherClient = await connectWith(mcpUrl, theirAuth);
    const theirs = await callTool(otherClient, 'view_cart');
    assert.deepEqual(theirs.data.cart.lines, []);
    const mine = await callTool(client, 'view_cart');
    assert.deepEqual(
      mine.data.cart.lines.map((line: { sku: string; quantity: number }) => [line.sku, line.quantity]),
      [['COFFEE-MEDIUM', 3]],
    );
    await otherClient.close();
  });

  it('reorder tells what changed before adding anything; cancel_order cancels inside the window', async () => {
    const [last] = (await callTool(client, 'list_orders', { limit: 1 })).data.orders;
    await callTool(client, 'remove_from_cart', { sku: 'COFFEE-MEDIUM' });
    await ProductModel.updateOne({ sku: last.lines[0].sku }, { $inc: { priceMinor: 100 } });
    const compared = await callTool(client, 'reorder', { order: 'last' });
    assert.equal(compared.data.added, false);
    assert.equal(compared.data.lines[0].status, 'repriced');
    assert.equal(compared.data.lines[0].priceNowMinor, compared.data.lines[0].pricePaidMinor + 100);
    assert.deepEqual((await callTool(client, 'view_cart')).data.cart.lines, []);
    const stale = await callTool(client, 'reorder', { order: 'last', reorderToken: 'not-the-token' });
    assert.equal(stale.data.error.code, 'CONFIRMATION_STALE');
    const added = await callTool(client, 'reorder', { order: 'last', reorderToken: compared.data.reorderToken });
    assert.equal(added.data.added, true);
    assert.equal(added.data.cart.lines[0].unitPriceMinor, compared.data.lines[0].priceNowMinor);

    const cancelled = await callTool(client, 'cancel_order', { orderNumber: last.orderNumber });
    assert.equal(cancelled.data.order.status, 'cancelled');
    assert.equal((await OrderModel.findOne({ orderNumber: last.orderNumber }).lean())!.status, 'cancelled');
    await callTool(client, 'remove_from_cart', { sku: last.lines[0].sku });
  });

  it('three wrong voice codes lock the code, as on every channel', async () => {
    const other = await addCustomer({ channel: 'sms', externalId: '+15550100004', voiceCode: '2468' });
    const theirAuth = new AssistantAuth();
    theirAuth.saveTokens({ access_token: await issueAccessToken(createOAuthProvider(config), config, other, assistantResources(config).mcp), token_type: 'Bearer' });
    const theirs = await connectWith(mcpUrl, theirAuth);
    await callTool(theirs, 'add_to_cart', { sku: 'COFFEE-DARK', quantity: 1 });
    const { confirmationToken } = (await callTool(theirs, 'preview_checkout')).data;
    const answers = [];
    for (const voiceCode of ['1111', '2222', '3333', '2468']) answers.push((await callTool(theirs, 'place_order', { confirmationToken, voiceCode })).data.error);
    assert.deepEqual(
      answers.map((error) => [error.code, error.details?.attemptsLeft]),
      [
        ['VOICE_CODE_WRONG', 2],
        ['VOICE_CODE_WRONG', 1],
        ['VOICE_CODE_LOCKED', undefined],
        // Locked: even the right code is refused now.
        ['VOICE_CODE_LOCKED', undefined],
      ],
    );
    assert.equal(await OrderModel.countDocuments({ customerId: other }), 0);
    await theirs.close();
  });

  it("a service token (Alexa+'s first tier: client credentials) lists the tools but calls none", async () => {
    const service = new AssistantAuth();
    service.saveTokens({ access_token: await serviceToken(app, `${base}/mcp`), token_type: 'Bearer' });
    const listing = await connectWith(mcpUrl, service);
    assert.equal((await listing.listTools()).tools.length, 12);
    const refused = await callTool(listing, 'view_cart');
    assert.equal(refused.data.error.code, 'ACCOUNT_NOT_LINKED');
    await listing.close();
    const metadata = await request(app).get('/oauth/.well-known/openid-configuration');
    assert.ok(metadata.body.grant_types_supported.includes('client_credentials'));
  });

  it('limits open client registration per address and hour', async () => {
    // A clock pinned inside one hour (an hour no other test registered in), so the count does not depend on when the run reaches this test.
    const pinned = createApp({ config, log: silentLog, oauthOverrides: { now: () => new Date('2026-03-01T10:30:00Z') } });
    const register = () => request(pinned).post('/oauth/reg').send({ client_name: 'Spam', redirect_uris: ['https://spam.example/cb'], token_endpoint_auth_method: 'none' });
    const statuses = [];
    for (let index = 0; index < CLIENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR + 1; index++) statuses.push((await register()).status);
    assert.deepEqual(statuses, [...Array<number>(CLIENT_REGISTRATIONS_PER_ADDRESS_PER_HOUR).fill(201), 429]);
  });

  it('refuses a token issued for another audience, and an Alexa account-linking token', async () => {
    const provider = createOAuthProvider(config);
    const alexaToken = await issueAccessToken(provider, config, shopper);
    const ucpToken = await issueAccessToken(provider, config, shopper, assistantResources(config).ucp);
    for (const token of [alexaToken, ucpToken]) {
      const refused = await request(app).post('/mcp').set('authorization', `Bearer ${token}`).set('accept', 'application/json, text/event-stream').send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      assert.equal(refused.status, 401, token === alexaToken ? 'alexa' : 'ucp');
      assert.match(refused.headers['www-authenticate']!, /error="invalid_token"/);
    }
    const own = new AssistantAuth();
    own.saveTokens({ access_token: await issueAccessToken(provider, config, shopper, assistantResources(config).mcp), token_type: 'Bearer' });
    const accepted = await connectWith(mcpUrl, own);
    assert.equal((await callTool(accepted, 'view_cart')).isError, false);
    await accepted.close();
  });

  it('applies a discount code: the cart and the preview name it with the new total, and the order keeps it (issue 20)', async () => {
    await createDiscount({ code: 'MCP10', kind: 'percent', percentBasisPoints: 1000, currency: 'USD', minimumBasketMinor: 0, skus: [], categories: [], usage: { kind: 'capped', cap: 10 } });
    // Earlier tests left lines in the shopper's cart: start from one medium roast.
    for (const line of (await callTool(client, 'view_cart')).data.cart.lines as { sku: string }[]) await callTool(client, 'remove_from_cart', { sku: line.sku });
    await callTool(client, 'add_to_cart', { sku: 'COFFEE-MEDIUM', quantity: 1 });
    const unknown = await callTool(client, 'apply_discount_code', { code: 'NOPE99' });
    assert.equal(unknown.isError, true);
    assert.equal(unknown.data.error.code, 'DISCOUNT_NOT_APPLICABLE');

    const applied = await callTool(client, 'apply_discount_code', { code: 'mcp10' });
    assert.equal(applied.isError, false, JSON.stringify(applied.data));
    // 10 % of 11.99 is 1.20; tax on the 10.79 left, plus delivery.
    const expected = { currency: 'USD', subtotalMinor: 1199, discountCode: 'MCP10', discountMinor: 120, taxMinor: 89, deliveryFeeMinor: 499, totalMinor: 1079 + 89 + 499 };
    assert.deepEqual(applied.data.cart.totals, expected);
    const preview = await callTool(client, 'preview_checkout');
    assert.deepEqual(preview.data.cart.totals, expected);
    const placed = await callTool(client, 'place_order', { confirmationToken: preview.data.confirmationToken, voiceCode: '4321' });
    assert.equal(placed.isError, false, JSON.stringify(placed.data));
    const stored = await OrderModel.findOne({ orderNumber: placed.data.order.orderNumber }).lean();
    assert.deepEqual([stored!.discountCode, stored!.discountMinor, stored!.totalMinor], ['MCP10', 120, expected.totalMinor]);
  });
});
