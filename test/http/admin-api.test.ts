import assert from 'node:assert/strict';
import mongoose, { type Types } from 'mongoose';
import request from 'supertest';
import { ALL_MODELS, ChannelIdentityModel, CustomerModel, OrderModel, ProductModel, VoiceCodeAttemptModel } from '../../models';
import { createApp } from '../../src/http/app';
import { ADMIN_ROUTES, adminOpenApiDocument } from '../../src/http/admin/router';
import { openApiPath } from '../../src/http/admin/route-table';
import { identifyCustomer, issueLinkCode } from '../../src/services/customers';
import { stockBalance } from '../../src/store/inventory-store';
import { claimJob, enqueueJob } from '../../src/store/outbox-store';
import { NO_PERSONAL_DATA, privacyClassOf, unclassifiedModels } from '../../src/store/personal-data';
import { updateOrderStatus } from '../../src/services/orders';
import { linkedAlexaToken } from '../support/alexa-linking';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { TEST_ADMIN_KEY, silentLog, testConfig } from '../support/config';
import { Shopper } from '../support/conversation';

const app = createApp({ config: testConfig(), log: silentLog });
const admin = {
  get: (url: string) => request(app).get(url).set('x-api-key', TEST_ADMIN_KEY),
  post: (url: string) => request(app).post(url).set('x-api-key', TEST_ADMIN_KEY),
  put: (url: string) => request(app).put(url).set('x-api-key', TEST_ADMIN_KEY),
};

/** One person's traces, the way the system leaves them: searched for after an erase. */
const ZELDA = { name: 'Zelda Quartermain', phone: '+15557654321', waId: '15557654321', email: 'zelda.q@example.com', street: '9 Privacy Lane' };

/** Zelda shops on WhatsApp, places an order, texts by SMS, says STOP, and leaves a trace in every collection that can hold one. */
async function zeldaWithHistory(): Promise<Types.ObjectId> {
  const onWhatsApp = new Shopper('whatsapp', ZELDA.waId);
  await onWhatsApp.says('show me coffee');
  const { customerId } = await identifyCustomer('whatsapp', ZELDA.waId, 'en-US');
  await CustomerModel.updateOne(
    { _id: customerId },
    { $set: { displayName: ZELDA.name, phone: ZELDA.phone, email: ZELDA.email, addresses: [{ recipient: ZELDA.name, line1: ZELDA.street, city: 'Springfield', postalCode: '12345', country: 'US' }] } },
  );
  await ChannelIdentityModel.create({ channel: 'sms', externalId: ZELDA.phone, customerId });
  await onWhatsApp.says('add 2 colombian coffee');
  await onWhatsApp.says('checkout');
  assert.match((await onWhatsApp.says('yes')).text, /^Done\./);
  await new Shopper('sms', ZELDA.phone).says('where is my order');
  await onWhatsApp.says('stop sending me offers');
  // A reply queued the way the messaging channels queue them: addressed by WhatsApp id, no customerId.
  await enqueueJob({ jobKey: 'whatsapp:wamid.ZELDA1', kind: 'whatsapp', payload: { to: ZELDA.waId, messages: [{ text: `Hi ${ZELDA.name}` }] } }, new Date());
  await claimJob('whatsapp:wamid.ZELDA1', new Date(), 30_000);
  await issueLinkCode(customerId, 'whatsapp', settings.linkCodePepper);
  await VoiceCodeAttemptModel.create({ customerId, codeSetAt: new Date(), seq: 0 });
  await linkedAlexaToken(customerId);
  return customerId;
}

/** Every stored document, collection by collection, as JSON text (ids as hex). */
async function everyDocument(): Promise<{ collection: string; id: string; text: string }[]> {
  const db = mongoose.connection.db!;
  const found: { collection: string; id: string; text: string }[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find().toArray()) found.push({ collection: name, id: String(doc._id), text: JSON.stringify(doc) });
  }
  return found;
}

function mentionsZelda(text: string, customerId: Types.ObjectId): boolean {
  return [customerId.toHexString(), ZELDA.waId, ZELDA.name, ZELDA.email, ZELDA.street].some((trace) => text.includes(trace));
}

describe('admin API', () => {
  beforeEach(freshDemoStore);

  describe('authentication and the OpenAPI document', () => {
    it('refuses every route without an API key (401) or with a wrong one (403)', async () => {
      for (const route of ADMIN_ROUTES) {
        const url = `/admin${route.path.replace(':sku', 'COF-001').replace(':orderNumber', '123-456').replace(/:[A-Za-z]+/g, '0123456789abcdef01234567')}`;
        const missing = await request(app)[route.method](url).expect(401);
        assert.equal(missing.body.error.code, 'UNAUTHENTICATED', url);
        await request(app)[route.method](url).set('x-api-key', 'wrong').expect(403);
      }
    });

    it('serves an OpenAPI 3.1 document that lists every route with its parameters and bodies', async () => {
      const doc = (await admin.get('/admin/openapi.json').expect(200)).body;
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.info.title && doc.info.version);
      assert.deepEqual(doc.components.securitySchemes.apiKey, { type: 'apiKey', in: 'header', name: 'x-api-key' });
      assert.deepEqual(doc.security, [{ apiKey: [] }]);
      assert.deepEqual(doc, JSON.parse(JSON.stringify(adminOpenApiDocument())));

      const operationIds = new Set<string>();
      for (const route of ADMIN_ROUTES) {
        const operation = doc.paths[openApiPath(route.path)]?.[route.method];
        assert.ok(operation, `${route.method} ${route.path} is documented`);
        assert.ok(!operationIds.has(operation.operationId), 'operation ids are unique');
        operationIds.add(operation.operationId);
        assert.ok(Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)), 'a success response');
        assert.ok(operation.responses['401'] && operation.responses['403'], 'auth failures');
        const pathParams = [...openApiPath(route.path).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        assert.deepEqual(operation.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name), pathParams);
        for (const parameter of operation.parameters) assert.equal(typeof parameter.schema, 'object');
      }
      for (const [method, path] of [
        ['get', '/admin/products'], ['get', '/admin/products/{sku}'], ['put', '/admin/products/{sku}'], ['post', '/admin/products/import'],
        ['get', '/admin/orders'], ['get', '/admin/orders/{orderNumber}'], ['get', '/admin/customers'], ['get', '/admin/customers/{customerId}'],
        ['get', '/admin/customers/{customerId}/export'], ['post', '/admin/customers/{customerId}/erase'], ['get', '/admin/openapi.json'],
      ] as const) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);

      const importBody = doc.paths['/admin/products/import'].post.requestBody.content;
      assert.equal(importBody['application/json'].schema.additionalProperties, false, 'strict bodies are documented as closed');
      assert.equal(importBody['text/csv'].schema.type, 'string');
      const listQuery = doc.paths['/admin/orders'].get.parameters.map((p: { name: string }) => p.name);
      assert.deepEqual(listQuery.sort(), ['customerId', 'from', 'page', 'pageSize', 'status', 'to']);
      // Every $ref points at something in the document.
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
      for (const ref of refs) assert.ok(ref.split('/').reduce((node, key) => node?.[key], doc), ref);
    });
  });

  describe('catalog', () => {
    it('lists products a page at a time, filtered, and refuses unknown query fields', async () => {
      const page = (await admin.get('/admin/products?category=coffee%20%26%20tea&pageSize=2&page=1').expect(200)).body;
      assert.equal(page.items.length, 2);
      assert.ok(page.total >= 2);
      assert.ok(page.items.every((p: { category: string }) => p.category === 'coffee & tea'));
      const search = (await admin.get('/admin/products?q=colombian').expect(200)).body;
      assert.deepEqual(search.items.map((p: { sku: string }) => p.sku), ['COF-001']);
      const refused = await admin.get('/admin/products?colour=red').expect(400);
      assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
      await admin.get('/admin/products?pageSize=500').expect(400);
    });

    it('exports the catalogue as a Google Merchant Center text feed: ids are skus, prices, availability, checkout eligibility', async () => {
      await ProductModel.updateOne({ sku: 'COF-001' }, { $set: { description: 'Rich\tand\nsmooth', priceMinor: 1299 } });
      await ProductModel.updateOne({ sku: 'COF-002' }, { $set: { stock: 0, restrictions: { minimumAge: 21, reason: 'age' } } });
      const feed = await admin.get('/admin/catalog/merchant-feed').expect(200);
      assert.match(feed.headers['content-type']!, /^text\/tab-separated-values/);
      const [header, ...rows] = feed.text.trimEnd().split('\n').map((line) => line.split('\t'));
      assert.deepEqual(header, ['id', 'title', 'description', 'link', 'image_link', 'availability', 'price', 'condition', 'brand', 'identifier_exists', 'native_commerce']);
      const row = (sku: string) => Object.fromEntries(header!.map((column, index) => [column, rows.find((r) => r[0] === sku)![index]]));
      assert.equal(rows.length, await ProductModel.countDocuments({ active: true }));
      assert.ok(rows.every((r) => r.length === header!.length));
      assert.deepEqual(
        { ...row('COF-001'), title: undefined, link: undefined, image_link: undefined },
        { id: 'COF-001', title: undefined, description: 'Rich and smooth', link: undefined, image_link: undefined, availability: 'in_stock', price: '12.99 USD', condition: 'new', brand: 'Corner Market', identifier_exists: 'no', native_commerce: 'TRUE' },
      );
      assert.equal(row('COF-002').availability, 'out_of_stock');
      assert.equal(row('COF-002').native_commerce, 'FALSE');
    });

    it('imports a good CSV file, with quoted commas and lists, stock through the ledger', async () => {
      const csv = [
        'sku,name,category,priceMinor,currency,stock,synonyms,description,notSoldByVoice',
        'JAM-001,Strawberry Jam,pantry,450,USD,7,strawberry jelly|jam,"Sweet, with whole berries",',
        'WIN-001,Red Wine,drinks,1599,USD,3,,,true',
      ].join('\n');
      const res = await admin.post('/admin/products/import').set('content-type', 'text/csv').send(csv).expect(200);
      assert.deepEqual(res.body, { imported: 2, skus: ['JAM-001', 'WIN-001'] });
      const jam = (await admin.get('/admin/products/JAM-001').expect(200)).body;
      assert.deepEqual([jam.name, jam.priceMinor, jam.stock, jam.synonyms, jam.description], ['Strawberry Jam', 450, 7, ['strawberry jelly', 'jam'], 'Sweet, with whole berries']);
      assert.equal(await stockBalance('JAM-001'), 7);
      assert.equal((await admin.get('/admin/products/WIN-001').expect(200)).body.restrictions.notSoldByVoice, true);
    });

    it('refuses a CSV file with one bad row, naming the row and field, and writes nothing', async () => {
      const before = await ProductModel.countDocuments();
      const csv = ['sku,name,category,priceMinor,currency', 'JAM-001,Strawberry Jam,pantry,450,USD', 'JAM-002,Apricot Jam,pantry,4.50,USD'].join('\n');
      const res = await admin.post('/admin/products/import').set('content-type', 'text/csv').send(csv).expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, /^Row 3, field priceMinor: .+ Nothing was imported\.$/);
      assert.deepEqual(res.body.error.details.map((d: { row: number; field: string }) => [d.row, d.field]), [[3, 'priceMinor']]);
      assert.equal(await ProductModel.countDocuments(), before);
      assert.equal(await ProductModel.countDocuments({ sku: 'JAM-001' }), 0);

      const unknownColumn = await admin.post('/admin/products/import').set('content-type', 'text/csv').send('sku,name,colour\nJAM-001,Jam,red').expect(400);
      assert.match(unknownColumn.body.error.message, /Unknown column colour/);
      await admin.post('/admin/products/import').set('content-type', 'text/csv').send('sku,name\n"JAM-001,Jam').expect(400);
    });

    it('imports JSON all or nothing: a duplicate sku or a bad field refuses the whole list', async () => {
      const jam = { sku: 'JAM-001', name: 'Strawberry Jam', category: 'pantry', priceMinor: 450, currency: 'USD' };
      const duplicate = await admin.post('/admin/products/import').send({ products: [jam, jam] }).expect(400);
      assert.match(duplicate.body.error.message, /JAM-001 appears more than once/);
      const bad = await admin.post('/admin/products/import').send({ products: [jam, { ...jam, sku: 'JAM-002', priceMinor: -1 }] }).expect(400);
      assert.equal(bad.body.error.details[0].path, 'products.1.priceMinor');
      await admin.post('/admin/products/import').send({ products: [jam], extra: true }).expect(400);
      assert.equal(await ProductModel.countDocuments({ sku: /^JAM/ }), 0);
      assert.equal((await admin.post('/admin/products/import').send({ products: [jam] }).expect(200)).body.imported, 1);
    });
  });

  describe('orders and customers', () => {
    it('lists orders by status, customer and date, and shows one with its history', async () => {
      const customerId = await zeldaWithHistory();
      await addCustomer({ channel: 'webchat', externalId: 'someone-else' });
      const other = new Shopper('webchat', 'someone-else');
      await other.says('add 3 pasta');
      await other.says('checkout');
      assert.match((await other.says('yes')).text, /^Done\./);
      const mine = (await admin.get(`/admin/orders?customerId=${customerId.toHexString()}`).expect(200)).body;
      assert.equal(mine.total, 1);
      assert.equal(mine.items[0].totalMinor > 0, true);
      assert.equal(mine.items[0].idempotencyKey, undefined);
      assert.equal((await admin.get('/admin/orders?status=placed').expect(200)).body.total, 2);
      assert.equal((await admin.get('/admin/orders?status=shipped').expect(200)).body.total, 0);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await admin.get(`/admin/orders?from=${today}&to=${today}`).expect(200)).body.total, 2);
      assert.equal((await admin.get('/admin/orders?to=2020-01-01').expect(200)).body.total, 0);
      await admin.get('/admin/orders?status=lost').expect(400);

      const order = (await admin.get(`/admin/orders/${mine.items[0].orderNumber}`).expect(200)).body;
      assert.deepEqual(order.history.map((h: { status: string }) => h.status).slice(-1), ['placed']);
      assert.equal((await admin.get('/admin/orders/999-999').expect(404)).body.error.code, 'ORDER_NOT_FOUND');
    });

    it('finds a customer by channel identity, phone (either form) or e-mail', async () => {
      const customerId = (await zeldaWithHistory()).toHexString();
      const ids = async (query: string) => (await admin.get(`/admin/customers?${query}`).expect(200)).body.items.map((c: { _id: string }) => c._id);
      assert.deepEqual(await ids(`channel=whatsapp&externalId=${ZELDA.waId}`), [customerId]);
      assert.deepEqual(await ids(`phone=${encodeURIComponent(ZELDA.phone)}`), [customerId]);
      assert.deepEqual(await ids(`phone=${ZELDA.waId}`), [customerId]);
      assert.deepEqual(await ids('email=ZELDA.Q%40example.com'), [customerId]);
      assert.deepEqual(await ids('email=nobody%40example.com'), []);
      await admin.get('/admin/customers?externalId=abc').expect(400);
      await admin.get(`/admin/customers?phone=${ZELDA.waId}&email=zelda.q%40example.com`).expect(400);

      const customer = (await admin.get(`/admin/customers/${customerId}`).expect(200)).body;
      assert.equal(customer.displayName, ZELDA.name);
      assert.equal(customer.orderCount, 1);
      assert.deepEqual(customer.identities.map((i: { channel: string }) => i.channel).sort(), ['sms', 'whatsapp']);
      assert.equal(customer.voiceCode?.hash, undefined, 'no secrets');
      await admin.get('/admin/customers/0123456789abcdef01234567').expect(404);
      await admin.get('/admin/customers/not-an-id').expect(400);
    });
  });

  describe('privacy: export and erase', () => {
    it('every model is exported or declared free of personal data', () => {
      assert.deepEqual(unclassifiedModels(), []);
      for (const model of ALL_MODELS) {
        const kind = privacyClassOf(model);
        if (kind === 'no personal data') assert.ok(!model.schema.path('customerId'), `${model.modelName} has a customerId yet is declared free of personal data`);
      }
      for (const name of Object.keys(NO_PERSONAL_DATA)) assert.ok(ALL_MODELS.some((m) => m.modelName === name), `${name} is a model`);
    });

    it('exports everything stored about the customer and nothing about anyone else', async () => {
      const customerId = await zeldaWithHistory();
      // Placing writes no status event; the first change after it starts the order's status log.
      await updateOrderStatus((await OrderModel.findOne({ customerId }).lean())!.orderNumber, 'paid', 'staff');
      await new Shopper('whatsapp', '15550000000').says('add pasta');
      const exported = (await admin.get(`/admin/customers/${customerId.toHexString()}/export`).expect(200)).body;
      assert.equal(exported.customerId, customerId.toHexString());

      const exportedIds = new Set(Object.values(exported.collections as Record<string, { _id: string }[]>).flatMap((docs) => docs.map((doc) => String(doc._id))));
      const traces = (await everyDocument()).filter((doc) => mentionsZelda(doc.text, customerId));
      assert.ok(traces.length >= 10);
      for (const trace of traces) assert.ok(exportedIds.has(trace.id), `${trace.collection} ${trace.id} mentions the customer but is not exported`);

      for (const name of ['Customer', 'ChannelIdentity', 'Cart', 'Order', 'OrderStatusEvent', 'Session', 'ConsentRecord', 'Outbox', 'OutboxAttempt', 'LinkCode', 'VoiceCodeAttempt', 'OAuthRecord']) {
        assert.ok(exported.collections[name]?.length > 0, `${name} exported`);
      }
      assert.equal(exported.collections.Session.length, 2, 'the WhatsApp and SMS sessions');
      assert.ok(exported.collections.Outbox.some((job: { payload: { to?: string } }) => job.payload.to === ZELDA.waId), 'a queued reply found through its recipient');
      assert.doesNotMatch(JSON.stringify(exported), /15550000000/, 'nobody else');
      await admin.get('/admin/customers/0123456789abcdef01234567/export').expect(404);
    });

    it('erase leaves nothing personal in any collection, keeps order totals, and can be repeated', async () => {
      const customerId = await zeldaWithHistory();
      const bystander = new Shopper('whatsapp', '15550000000');
      await bystander.says('add pasta');
      const [before] = await OrderModel.find({ customerId }).lean();

      const erased = (await admin.post(`/admin/customers/${customerId.toHexString()}/erase`).expect(200)).body;
      assert.equal(erased.ordersAnonymised, 1);
      assert.equal(erased.removed.Customer, 1);
      assert.equal(erased.removed.ChannelIdentity, 2);

      const leftovers = (await everyDocument()).filter((doc) => mentionsZelda(doc.text, customerId) || doc.text.includes(ZELDA.phone));
      assert.deepEqual(leftovers.map((doc) => `${doc.collection}: ${doc.text.slice(0, 120)}`), []);

      const [after] = await OrderModel.find({ orderNumber: before!.orderNumber }).lean();
      assert.ok(after);
      assert.deepEqual(
        [after.totalMinor, after.subtotalMinor, after.taxMinor, after.currency, after.lines, after.status, after.anonymised],
        [before!.totalMinor, before!.subtotalMinor, before!.taxMinor, before!.currency, before!.lines, before!.status, true],
      );
      assert.equal(after.deliveryAddress, undefined);

      const again = (await admin.post(`/admin/customers/${customerId.toHexString()}/erase`).expect(200)).body;
      assert.equal(again.ordersAnonymised, 0);
      assert.ok(Object.values(again.removed as Record<string, number>).every((count) => count === 0));
      assert.equal(await ChannelIdentityModel.countDocuments({ externalId: '15550000000' }), 1, 'the bystander is untouched');
      await admin.get(`/admin/customers/${customerId.toHexString()}/export`).expect(404);
    });
  });
});
