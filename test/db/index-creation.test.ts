import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { connectDatabase, IndexCreationError } from '../../src/db/connection';

describe('index creation at start-up', () => {
  const brokenDbName = `${process.env.TEST_DATABASE_NAME}_broken`;

  after(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await mongoose.connect(process.env.TEST_DATABASE_URI!, { dbName: process.env.TEST_DATABASE_NAME, autoIndex: false });
  });

  it('stops start-up with a message naming the collection when a unique index cannot be built', async () => {
    // Data written before the unique index existed: two products share a sku.
    const client = new mongoose.mongo.MongoClient(process.env.TEST_DATABASE_URI!);
    await client.db(brokenDbName).collection('products').insertMany([{ sku: 'DUP-1' }, { sku: 'DUP-1' }]);
    await client.close();

    await mongoose.disconnect();
    await assert.rejects(connectDatabase(process.env.TEST_DATABASE_URI!, { dbName: brokenDbName }), (error: Error) => {
      assert.ok(error instanceof IndexCreationError);
      assert.match(error.message, /indexes of products/);
      assert.match(error.message, /does not start/);
      return true;
    });
  });
});
