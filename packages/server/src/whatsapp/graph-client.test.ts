import { describe, expect, it } from 'vitest';
import { createGraphClient } from './graph-client';

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | Error;

/** A `fetch` answering from a script, counting calls; sleeps are recorded instead of waited. */
function scripted(answers: Answer[]) {
  const calls: { url: string; authorization: string | null; body: string }[] = [];
  const sleeps: number[] = [];
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization'), body: String(init?.body) });
    const answer = answers.shift() ?? { status: 200, body: { messages: [{ id: 'wamid.ok' }] } };
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers ?? {} });
  }) as typeof fetch;
  const client = createGraphClient({
    graphUrl: 'https://graph.test/v25.0',
    fetch: fetchStub,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { client, calls, sleeps };
}

const graphError = (code: number, status = 400) => ({
  status,
  body: { error: { message: `(#${code}) failed`, code, error_data: { details: 'why' } } },
});

describe('the Graph client', () => {
  it('posts JSON with the Bearer token to /{phone_number_id}/messages', async () => {
    const { client, calls } = scripted([]);
    const result = await client.postMessage('PN 1', 'secret-token', { to: '1' });
    expect(result).toEqual({ ok: true, body: { messages: [{ id: 'wamid.ok' }] } });
    expect(calls).toEqual([{ url: 'https://graph.test/v25.0/PN%201/messages', authorization: 'Bearer secret-token', body: '{"to":"1"}' }]);
  });

  it('retries throughput, pair-rate, server and network failures with growing, jittered delays', async () => {
    const { client, calls, sleeps } = scripted([graphError(130429), graphError(131056), new Error('socket hang up')]);
    expect((await client.postMessage('PN', 't', {})).ok).toBe(true);
    expect(calls).toHaveLength(4);
    // 100 × 4^n, scaled by 0.75 (jitter in [0.5, 1) with random() = 0.5).
    expect(sleeps).toEqual([75, 300, 750]);
  });

  it('gives up after the bounded attempts with the last error', async () => {
    const { client, calls } = scripted([
      graphError(1, 500),
      graphError(1, 502),
      graphError(1, 503),
      graphError(1, 500),
      graphError(1, 500),
    ]);
    expect(await client.postMessage('PN', 't', {})).toMatchObject({ ok: false, transient: true, code: 1, httpStatus: 500 });
    expect(calls).toHaveLength(4);
  });

  it('does not retry a request Meta rejected for good, and names the code and reason', async () => {
    const { client, calls } = scripted([graphError(100)]);
    expect(await client.postMessage('PN', 't', {})).toEqual({
      ok: false,
      transient: false,
      code: 100,
      httpStatus: 400,
      reason: '(#100) failed: why',
    });
    expect(calls).toHaveLength(1);
  });

  it('waits at least as long as Retry-After says', async () => {
    const { client, sleeps } = scripted([{ ...graphError(130429), headers: { 'retry-after': '2' } }]);
    await client.postMessage('PN', 't', {});
    expect(sleeps).toEqual([2_000]);
  });

  it('makes a single attempt when asked not to retry', async () => {
    const { client, calls } = scripted([graphError(130429)]);
    expect((await client.postMessage('PN', 't', {}, { retry: false })).ok).toBe(false);
    expect(calls).toHaveLength(1);
  });
});
