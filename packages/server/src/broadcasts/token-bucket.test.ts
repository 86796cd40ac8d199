import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket';

/** A clock that only moves when the bucket sleeps, so pacing is exact and instant. */
function fakeTime() {
  let now = 0;
  const sleep = async (ms: number) => {
    now += ms;
  };
  return { clock: () => now, sleep, now: () => now };
}

describe('createTokenBucket', () => {
  it('lets a tenth of a second through at once, then paces to the rate', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(100, time.clock, time.sleep);
    const at: number[] = [];
    for (let i = 0; i < 110; i += 1) {
      await bucket.take();
      at.push(time.now());
    }
    expect(at.slice(0, 10)).toEqual(Array(10).fill(0));
    // The other hundred take one second at 100 a second.
    expect(at.at(-1)).toBeGreaterThanOrEqual(1000);
    expect(at.at(-1)).toBeLessThanOrEqual(1010);
  });

  it('holds every taker back for a pause after a throughput error', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(1000, time.clock, time.sleep);
    await bucket.take();
    bucket.pause(2000);
    await bucket.take();
    expect(time.now()).toBeGreaterThanOrEqual(2000);
  });
});
