/** The middle value; robust against the odd slow run (a GC pause, another process). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * CPU milliseconds (user and system, all threads of this process) one call of `fn` takes. Unlike
 * the wall clock it barely moves when other processes compete for the machine, so two sides
 * measured this way compare fairly on a busy CI runner.
 */
export async function cpuTimeOnce(fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Median milliseconds (CPU time) of `runs` calls after `warmup` calls that are not counted. */
export async function medianTime(fn: () => unknown, { warmup, runs }: { warmup: number; runs: number }): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await cpuTimeOnce(fn));
  return median(times);
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} messages/s`;
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
