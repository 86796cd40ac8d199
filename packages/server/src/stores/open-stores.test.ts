import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../../test/support/redis-server';
import { EmbeddedDocumentStore } from './embedded-document-store';
import { MemorySessionStore } from './memory-session-store';
import { openStores } from './open-stores';
import { RedisSessionStore } from './redis-session-store';

const root = await mkdtemp(join(tmpdir(), 'chatflow-open-stores-'));
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('openStores', () => {
  it('opens the embedded stores in the data folder when no URL is set, and they keep data across a restart', async () => {
    const dataDir = join(root, 'embedded');
    const first = await openStores({ dataDir, mongodbUri: '', redisUrl: '  ' });
    expect(first.documents).toBeInstanceOf(EmbeddedDocumentStore);
    expect(first.sessions).toBeInstanceOf(MemorySessionStore);
    await first.documents.collection('flows').insert({ id: 'f1', workspaceId: 'w1' });
    await first.sessions.enqueue('w1:c1', 'message');
    await first.close();

    const second = await openStores({ dataDir });
    expect(await second.documents.collection('flows').count({ workspaceId: 'w1' })).toBe(1);
    expect(await second.sessions.peek('w1:c1')).toBe('message');
    await second.close();
  });

  it('uses Redis for sessions when REDIS_URL is set', async () => {
    const stores = await openStores({ dataDir: join(root, 'with-redis'), redisUrl: redis.url });
    expect(stores.sessions).toBeInstanceOf(RedisSessionStore);
    await stores.sessions.setSession('w1:c1', 'snapshot', 60);
    expect(await stores.sessions.getSession('w1:c1')).toBe('snapshot');
    await stores.close();
  });

  it('fails with one line naming the service when Redis does not answer, without the password', async () => {
    const port = await closedPort();
    const opening = openStores({ dataDir: join(root, 'no-redis'), redisUrl: `redis://:hunter2@127.0.0.1:${port}` });
    await expect(opening).rejects.toThrow(`Cannot reach Redis at redis://:***@127.0.0.1:${port}: connect ECONNREFUSED`);
    await expect(opening).rejects.not.toThrow(/hunter2|\n/);
  });

  it('fails with one line naming the service when MongoDB does not answer', async () => {
    const port = await closedPort();
    const opening = openStores({
      dataDir: join(root, 'no-mongo'),
      mongodbUri: `mongodb://app:hunter2@127.0.0.1:${port}/chatflow`,
      connectTimeoutMs: 500,
    });
    await expect(opening).rejects.toThrow(`Cannot reach MongoDB at mongodb://app:***@127.0.0.1:${port}/chatflow`);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it('rejects malformed URLs before connecting', async () => {
    const dataDir = join(root, 'malformed');
    await expect(openStores({ dataDir, redisUrl: 'localhost:6379' })).rejects.toThrow('REDIS_URL must start with redis:// or rediss://');
    await expect(openStores({ dataDir, redisUrl: 'redis://[bad' })).rejects.toThrow('REDIS_URL is not a URL (expected redis://host:port)');
    await expect(openStores({ dataDir, mongodbUri: 'postgres://db/x' })).rejects.toThrow('MONGODB_URI is not a MongoDB URL');
  });

  it('refuses a data folder that another running server uses, and takes over one left by a crash', async () => {
    const busy = join(root, 'busy');
    await mkdir(busy, { recursive: true });
    // The parent process (the test runner) is certainly running.
    await writeFile(join(busy, 'server.pid'), String(process.ppid));
    await expect(openStores({ dataDir: busy })).rejects.toThrow(
      `DATA_DIR ${busy} is in use by another server process (pid ${process.ppid})`,
    );

    const crashed = join(root, 'crashed');
    await mkdir(crashed, { recursive: true });
    await writeFile(join(crashed, 'server.pid'), '999999999');
    const stores = await openStores({ dataDir: crashed });
    await expect(openStores({ dataDir: crashed })).rejects.toThrow('is already open in this process');
    await stores.close();
    const again = await openStores({ dataDir: crashed });
    await again.close();
  });
});
