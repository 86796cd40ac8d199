import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@chatflow/server/src/app';
import { loadConfig } from '@chatflow/server/src/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { apiClient } from './api-client';

describe('API authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ app: { examplesDir: '/nonexistent' } });
  });
  afterAll(() => server.stop());

  it('answers 401 without a token or with a wrong one, on every route', async () => {
    for (const [method, path] of [
      ['GET', '/api/flows'],
      ['POST', '/api/flows'],
      ['GET', '/api/conversations'],
      ['DELETE', '/api/contacts/x'],
      ['GET', '/api/channels'],
      ['POST', '/api/simulator/sessions'],
    ] as const) {
      const anonymous = await fetch(`${server.url}${path}`, { method });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/token/);
      const wrong = await fetch(`${server.url}${path}`, { method, headers: { authorization: 'Bearer not-the-admin-token' } });
      expect(wrong.status, `${method} ${path}`).toBe(401);
    }
    expect((await apiClient(server.url, server.adminToken).get('/api/flows')).status).toBe(200);
  });

  it('serves the OpenAPI document without a token', async () => {
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);
  });
});

describe('generated admin token', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatflow-admin-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const start = async () => {
    const lines: string[] = [];
    const server = createApp(loadConfig({ DATA_DIR: dataDir }), {
      announce: (line) => lines.push(line),
      log: { write: () => {} },
      examplesDir: '/nonexistent',
    });
    const { url } = await server.start(0);
    return { server, url, lines };
  };

  it('is printed once on the first start, kept only as a hash, and still valid after a restart', async () => {
    const first = await start();
    const notice = first.lines.find((line) => line.includes('admin token'));
    const token = notice?.split(': ').at(-1) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first.lines.filter((line) => line.includes('SECRET_KEY'))).toHaveLength(1);
    expect((await apiClient(first.url, token).get('/api/flows')).status).toBe(200);
    await first.server.stop();

    const stored = await readFile(join(dataDir, 'admin-token.sha256'), 'utf8');
    expect(stored).not.toContain(token);

    const second = await start();
    expect(second.lines).toEqual([]);
    expect((await apiClient(second.url, token).get('/api/flows')).status).toBe(200);
    await second.server.stop();
  });
});
