/**
 * Paces sends to `ratePerSecond` with a small burst (a tenth of a second's worth), so a second
 * never carries much more than the rate Meta allows the number. `pause` holds every taker back
 * after a throughput error (130429).
 */
export interface TokenBucket {
  /** Resolves when a send may go out. */
  take(): Promise<void>;
  setRate(ratePerSecond: number): void;
  pause(ms: number): void;
}

export function createTokenBucket(
  ratePerSecond: number,
  clock: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): TokenBucket {
  let rate = ratePerSecond;
  let capacity = Math.max(1, rate / 10);
  let tokens = capacity;
  let updatedAt = clock();
  let pausedUntil = 0;
  // Takers are served in order, one at a time, so none can starve.
  let line: Promise<void> = Promise.resolve();

  const refill = (now: number) => {
    tokens = Math.min(capacity, tokens + ((now - updatedAt) * rate) / 1000);
    updatedAt = now;
  };

  async function wait(): Promise<void> {
    for (;;) {
      const now = clock();
      if (now < pausedUntil) {
        await sleep(pausedUntil - now);
        updatedAt = Math.max(updatedAt, pausedUntil);
        continue;
      }
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - tokens) * 1000) / rate));
    }
  }

  return {
    take() {
      const mine = line.then(wait);
      line = mine;
      return mine;
    },
    setRate(next) {
      refill(clock());
      rate = next;
      capacity = Math.max(1, rate / 10);
      tokens = Math.min(tokens, capacity);
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock() + ms);
      tokens = 0;
    },
  };
}
