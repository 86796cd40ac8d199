import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, apiClient } from './api-client';

/** `[[[…0…]]]`, `depth` arrays deep. */
const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

/** A draft whose variable default is `nested(depth)`: the reviewer's 230-byte body at depth 22. */
const draftBody = (depth: number) =>
  `{"draft":{"schemaVersion":1,"id":"deep","name":"d","start":"a","variables":[{"name":"v","type":"array","default":${nested(depth)}}],"nodes":[],"edges":[]}}`;

/** Nothing an unauthenticated caller gets back may show how the server is built. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat .*\(|node_modules|\/work\/|\.ts:\d|\.js:\d|Error:|<pre>|incorrect header/);
}

describe('the request boundary', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { WHATSAPP_APP_SECRET: APP_SECRET }, app: { examplesDir: '/nonexistent' } });
    const created = await apiClient(server.url, server.adminToken).post('/api/flows', { name: 'deep' });
    expect(created.status).toBe(201);
  });
  afterAll(() => server.stop());

  const put = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('refuses deeply nested bodies with 400 at once, and keeps answering meanwhile', async () => {
    const id = (await apiClient(server.url, server.adminToken).get<{ id: string }[]>('/api/flows')).body[0]?.id ?? 'deep';
    for (const depth of [22, 3000]) {
      const body = draftBody(depth).replace('"id":"deep"', `"id":"${id}"`);
      const started = Date.now();
      const [answer, health] = await Promise.all([put(`/api/flows/${id}`, body), fetch(`${server.url}/healthz`)]);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/nests deeper than 20 levels/);
      expect(health.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(500);
    }
    expect(draftBody(22).length).toBeLessThan(240);
  });

  it('answers 400 naming the field for node data keys that start with $ or hold a dot', async () => {
    const id = (await apiClient(server.url, server.adminToken).get<{ id: string }[]>('/api/flows')).body[0]?.id ?? 'deep';
    for (const key of ['$where', 'a.b']) {
      const draft = { schemaVersion: 1, id, name: 'd', start: 'm', variables: [], edges: [] };
      const node = { id: 'm', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'hi', [key]: 1 } };
      const answer = await apiClient(server.url, server.adminToken).put<{ error: { message: string; path: string } }>(`/api/flows/${id}`, {
        draft: { ...draft, nodes: [node] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.path).toBe(`draft.nodes[0].data.${key}`);
      expect(answer.body.error.message).toContain(`"${key}"`);
    }
  });

  it('answers a garbage gzip body, a broken %-escape and a 5 MB webhook with JSON 4xx and no internals', async () => {
    const garbage = await put('/api/flows/x', 'not gzip at all', { 'content-encoding': 'gzip' });
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('content-type')).toMatch(/json/);
    expectNoInternals(await garbage.text());

    const zipped = gzipSync('{"draft":');
    const truncated = await put('/api/flows/x', zipped.subarray(0, zipped.length - 4).toString('latin1'), { 'content-encoding': 'gzip' });
    expect(truncated.status).toBe(400);
    expectNoInternals(await truncated.text());

    for (const path of ['/api/flows/%E0%A4%A']) {
      const broken = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      expect(broken.status).toBe(400);
      expect(broken.headers.get('content-type')).toMatch(/json/);
      expectNoInternals(await broken.text());
    }

    const huge = await fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"object":"${'x'.repeat(5 * 1024 * 1024)}"}`,
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/json/);
    expectNoInternals(await huge.text());

    const webhookGzip = await fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip',
    });
    expect(webhookGzip.status).toBe(400);
    expectNoInternals(await webhookGzip.text());
  });
});

describe('the data folder', () => {
  it('is readable by its owner only, files that existed before the start included', async () => {
    const { mkdtemp, writeFile, chmod, readdir, stat } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'chatflow-perms-'));
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'contacts.db'), '', { mode: 0o644 });
    const server = await startServer({ dataDir, app: { examplesDir: '/nonexistent' } });
    await apiClient(server.url, server.adminToken).post('/api/flows', { name: 'perms' });
    await server.stop();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dataDir);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect([file, (await stat(join(dataDir, file))).mode & 0o077]).toEqual([file, 0]);
  });
});
