import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache';

describe('read cache', () => {
  it('reuses a read for its time, reads again after it or after a clear, and keeps no failure', async () => {
    let now = 0;
    let reads = 0;
    const cache = createReadCache<number>(1000, () => now);
    const read = async () => ++reads;
    expect(await Promise.all([cache.get('a', read), cache.get('a', read)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('a', read)).toBe(1);
    now = 1000;
    expect(await cache.get('a', read)).toBe(2);
    cache.clear();
    expect(await cache.get('a', read)).toBe(3);
    await expect(cache.get('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', read)).toBe(4);
  });
});
