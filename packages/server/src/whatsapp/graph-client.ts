import { fetchTransport, type GraphResponse, undiciTransport } from './graph-transport';

/** How transient failures are retried: `attempts` in all, delays growing ×4 from `baseDelayMs`, with jitter. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 16_000 };

export type GraphResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; transient: boolean; code?: number; httpStatus?: number; reason: string };

export interface GraphClientOptions {
  /** e.g. `https://graph.facebook.com/v25.0`, without a trailing slash. */
  graphUrl: string;
  /** Send through this `fetch` instead of undici's pool (tests, proxies). */
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface GraphClient {
  /** POSTs to `/{phoneNumberId}/messages`, retrying transient failures; resolves with the last outcome. */
  postMessage(
    phoneNumberId: string,
    accessToken: string,
    body: Record<string, unknown>,
    options?: { retry?: boolean },
  ): Promise<GraphResult>;
}

/**
 * Error codes worth another try: throughput (130429), pair rate limit (131056), and Meta's
 * "temporary" ones (2, 131016). Everything else in 4xx is the request's fault and fails for good.
 */
const transientCodes = new Set([2, 130429, 131016, 131056]);

/**
 * A minimal Graph API client for the messages endpoint, with bounded exponential backoff and
 * jitter. A retried request is one Meta rejected (a rate limit, a 5xx) or never answered, so a
 * retry does not double a message Meta accepted, except when a network failure hides an
 * acceptance, which no client of an API without idempotency keys can rule out.
 *
 * @example
 * const graph = createGraphClient({ graphUrl: 'https://graph.facebook.com/v25.0' });
 * await graph.postMessage('106540352242922', token, { messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Hi' } });
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const transport = options.fetch ? fetchTransport(options.fetch) : undiciTransport;
  const retry = options.retry ?? defaultRetryPolicy;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function attempt(url: string, accessToken: string, body: string): Promise<GraphResult & { retryAfterMs?: number }> {
    let response: GraphResponse;
    try {
      response = await transport(url, { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body, timeoutMs);
    } catch (error) {
      return { ok: false, transient: true, reason: `network: ${error instanceof Error ? error.message : String(error)}` };
    }
    const json = isRecord(response.body) ? response.body : {};
    if (response.status >= 200 && response.status < 300) return { ok: true, body: json };
    const error = isRecord(json.error) ? json.error : {};
    const code = typeof error.code === 'number' ? error.code : undefined;
    const details = isRecord(error.error_data) && typeof error.error_data.details === 'string' ? error.error_data.details : undefined;
    const reason = [typeof error.message === 'string' ? error.message : `HTTP ${response.status}`, details].filter(Boolean).join(': ');
    const retryAfter = Number(response.retryAfter);
    return {
      ok: false,
      transient: response.status >= 500 || (code !== undefined && transientCodes.has(code)),
      ...(code !== undefined ? { code } : {}),
      httpStatus: response.status,
      reason,
      ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }

  return {
    async postMessage(phoneNumberId, accessToken, payload, { retry: retrying = true } = {}) {
      const url = `${options.graphUrl}/${encodeURIComponent(phoneNumberId)}/messages`;
      const body = JSON.stringify(payload);
      for (let n = 0; ; n += 1) {
        const { retryAfterMs, ...result } = await attempt(url, accessToken, body);
        if (result.ok || !result.transient || !retrying || n + 1 >= retry.attempts) return result;
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 4 ** n);
        // Full backoff scaled by [0.5, 1): spreads retries of many conversations hitting one limit.
        await sleep(Math.max(retryAfterMs ?? 0, backoff * (0.5 + random() / 2)));
      }
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
