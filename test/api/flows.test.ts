import type { FlowDocument, Problem } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { type ApiClient, apiClient } from './api-client';

interface FlowRecord {
  id: string;
  name: string;
  draft: FlowDocument;
  updatedAt: string;
  publishedVersion?: number;
  isDefault: boolean;
}
interface ErrorBody {
  error: { message: string; path?: string; problems?: Problem[] };
}

const menuFlow = (id: string): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: 'Support',
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'menu',
      version: 1,
      position: { x: 0, y: 0 },
      data: {
        text: 'Choose',
        options: [
          { id: 'sales', label: 'Sales' },
          { id: 'help', label: 'Help' },
        ],
      },
    },
    { id: 'bye', type: 'end', version: 1, position: { x: 0, y: 100 }, data: { text: 'Bye' } },
  ],
  edges: [
    { id: 'e1', source: 'menu', sourceHandle: 'sales', target: 'bye' },
    { id: 'e2', source: 'menu', sourceHandle: 'help', target: 'bye' },
  ],
});

describe('flows API', () => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startServer({ app: { examplesDir: '/nonexistent' } });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(() => server.stop());

  it('creates a flow by name with a starter draft, lists and gets it', async () => {
    const created = await api.post<FlowRecord>('/api/flows', { name: 'Café orders' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'cafe-orders', name: 'Café orders', isDefault: false });
    expect(created.body.draft.id).toBe('cafe-orders');
    const again = await api.post<FlowRecord>('/api/flows', { name: 'Café orders' });
    expect(again.body.id).toBe('cafe-orders-2');

    const list = await api.get<{ id: string }[]>('/api/flows');
    expect(list.body.map((f) => f.id)).toEqual(expect.arrayContaining(['cafe-orders', 'cafe-orders-2']));
    const got = await api.get<FlowRecord>('/api/flows/cafe-orders');
    expect(got.body.draft.nodes[0]?.type).toBe('message');
    expect((await api.get<ErrorBody>('/api/flows/nope')).status).toBe(404);
  });

  it('rejects a malformed body with the path of the field', async () => {
    const bad = await api.post<ErrorBody>('/api/flows', { document: { ...menuFlow('x'), nodes: [{ id: 'n', type: 'menu' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('document.nodes[0].position');
    expect(bad.body.error.message).toContain('is required');
    const notJson = await fetch(`${server.url}/api/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorBody).error.message).toMatch(/not valid JSON/);
  });

  it('saves drafts with errors, returns their problems, and refuses to publish them', async () => {
    await api.post('/api/flows', { document: menuFlow('support') });
    const broken = menuFlow('support');
    broken.edges.push({ id: 'e3', source: 'menu', sourceHandle: 'sales', target: 'nowhere' });
    const saved = await api.put<{ updatedAt: string; problems: Problem[] }>('/api/flows/support', { draft: broken });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'dangling-edge', edgeId: 'e3' }));

    const refused = await api.post<ErrorBody>('/api/flows/support/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems).toContainEqual(expect.objectContaining({ code: 'dangling-edge' }));
    expect((await api.get<unknown[]>('/api/flows/support/versions')).body).toEqual([]);

    const mismatch = await api.put<ErrorBody>('/api/flows/support', { draft: menuFlow('other') });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.path).toBe('draft.id');
  });

  it('validates a document without saving it', async () => {
    const doc = menuFlow('v');
    doc.nodes[0] = { ...doc.nodes[0]!, data: { text: 'Choose', options: [] } };
    const answer = await api.post<{ problems: Problem[] }>('/api/flows/validate', { document: doc });
    expect(answer.status).toBe(200);
    expect(answer.body.problems).toContainEqual(expect.objectContaining({ nodeId: 'menu', field: 'data.options', severity: 'error' }));
    expect((await api.get('/api/flows/v')).status).toBe(404);
  });

  it('publishes immutable versions with who and when, newest first', async () => {
    await api.put('/api/flows/support', { draft: menuFlow('support') });
    const first = await api.post<{ version: number; publishedAt: string; publishedBy: string }>('/api/flows/support/publish');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, publishedBy: 'admin' });
    expect(Date.parse(first.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);

    const changed = menuFlow('support');
    changed.nodes[0] = {
      ...changed.nodes[0]!,
      data: {
        text: 'Pick one',
        options: [
          { id: 'sales', label: 'Sales' },
          { id: 'help', label: 'Help' },
        ],
      },
    };
    await api.put('/api/flows/support', { draft: changed, name: 'Support v2' });
    expect((await api.post('/api/flows/support/publish')).status).toBe(201);

    const versions = await api.get<{ version: number }[]>('/api/flows/support/versions');
    expect(versions.body.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await api.get<{ document: FlowDocument }>('/api/flows/support/versions/1');
    expect(v1.body.document.nodes[0]?.data).toMatchObject({ text: 'Choose' });
    const v2 = await api.get<{ document: FlowDocument }>('/api/flows/support/versions/2');
    expect(v2.body.document.name).toBe('Support v2');
    // Editing the draft again never changes a published version.
    await api.put('/api/flows/support', { draft: menuFlow('support') });
    expect((await api.get<{ document: FlowDocument }>('/api/flows/support/versions/2')).body).toEqual(v2.body);
    expect((await api.get('/api/flows/support/versions/9')).status).toBe(404);
    expect((await api.get<FlowRecord>('/api/flows/support')).body.publishedVersion).toBe(2);
  });

  it('round-trips export and import, giving a new id when the id is taken', async () => {
    const exported = await fetch(`${server.url}/api/flows/support/export`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(exported.headers.get('content-disposition')).toContain('support.json');
    const document = (await exported.json()) as FlowDocument;
    expect(document).toEqual((await api.get<FlowRecord>('/api/flows/support')).body.draft);

    const imported = await api.post<FlowRecord>('/api/flows/import', document);
    expect(imported.status).toBe(201);
    expect(imported.body.id).toBe('support-2');
    expect(imported.body.draft).toEqual({ ...document, id: 'support-2' });
    const fresh = await api.post<FlowRecord>('/api/flows/import', { ...document, id: 'brand-new' });
    expect(fresh.body.id).toBe('brand-new');
  });

  it('sets the default flow only once it is published, and records audit events', async () => {
    const unpublished = await api.post<ErrorBody>('/api/flows/brand-new/default');
    expect(unpublished.status).toBe(409);
    expect((await api.post('/api/flows/support/default')).status).toBe(204);
    const list = await api.get<{ id: string; isDefault: boolean }[]>('/api/flows');
    expect(list.body.filter((f) => f.isDefault).map((f) => f.id)).toEqual(['support']);

    expect((await api.delete('/api/flows/cafe-orders-2')).status).toBe(204);
    expect((await api.get('/api/flows/cafe-orders-2')).status).toBe(404);
    const audit = await api.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit');
    const types = audit.body.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['flow.publish', 'flow.import', 'flow.default', 'flow.delete']));
    expect(audit.body.find((e) => e.type === 'flow.publish')?.details).toMatchObject({ actor: 'admin', flowId: 'support' });
  });
});
