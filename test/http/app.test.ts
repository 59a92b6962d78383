import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { ProductModel } from '../../models';
import { createApp } from '../../src/http/app';
import { startHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { TEST_ADMIN_KEY, silentLog, testConfig } from '../support/config';
import { resetDatabase } from '../support/database';

const app = createApp({ config: testConfig(), log: silentLog });

const coffee = {
  name: 'Colombian Coffee',
  category: 'coffee & tea',
  synonyms: ['colombia coffee'],
  priceMinor: 1299,
  currency: 'USD',
  stock: 12,
};

describe('HTTP service', () => {
  beforeEach(resetDatabase);

  it('GET /healthz answers 200 while the process is up', async () => {
    const res = await request(app).get('/healthz').expect(200);
    assert.equal(res.body.status, 'ok');
  });

  it('GET /readyz answers 200 with the database up and 503 with it down', async () => {
    assert.equal((await request(app).get('/readyz').expect(200)).body.database, 'up');
    await mongoose.disconnect();
    try {
      const res = await request(app).get('/readyz').expect(503);
      assert.equal(res.body.status, 'unavailable');
    } finally {
      await mongoose.connect(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME, autoIndex: false });
    }
  });

  it('puts a request id on every log line of a request and returns it in x-request-id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const loggedApp = createApp({ config: testConfig(), log: createLogger('info', sink) });

    const res = await request(loggedApp).get('/admin/products/NOPE-1').set('x-api-key', TEST_ADMIN_KEY).expect(404);
    const id = String(res.headers['x-request-id']);
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.ok(lines.length >= 2, 'the refusal and the request summary are both logged');
    for (const line of lines) assert.equal((line.req as { id?: string })?.id, id);
    assert.equal(lines.find((line) => line.msg === 'request refused')?.errorCode, 'NOT_FOUND', 'error codes stay readable in the log');

    const traced = await request(loggedApp).get('/healthz').set('x-request-id', 'edge-abc.123');
    assert.equal(traced.headers['x-request-id'], 'edge-abc.123');
    const forged = await request(loggedApp).get('/healthz').set('x-request-id', 'bad id <script>');
    assert.notEqual(forged.headers['x-request-id'], 'bad id <script>');
  });

  describe('admin product API', () => {
    it('refuses a missing key with 401 and a wrong key with 403, writing nothing', async () => {
      const missing = await request(app).put('/admin/products/COF-001').send(coffee).expect(401);
      assert.equal(missing.body.error.code, 'UNAUTHENTICATED');
      const wrong = await request(app).put('/admin/products/COF-001').set('x-api-key', 'not-the-key').send(coffee).expect(403);
      assert.equal(wrong.body.error.code, 'FORBIDDEN');
      assert.equal(await ProductModel.countDocuments(), 0);
    });

    it('stores a product with its price in minor units and its stock through the ledger', async () => {
      await request(app).put('/admin/products/COF-001').set('x-api-key', TEST_ADMIN_KEY).send(coffee).expect(200);
      const res = await request(app).get('/admin/products/COF-001').set('x-api-key', TEST_ADMIN_KEY).expect(200);
      assert.equal(res.body.priceMinor, 1299);
      assert.equal(res.body.currency, 'USD');
      assert.equal(res.body.stock, 12);
      assert.equal(res.body.stockSeq, undefined, 'internal bookkeeping is not exposed');
    });

    for (const [what, body] of [
      ['a fractional price', { ...coffee, priceMinor: 12.99 }],
      ['a price as a string', { ...coffee, priceMinor: '1299' }],
      ['an unknown field', { ...coffee, discount: 5 }],
      ['an operator instead of a value', { ...coffee, name: { $gt: '' } }],
    ] as const) {
      it(`refuses ${what} with 400 and the field named, writing nothing`, async () => {
        const res = await request(app).put('/admin/products/COF-001').set('x-api-key', TEST_ADMIN_KEY).send(body).expect(400);
        assert.equal(res.body.error.code, 'VALIDATION_FAILED');
        assert.ok(res.body.error.hint.length > 0);
        assert.ok(Array.isArray(res.body.error.details) && res.body.error.details.length > 0);
        assert.equal(await ProductModel.countDocuments(), 0);
      });
    }

    it('refuses malformed JSON with 400, not 500', async () => {
      const res = await request(app).put('/admin/products/COF-001').set('x-api-key', TEST_ADMIN_KEY).set('content-type', 'application/json').send('{"name": ').expect(400);
      assert.equal(res.body.error.code, 'MALFORMED_BODY');
    });

    it('refuses a malformed sku in the path with 400', async () => {
      await request(app).get('/admin/products/not%20a%20sku').set('x-api-key', TEST_ADMIN_KEY).expect(400);
    });
  });

  it('answers an unknown path with a 404 from the error catalog', async () => {
    const res = await request(app).get('/nowhere').expect(404);
    assert.equal(res.body.error.code, 'NOT_FOUND');
  });

  it('drains an in-flight request on close and then refuses new connections', async () => {
    const slow = express();
    let release!: () => void;
    const requestArrived = new Promise<void>((arrived) => {
      slow.get('/slow', (_req, res) => {
        arrived();
        new Promise<void>((r) => (release = r)).then(() => res.send('done'));
      });
    });
    const running = await startHttpServer(slow, 0);
    const url = `http://127.0.0.1:${running.port}/slow`;

    const inFlight = fetch(url).then((res) => res.text());
    await requestArrived;
    const closed = running.close();
    release();
    assert.equal(await inFlight, 'done');
    await closed;
    await assert.rejects(fetch(url));
  });
});
