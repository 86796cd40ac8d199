import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../../test/support/redis-server';
import { RedisSessionStore } from './redis-session-store';
import { sessionStoreContract } from './session-store.contract';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

sessionStoreContract('RedisSessionStore', async (space) => new RedisSessionStore(new Redis(server.url), { keyPrefix: `${space}:` }), {
  sharedByProcesses: true,
});

describe('RedisSessionStore', () => {
  it('keeps every key under its prefix and leaves nothing behind once a conversation is idle', async () => {
    const inspect = new Redis(server.url);
    const store = new RedisSessionStore(new Redis(server.url), { keyPrefix: 'idle:' });
    try {
      await store.enqueue('w1:c1', 'message');
      const lock = await store.tryLock('w1:c1', 5000);
      await store.setSession('w1:c1', 'snapshot', 60);
      await store.ack('w1:c1');
      await lock?.release();
      // `seq` is one counter for the whole deployment, not per conversation.
      expect((await inspect.keys('idle:*')).sort()).toEqual(['idle:s:w1:c1', 'idle:seq']);
    } finally {
      await store.close();
      inspect.disconnect();
    }
  });

  it('costs little Redis memory per idle conversation beyond its snapshot', async () => {
    const inspect = new Redis(server.url);
    const store = new RedisSessionStore(new Redis(server.url), { keyPrefix: 'mem:' });
    try {
      const conversations = 500;
      const snapshot = 'x'.repeat(1000);
      for (let index = 0; index < conversations; index += 1) {
        const key = `w1:${String(index).padStart(6, '0')}`;
        await store.setSession(key, snapshot, 86_400);
        await store.scheduleTimer(`${key}:reminder`, Date.now() + 60_000, `{"conversation":"${key}"}`);
      }
      let bytes = 0;
      for (const key of await inspect.keys('mem:*')) bytes += Number(await inspect.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      // The budget is 2 KB per idle conversation; keys, TTLs and a timer must leave room for the snapshot.
      expect(bytes / conversations - snapshot.length).toBeLessThan(400);
    } finally {
      await store.close();
      inspect.disconnect();
    }
  });

  it('reloads its scripts when Redis forgets them', async () => {
    const inspect = new Redis(server.url);
    const store = new RedisSessionStore(new Redis(server.url), { keyPrefix: 'flush:' });
    try {
      await store.enqueue('q', 'a');
      await inspect.script('FLUSH');
      await store.enqueue('q', 'b');
      await store.ack('q');
      expect(await store.peek('q')).toBe('b');
    } finally {
      await store.close();
      inspect.disconnect();
    }
  });
});
