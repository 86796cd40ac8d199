import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/start-server';
import { apiClient } from './api-client';

interface FlowSummary {
  id: string;
  publishedVersion?: number;
  isDefault: boolean;
}

describe('first start and restarts', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatflow-startup-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('seeds the example flows once, publishes the welcome flow as the default, and keeps data across restarts', async () => {
    const adminToken = 'a-fixed-admin-token-for-restarts';
    const first = await startServer({ dataDir, env: { ADMIN_TOKEN: adminToken } });
    const api = apiClient(first.url, adminToken);
    const seeded = (await api.get<FlowSummary[]>('/api/flows')).body;
    expect(seeded.map((f) => f.id)).toContain('welcome-menu');
    expect(seeded.filter((f) => f.isDefault)).toEqual([expect.objectContaining({ id: 'welcome-menu', publishedVersion: 1 })]);
    expect((await api.get<{ publishedBy: string }[]>('/api/flows/welcome-menu/versions')).body[0]?.publishedBy).toBe('seed');
    expect((await api.delete('/api/flows/welcome-menu')).status).toBe(204);
    expect((await api.post('/api/flows', { name: 'Mine' })).status).toBe(201);
    await first.stop();

    const second = await startServer({ dataDir, env: { ADMIN_TOKEN: adminToken } });
    const flows = (await apiClient(second.url, adminToken).get<FlowSummary[]>('/api/flows')).body.map((f) => f.id);
    expect(flows).toContain('mine');
    expect(flows).not.toContain('welcome-menu');
    await second.stop();
  });
});

describe('the builder', () => {
  let builderDir: string;
  beforeAll(async () => {
    builderDir = await mkdtemp(join(tmpdir(), 'chatflow-builder-'));
    await mkdir(join(builderDir, 'assets'));
    await writeFile(join(builderDir, 'index.html'), '<!doctype html><div id="root">builder</div>');
    await writeFile(join(builderDir, 'assets', 'app.js'), 'console.log("builder")');
  });
  afterAll(() => rm(builderDir, { recursive: true, force: true }));

  it('is served at / with a fallback to index.html for its own routes, never for the API', async () => {
    const server = await startServer({ app: { builderDir, examplesDir: '/nonexistent' } });
    try {
      expect(await (await fetch(`${server.url}/`)).text()).toContain('builder</div>');
      const deep = await fetch(`${server.url}/flows/support/edit`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('builder</div>');
      expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toContain('console.log');
      const api = await fetch(`${server.url}/api/nothing`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toContain('json');
    } finally {
      await server.stop();
    }
  });

  it('says how to build it when it is not built', async () => {
    const server = await startServer({ app: { builderDir: join(builderDir, 'missing'), examplesDir: '/nonexistent' } });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('pnpm --filter @chatflow/builder build');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
