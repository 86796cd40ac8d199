import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { apiClient } from './api-client';
import { openSse, openStream, type SseClient } from './sse-client';

/** A session ends and its streams must follow within this (the streams check every 2 s). */
const ENDS_WITHIN_MS = 5000;

async function endsWithin(stream: SseClient, ms: number): Promise<boolean> {
  return Promise.race([stream.ended.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}

async function signIn(server: TestServer, email: string): Promise<{ id: string; token: string }> {
  const admin = apiClient(server.url, server.adminToken);
  const created = await admin.post<{ id: string }>('/api/users', {
    email,
    name: email.split('@')[0],
    password: 'agent-long-password',
    role: 'agent',
    departments: ['sales'],
  });
  const login = await apiClient(server.url).post<{ token: string }>('/api/auth/login', { email, password: 'agent-long-password' });
  return { id: created.body.id, token: login.body.token };
}

const INBOX = '/api/inbox/events';

describe('live streams follow their session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('takes a single-use ticket for one stream, never the token in the URL', async () => {
    const agent = await signIn(server, 'tia@shop.example');
    expect((await openSse(`${server.url}${INBOX}?token=${agent.token}`)).status).toBe(401);
    const asked = await apiClient(server.url, agent.token).post<{ ticket: string; expiresAt: string }>('/api/auth/stream-tickets', {
      stream: INBOX,
    });
    expect(asked.status).toBe(201);
    expect(Date.parse(asked.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(asked.body.ticket).not.toContain(agent.token);
    const first = await openSse(`${server.url}${INBOX}?ticket=${asked.body.ticket}`);
    expect(first.status).toBe(200);
    expect((await openSse(`${server.url}${INBOX}?ticket=${asked.body.ticket}`)).status).toBe(401);
    first.close();
    // A ticket opens only the stream it was asked for.
    const other = await apiClient(server.url, agent.token).post<{ ticket: string }>('/api/auth/stream-tickets', {
      stream: '/api/simulator/sessions/x/events',
    });
    expect((await openSse(`${server.url}${INBOX}?ticket=${other.body.ticket}`)).status).toBe(401);
    expect((await apiClient(server.url).post('/api/auth/stream-tickets', { stream: INBOX })).status).toBe(401);
  });

  it('refuses a sixth open stream of one sign-in with 429, and admits one again when a stream closes', async () => {
    const agent = await signIn(server, 'cap@shop.example');
    const streams = await Promise.all([1, 2, 3, 4, 5].map(() => openStream(server.url, INBOX, agent.token)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await openStream(server.url, INBOX, agent.token)).status).toBe(429);
    streams[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await openStream(server.url, INBOX, agent.token);
    expect(again.status).toBe(200);
    for (const stream of [...streams, again]) stream.close();
  });

  it('ends the stream within seconds of logout', async () => {
    const agent = await signIn(server, 'out@shop.example');
    const stream = await openStream(server.url, INBOX, agent.token);
    expect(await endsWithin(stream, 2500)).toBe(false);
    expect((await apiClient(server.url, agent.token).post('/api/auth/logout')).status).toBe(204);
    expect(await endsWithin(stream, ENDS_WITHIN_MS)).toBe(true);
  });

  it('ends the stream within seconds of the user being disabled or deleted', async () => {
    const admin = apiClient(server.url, server.adminToken);
    const disabled = await signIn(server, 'off@shop.example');
    const deleted = await signIn(server, 'gone@shop.example');
    const streams = [await openStream(server.url, INBOX, disabled.token), await openStream(server.url, INBOX, deleted.token)];
    expect((await admin.put(`/api/users/${disabled.id}`, { disabled: true })).status).toBe(200);
    expect((await admin.delete(`/api/users/${deleted.id}`)).status).toBe(204);
    expect(await Promise.all(streams.map((s) => endsWithin(s, ENDS_WITHIN_MS)))).toEqual([true, true]);
  });
});

describe('live streams and session expiry', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ app: { sessionTtlMs: 3000 } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('ends the stream within seconds of the session expiring', async () => {
    const agent = await signIn(server, 'brief@shop.example');
    const stream = await openStream(server.url, INBOX, agent.token);
    expect(stream.status).toBe(200);
    expect(await endsWithin(stream, 3000 + ENDS_WITHIN_MS)).toBe(true);
  });
});
