import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { type ApiClient, apiClient } from './api-client';
import { openStream, type SseClient, type SseMessage } from './sse-client';

const flow: FlowDocument = {
  schemaVersion: 1,
  id: 'shop',
  name: 'Shop',
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Hi {{contact.name}}!' } },
    {
      id: 'menu',
      type: 'menu',
      version: 1,
      position: { x: 0, y: 100 },
      data: {
        text: 'What do you need?',
        options: [
          { id: 'hours', label: 'Hours' },
          { id: 'human', label: 'A human' },
        ],
        variable: 'topic',
        timeoutMinutes: 10,
      },
    },
    { id: 'hours', type: 'message', version: 1, position: { x: 0, y: 200 }, data: { text: 'We open at 9.' } },
    { id: 'nudge', type: 'end', version: 1, position: { x: 200, y: 200 }, data: { text: 'Still there? Write again any time.' } },
    { id: 'bye', type: 'end', version: 1, position: { x: 0, y: 300 }, data: { text: 'Bye!' } },
  ],
  edges: [
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourceHandle: 'hours', target: 'hours' },
    { id: 'e3', source: 'menu', sourceHandle: 'timeout', target: 'nudge' },
    { id: 'e4', source: 'hours', sourceHandle: 'next', target: 'bye' },
  ],
};

const out = (text: string) => (e: SseMessage) =>
  e.event === 'message' &&
  (e.data as { direction: string; message: { text?: string } }).direction === 'out' &&
  (e.data as { message: { text?: string } }).message.text === text;
const state = (match: Partial<{ nodeId: string; status: string; timerPending: boolean }>) => (e: SseMessage) =>
  e.event === 'state' && Object.entries(match).every(([k, v]) => (e.data as Record<string, unknown>)[k] === v);

describe('simulator (web channel over HTTP + SSE)', () => {
  let server: TestServer;
  let api: ApiClient;
  let sse: SseClient | undefined;
  beforeAll(async () => {
    server = await startServer({ app: { examplesDir: '/nonexistent' } });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    sse?.close();
    await server.stop();
  });

  const events = (sessionId: string) => openStream(server.url, `/api/simulator/sessions/${sessionId}/events`, server.adminToken);

  it('starts the draft at once, answers a menu choice, fires the timer and restarts', async () => {
    const created = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow, contactName: 'Ana' });
    expect(created.status).toBe(201);
    const { sessionId } = created.body;
    sse = await events(sessionId);
    expect(sse.status).toBe(200);

    // Events sent before the stream opened are replayed to it.
    await sse.next(out('Hi Ana!'));
    const menu = await sse.next((e) => e.event === 'message' && (e.data as { message: { kind: string } }).message.kind === 'menu');
    expect((menu.data as { message: { options: { label: string }[] } }).message.options.map((o) => o.label)).toEqual(['Hours', 'A human']);
    await sse.next(state({ nodeId: 'menu', status: 'active', timerPending: true }));

    let from = sse.events.length;
    expect((await api.post(`/api/simulator/sessions/${sessionId}/messages`, { message: { kind: 'text', text: 'hours' } })).status).toBe(
      202,
    );
    const echo = await sse.next((e) => e.event === 'message' && (e.data as { direction: string }).direction === 'in', { from });
    expect(echo.data).toEqual({ direction: 'in', message: { kind: 'text', text: 'hours' } });
    await sse.next(out('We open at 9.'), { from });
    await sse.next(out('Bye!'), { from });
    const ended = await sse.next(state({ status: 'ended' }), { from });
    expect(ended.data).toMatchObject({ nodeId: 'bye', vars: { topic: 'Hours' }, timerPending: false });

    // No timer now: firing one is a 404.
    expect((await api.post(`/api/simulator/sessions/${sessionId}/timers/fire`)).status).toBe(404);

    // A restart starts a new visitor from the top; then the menu's timeout is fired at once.
    from = sse.events.length;
    expect((await api.post(`/api/simulator/sessions/${sessionId}/restart`, {})).status).toBe(202);
    await sse.next(out('Hi Ana!'), { from });
    await sse.next(state({ nodeId: 'menu', timerPending: true }), { from });
    from = sse.events.length;
    expect((await api.post(`/api/simulator/sessions/${sessionId}/timers/fire`)).status).toBe(202);
    await sse.next(out('Still there? Write again any time.'), { from });
    await sse.next(state({ nodeId: 'nudge', status: 'ended', timerPending: false }), { from });
  });

  it('restarts on a new draft', async () => {
    const { body } = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow });
    const stream = await events(body.sessionId);
    try {
      await stream.next(state({ nodeId: 'menu' }));
      const changed: FlowDocument = {
        ...flow,
        nodes: flow.nodes.map((n) => (n.id === 'hello' ? { ...n, data: { text: 'Welcome back' } } : n)),
      };
      const from = stream.events.length;
      expect((await api.post(`/api/simulator/sessions/${body.sessionId}/restart`, { document: changed })).status).toBe(202);
      await stream.next(out('Welcome back'), { from });
    } finally {
      stream.close();
    }
  });

  it('refuses a draft with errors, a bad message, an unknown session, and a stream without a token', async () => {
    const broken = { ...flow, start: 'missing' };
    const refused = await api.post<{ error: { problems: { code: string }[] } }>('/api/simulator/sessions', { document: broken });
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems).toContainEqual(expect.objectContaining({ code: 'missing-start' }));

    const { body } = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow });
    const bad = await api.post<{ error: { path: string } }>(`/api/simulator/sessions/${body.sessionId}/messages`, {
      message: { kind: 'text' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('message.text');
    expect((await api.post('/api/simulator/sessions/unknown/messages', { message: { kind: 'text', text: 'x' } })).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/simulator/sessions/${body.sessionId}/events`);
    expect(anonymous.status).toBe(401);
    // The token never goes in a URL, not even the event stream's: that takes a single-use ticket.
    expect((await fetch(`${server.url}/api/simulator/sessions/${body.sessionId}/events?token=${server.adminToken}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/flows?token=${server.adminToken}`)).status).toBe(401);
  });
});
