import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { startServer, type TestServer } from '../support/start-server';
import { apiClient } from './api-client';
import { openStream, type SseMessage } from './sse-client';

const flow: FlowDocument = {
  schemaVersion: 1,
  id: 'ask',
  name: 'Ask',
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'menu',
      version: 1,
      position: { x: 0, y: 0 },
      data: { text: 'Pick', options: [{ id: 'a', label: 'Apples' }], timeoutMinutes: 5 },
    },
    { id: 'gone', type: 'end', version: 1, position: { x: 0, y: 100 }, data: { text: 'Timed out' } },
    { id: 'done', type: 'end', version: 1, position: { x: 100, y: 100 }, data: { text: 'Apples it is' } },
  ],
  edges: [
    { id: 'e1', source: 'menu', sourceHandle: 'timeout', target: 'gone' },
    { id: 'e2', source: 'menu', sourceHandle: 'a', target: 'done' },
  ],
};

const said = (text: string) => (e: SseMessage) => e.event === 'message' && (e.data as { message: { text?: string } }).message.text === text;

describe('the server on Redis sessions', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    server = await startServer({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await server.stop();
    await redis.stop();
  });

  it('runs the simulator and its durable timers on Redis', async () => {
    const api = apiClient(server.url, server.adminToken);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { sessions: 'ok' } });

    const { body } = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow });
    const sse = await openStream(server.url, `/api/simulator/sessions/${body.sessionId}/events`, server.adminToken);
    try {
      await sse.next((e) => e.event === 'state' && (e.data as { timerPending: boolean }).timerPending);
      expect((await api.post(`/api/simulator/sessions/${body.sessionId}/timers/fire`)).status).toBe(202);
      await sse.next(said('Timed out'));
      const from = sse.events.length;
      await api.post(`/api/simulator/sessions/${body.sessionId}/restart`);
      await sse.next((e) => e.event === 'state' && (e.data as { nodeId: string }).nodeId === 'menu', { from });
      await api.post(`/api/simulator/sessions/${body.sessionId}/messages`, { message: { kind: 'choice', id: 'a', title: 'Apples' } });
      await sse.next(said('Apples it is'), { from });
    } finally {
      sse.close();
    }
  });
});
