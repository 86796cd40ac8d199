import mongoose from 'mongoose';
import { afterAll, describe } from 'vitest';
import { documentStoreContract } from './document-store.contract';
import { MongoDocumentStore } from './mongo-document-store';

// No MongoDB server can be installed on the development machines or CI, so this suite runs only
// where one is provided; it must never pass without running.
const uri = process.env.MONGODB_URI?.trim() || undefined;
if (!uri) console.warn('MongoDB contract suite skipped: set MONGODB_URI to run it');

describe.skipIf(!uri)('MongoDocumentStore against MONGODB_URI', () => {
  const databases = new Set<string>();

  documentStoreContract('MongoDocumentStore', async (space) => {
    const dbName = `chatflow_contract_${space.replaceAll('-', '').slice(0, 24)}`;
    databases.add(dbName);
    return MongoDocumentStore.connect(uri ?? '', { dbName });
  });

  afterAll(async () => {
    for (const dbName of databases) {
      const connection = await mongoose.createConnection(uri ?? '', { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
