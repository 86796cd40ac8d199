import type { FlowDocument, Problem } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { type ApiClient, apiClient } from './api-client';

interface ErrorBody {
  error: { message: string; problems?: Problem[] };
}

const parenthesised = (levels: number) => `${'('.repeat(levels)}age${')'.repeat(levels)} > 1`;
const memberChain = (segments: number) => ['order', ...Array.from({ length: segments - 1 }, (_, i) => `k${i}`)].join('.');

/** A condition whose two branches and a computed variable hold the given expressions. */
const flowWith = (id: string, [deep, chain, computed]: [string, string, string]): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: 'Deep expressions',
  start: 'compute',
  nodes: [
    {
      id: 'compute',
      type: 'set-variable',
      version: 1,
      position: { x: 0, y: 0 },
      data: { assignments: [{ name: 'total', mode: 'expression', value: computed }] },
    },
    {
      id: 'check',
      type: 'condition',
      version: 1,
      position: { x: 0, y: 100 },
      data: {
        branches: [
          { id: 'deep', when: deep },
          { id: 'chain', when: chain },
        ],
      },
    },
    { id: 'bye', type: 'end', version: 1, position: { x: 0, y: 200 }, data: { text: 'Bye' } },
  ],
  edges: [
    { id: 'e0', source: 'compute', target: 'check' },
    { id: 'e1', source: 'check', sourceHandle: 'deep', target: 'bye' },
    { id: 'e2', source: 'check', sourceHandle: 'chain', target: 'bye' },
    { id: 'e3', source: 'check', sourceHandle: 'else', target: 'bye' },
  ],
});

const problemsAt = (problems: Problem[] | undefined) =>
  (problems ?? []).filter((p) => p.severity === 'error').map((p) => ({ nodeId: p.nodeId, field: p.field, message: p.message }));

describe('expression limits through the API', () => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startServer({ app: { examplesDir: '/nonexistent' } });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(() => server.stop());

  it('refuses to publish a 10,000-deep expression and a 5,000-segment path, naming node and field, and keeps answering', async () => {
    const huge = flowWith('huge', [parenthesised(10_000), memberChain(5_000), `${memberChain(5_000)} + 1`]);
    expect((await api.post('/api/flows', { document: flowWith('huge', ['true', 'true', '1']) })).status).toBe(201);

    const saved = await api.put<{ problems: Problem[] }>('/api/flows/huge', { draft: huge });
    expect(saved.status).toBe(200);
    const refused = await api.post<ErrorBody>('/api/flows/huge/publish');
    expect(refused.status).toBe(422);
    expect(problemsAt(refused.body.error.problems)).toEqual([
      { nodeId: 'compute', field: 'data.assignments[0].value', message: expect.stringContaining('longer than 2000 characters') },
      { nodeId: 'check', field: 'data.branches[0].when', message: expect.stringContaining('longer than 2000 characters') },
      { nodeId: 'check', field: 'data.branches[1].when', message: expect.stringContaining('longer than 2000 characters') },
    ]);
    expect(problemsAt(saved.body.problems)).toEqual(problemsAt(refused.body.error.problems));
    expect((await api.get<unknown[]>('/api/flows/huge/versions')).body).toEqual([]);
    expect((await api.get('/api/flows')).status).toBe(200);
  });

  it('names nesting and path length within the length bound, and publishes what is at the bounds', async () => {
    const deep = flowWith('deep', [parenthesised(40), memberChain(17), `-${'(-'.repeat(40)}1${')'.repeat(40)}`]);
    const answer = await api.post<{ problems: Problem[] }>('/api/flows/validate', { document: deep });
    expect(answer.status).toBe(200);
    expect(problemsAt(answer.body.problems)).toEqual([
      { nodeId: 'compute', field: 'data.assignments[0].value', message: expect.stringContaining('nests more than 32 levels deep') },
      { nodeId: 'check', field: 'data.branches[0].when', message: expect.stringContaining('nests more than 32 levels deep') },
      { nodeId: 'check', field: 'data.branches[1].when', message: expect.stringContaining('more than 16 segments') },
    ]);

    const bounds = flowWith('bounds', [parenthesised(30), memberChain(16), `${memberChain(16)} + 1`]);
    expect((await api.post('/api/flows', { document: bounds })).status).toBe(201);
    expect((await api.post('/api/flows/bounds/publish')).status).toBeLessThan(300);
  });
});
