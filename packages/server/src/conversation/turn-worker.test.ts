import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../stores/memory-session-store';
import { createTurnWorker, type TurnWorker, type TurnWorkerOptions } from './turn-worker';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let dir: string | undefined;
let sessions: MemorySessionStore | undefined;
let worker: TurnWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  await sessions?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  worker = undefined;
  sessions = undefined;
});

async function start(overrides: Pick<TurnWorkerOptions, 'process' | 'park'> & Partial<TurnWorkerOptions>): Promise<MemorySessionStore> {
  dir = await mkdtemp(join(tmpdir(), 'chatflow-worker-'));
  const store = await MemorySessionStore.open(dir);
  sessions = store;
  worker = createTurnWorker({
    sessions: store,
    prefetch: async () => undefined,
    logger: quiet,
    concurrency: 4,
    lockTtlMs: 2_000,
    pollMs: 5,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...overrides,
  });
  worker.start();
  return store;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the turn worker', () => {
  it('tries a failing turn again after growing waits, then parks it as failed and goes on with the conversation', async () => {
    const tries: number[] = [];
    const done: string[] = [];
    const parked: unknown[][] = [];
    const store = await start({
      process: async (_queue, item) => {
        if (item === 'bad') {
          tries.push(Date.now());
          throw new Error('disk full');
        }
        done.push(item);
      },
      park: async (...args) => {
        parked.push(args);
      },
    });
    await store.enqueue('q1', 'bad');
    await store.enqueue('q1', 'good');
    worker?.hint('q1');
    await until(() => done.length === 1);
    expect(parked).toEqual([['q1', 'bad', 'disk full', 3]]);
    expect(tries).toHaveLength(3);
    // Waits of 20 ms, then 4 × 20 ms, between the tries.
    expect((tries[1] ?? 0) - (tries[0] ?? 0)).toBeGreaterThanOrEqual(15);
    expect((tries[2] ?? 0) - (tries[1] ?? 0)).toBeGreaterThanOrEqual(70);
    expect(done).toEqual(['good']);
    expect(await store.peek('q1')).toBeUndefined();
  });

  it('keeps an item it could not park and parks it on a later try', async () => {
    let parkTries = 0;
    const done: string[] = [];
    const store = await start({
      process: async (_queue, item) => {
        if (item === 'bad') throw new Error('disk full');
        done.push(item);
      },
      park: async () => {
        parkTries += 1;
        if (parkTries === 1) throw new Error('the audit log is down too');
      },
    });
    await store.enqueue('q1', 'bad');
    await store.enqueue('q1', 'good');
    worker?.hint('q1');
    await until(() => done.length === 1);
    expect(parkTries).toBe(2);
    expect(done).toEqual(['good']);
  });

  it('takes an item that arrived while another process held the conversation, once that process lets go', async () => {
    const done: string[] = [];
    const store = await start({
      process: async (_queue, item) => {
        done.push(item);
      },
      park: async () => {},
      // No poll within the test: only the worker's own second look can find the item.
      pollMs: 60_000,
    });
    const other = await store.tryLock('q1', 2_000);
    let refused = 0;
    const tryLock = store.tryLock.bind(store);
    store.tryLock = async (key, ttlMs) => {
      const lock = await tryLock(key, ttlMs);
      if (!lock) refused += 1;
      return lock;
    };
    await store.enqueue('q1', 'while-locked');
    worker?.hint('q1');
    await until(() => refused === 1);
    expect(done).toEqual([]);
    await other?.release();
    await until(() => done.length === 1);
    expect(done).toEqual(['while-locked']);
  });

  it('acknowledges a turn that succeeds on a later try once, without parking it', async () => {
    let failures = 0;
    const done: string[] = [];
    const parked: string[] = [];
    const store = await start({
      process: async (_queue, item) => {
        if (item === 'flaky' && failures < 1) {
          failures += 1;
          throw new Error('connection reset');
        }
        done.push(item);
      },
      park: async (_queue, item) => {
        parked.push(item);
      },
    });
    await store.enqueue('q1', 'flaky');
    await store.enqueue('q1', 'next');
    worker?.hint('q1');
    await until(() => done.length === 2);
    expect(done).toEqual(['flaky', 'next']);
    expect(parked).toEqual([]);
  });
});
