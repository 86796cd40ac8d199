import express, { type Router } from 'express';
import type { Metrics } from './metrics';

export interface HealthDeps {
  metrics: Metrics;
  /** Each check resolves when its dependency answers; a rejection makes the server unhealthy. */
  checks: Record<string, () => Promise<unknown>>;
  /** False while the server is stopping, so a load balancer stops sending traffic first. */
  accepting: () => boolean;
  timeoutMs?: number;
}

/**
 * `/healthz`: 200 `{ status: 'ok', checks }` when every store answers within the timeout, else
 * 503 naming what failed; `/metrics`: the Prometheus exposition.
 */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = express.Router();
  const timeoutMs = deps.timeoutMs ?? 2000;
  router.get('/healthz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => [name, await withTimeout(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(results);
    const ok = deps.accepting() && results.every(([, result]) => result === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : deps.accepting() ? 'unhealthy' : 'stopping', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}

async function withTimeout(check: () => Promise<unknown>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
