import type { HttpPort, HttpRequest, MediaFile } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import type { TurnScope } from '../ai/turn-scope';
import { createCachedHttpPort } from './cached-http-port';

const file = (id: string, sha256: string): MediaFile => ({ id, mimeType: 'audio/ogg', size: 3, sha256, url: `https://bot/media/${id}` });

function setup(answer: (request: HttpRequest) => { status: number; media?: MediaFile }) {
  const calls: HttpRequest[] = [];
  const port: HttpPort = {
    request: async (request) => {
      calls.push(request);
      const { status, media } = answer(request);
      return { status, headers: { 'content-type': 'audio/mpeg' }, body: media ? undefined : '{"ok":true}', ...(media ? { media } : {}) };
    },
  };
  const kept = new Map<string, { value: string; ttl: number }>();
  const stored = new Map<string, MediaFile>();
  let scope: TurnScope = { workspaceId: 'w1', conversationId: 'c1', contactId: 'k1' };
  const cached = createCachedHttpPort({
    port,
    sessions: {
      getSession: async (key) => kept.get(key)?.value,
      setSession: async (key, value, ttl) => {
        kept.set(key, { value, ttl });
      },
    },
    media: {
      get: async (workspaceId, id) =>
        stored.has(`${workspaceId}/${id}`) ? { file: stored.get(`${workspaceId}/${id}`) as MediaFile, bytes: new Uint8Array() } : undefined,
    },
    scope: () => scope,
  });
  return { cached, calls, kept, stored, inWorkspace: (workspaceId: string) => (scope = { ...scope, workspaceId }) };
}

const voice = (id: string) => ({
  method: 'POST' as const,
  url: 'https://audio.example/clean',
  headers: { Authorization: 'Bearer {{secrets.CLEANER_KEY}}' },
  parts: [{ name: 'file', media: file(id, 'ab'.repeat(32)) }],
  timeoutMs: 5000,
  responseMedia: true,
  cacheHours: 24,
});

describe('reusing answers for cacheHours', () => {
  it('answers the same file again from the cache, for cacheHours, with a fresh link to the stored answer', async () => {
    const { cached, calls, kept, stored } = setup(() => ({ status: 200, media: file('out1', 'cd'.repeat(32)) }));
    stored.set('w1/out1', { ...file('out1', 'cd'.repeat(32)), url: 'https://bot/media/out1?fresh' });
    expect((await cached.request(voice('in1'))).media?.id).toBe('out1');
    // Another media id, the same bytes (sha256): no second call.
    const again = await cached.request(voice('in2'));
    expect(calls).toHaveLength(1);
    expect(again.media?.url).toBe('https://bot/media/out1?fresh');
    expect([...kept.values()].map((entry) => entry.ttl)).toEqual([24 * 3600]);
    // Nothing of the secret's value, only the request as the engine built it, went into the key.
    expect([...kept.keys()][0]).toMatch(/^http-cache:w1:[0-9a-f]{64}$/);
  });

  it('keeps workspaces apart, calls again when the body or file differs, and never keeps a failed answer', async () => {
    let status = 200;
    const { cached, calls, inWorkspace } = setup(() => ({ status }));
    const json = { method: 'POST' as const, url: 'https://api.example/x', headers: {}, body: '{"a":1}', timeoutMs: 5000, cacheHours: 1 };
    await cached.request(json);
    await cached.request(json);
    await cached.request({ ...json, body: '{"a":2}' });
    await cached.request({ ...json, headers: { 'X-Other': 'header' } });
    expect(calls).toHaveLength(2);
    inWorkspace('w2');
    await cached.request(json);
    expect(calls).toHaveLength(3);
    status = 503;
    const failing = { ...json, url: 'https://api.example/down' };
    await cached.request(failing);
    await cached.request(failing);
    expect(calls).toHaveLength(5);
    await cached.request({ ...json, cacheHours: 0 });
    expect(calls).toHaveLength(6);
  });

  it('calls the service again once a cached file answer was swept from the media store', async () => {
    const { cached, calls } = setup(() => ({ status: 200, media: file('gone', 'ef'.repeat(32)) }));
    await cached.request(voice('in1'));
    await cached.request(voice('in1'));
    expect(calls).toHaveLength(2);
  });
});
