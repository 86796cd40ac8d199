import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySessionStore } from './memory-session-store';
import { sessionStoreContract } from './session-store.contract';

const root = await mkdtemp(join(tmpdir(), 'chatflow-memory-sessions-'));
afterAll(() => rm(root, { recursive: true, force: true }));

sessionStoreContract('MemorySessionStore', (space) => MemorySessionStore.open(join(root, space)));

async function logLines(dataDir: string): Promise<string[]> {
  return (await readFile(join(dataDir, 'session-store.log'), 'utf8')).split('\n').filter(Boolean);
}

describe('MemorySessionStore', () => {
  it('rewrites its log once most lines are outdated, keeping every live entry', async () => {
    const dataDir = join(root, 'compaction');
    const store = await MemorySessionStore.open(dataDir, { minCompactLines: 50 });
    for (let version = 0; version < 500; version += 1) await store.setSession('w1:c1', `v${version}`, 60);
    for (const item of ['m1', 'm2']) await store.enqueue('q1', item);
    await store.scheduleTimer('t1', 1000, 'remind');
    await store.close();
    expect((await logLines(dataDir)).length).toBeLessThan(60);

    const reopened = await MemorySessionStore.open(dataDir);
    expect(await reopened.getSession('w1:c1')).toBe('v499');
    expect(await reopened.peek('q1')).toBe('m1');
    expect(await reopened.claimDueTimers(1000, 10)).toEqual([{ id: 't1', payload: 'remind' }]);
    await reopened.close();
  });

  it('recovers from a log whose last line was cut short by a crash, and keeps writing after it', async () => {
    const dataDir = join(root, 'torn');
    const first = await MemorySessionStore.open(dataDir);
    await first.enqueue('q1', 'accepted');
    await first.close();
    await appendFile(join(dataDir, 'session-store.log'), '["Q","q1","half-writ');

    const second = await MemorySessionStore.open(dataDir);
    expect(await second.peek('q1')).toBe('accepted');
    await second.enqueue('q1', 'next');
    await second.close();

    const third = await MemorySessionStore.open(dataDir);
    await third.ack('q1');
    expect(await third.peek('q1')).toBe('next');
    await third.close();
  });

  it('does not bring back expired snapshots or dedup marks after a restart', async () => {
    const dataDir = join(root, 'expired');
    const first = await MemorySessionStore.open(dataDir);
    await first.setSession('short', 'a', 1);
    await first.remember('wamid.short', 1);
    await first.setSession('long', 'b', 60);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = await MemorySessionStore.open(dataDir);
    expect(await second.getSession('short')).toBeUndefined();
    expect(await second.remember('wamid.short', 60)).toBe(true);
    expect(await second.getSession('long')).toBe('b');
    await second.close();
  });

  it('forgets locks and rate counters on restart, as they only guard a running process', async () => {
    const dataDir = join(root, 'volatile');
    const first = await MemorySessionStore.open(dataDir);
    await first.tryLock('conv-1', 60_000);
    await first.hit('ip:1', 1, 60_000);
    await first.close();

    const second = await MemorySessionStore.open(dataDir);
    expect(await second.tryLock('conv-1', 1000)).toBeDefined();
    expect(await second.hit('ip:1', 1, 60_000)).toBe(true);
    await second.close();
  });

  it('rejects calls after close', async () => {
    const store = await MemorySessionStore.open(join(root, 'closed'));
    await store.close();
    await expect(store.getSession('k')).rejects.toThrow('Session store is closed');
  });
});
