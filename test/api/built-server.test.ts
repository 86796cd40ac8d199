import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { inboundWebhook } from '../support/whatsapp-webhooks';
import { APP_SECRET, eventually, PHONE_NUMBER_ID, postWebhook, whatsappText } from './api-client';

const root = new URL('../../', import.meta.url).pathname;

/** Starts `node packages/server/dist/main.js` as production runs it; resolves with its URL once it listens. */
function startBuilt(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['packages/server/dist/main.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"msg":"chatflow server listening","port":(\d+)/.exec(output)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}`, output: () => output });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the built server exited with ${code}: ${output}`)));
  });
}

describe('the server built to JavaScript', () => {
  let graph: FakeGraphApi;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startBuilt>> | undefined;
  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['packages/server/build.mjs'], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    graph = await startFakeGraphApi();
    dataDir = await mkdtemp(join(tmpdir(), 'chatflow-built-'));
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server?.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    await graph.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts with plain node, answers /healthz and replies to a signed webhook', async () => {
    server = await startBuilt({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: 'built-server-admin-token-0123',
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
      WHATSAPP_APP_SECRET: APP_SECRET,
    });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const webhook = await postWebhook(server.url, whatsappText({ from: '16505550199', text: 'hi', id: 'wamid.built-1' }));
    expect(webhook.status).toBe(200);
    // The seeded welcome flow answers.
    await eventually(async () => (graph.delivered().some((r) => r.body.to === '16505550199') ? true : undefined), 10_000, 'a reply');
    expect(
      (await postWebhook(server.url, whatsappText({ from: '16505550199', text: 'x', id: 'wamid.built-2' }), 'wrong-secret')).status,
    ).toBe(401);
    expect(server.output()).not.toMatch(/tsx|\.ts:\d/);
  });

  it('downloads a customer’s document on its worker thread (dist/download-worker.js) into DATA_DIR', async () => {
    const document = Buffer.from(`%PDF-1.7 ${'invoice '.repeat(2000)}`);
    const mediaId = graph.media.add(document, 'application/pdf');
    const message = { type: 'document', document: { id: mediaId, mime_type: 'application/pdf', filename: 'invoice.pdf' } };
    const webhook = inboundWebhook({ id: 'wamid.built-3', from: '16505550199', phoneNumberId: PHONE_NUMBER_ID, message });
    expect((await postWebhook(String(server?.url), webhook)).status).toBe(200);
    const digest = createHash('sha256').update(document).digest('hex');
    const stored = async () => {
      const folders = await readdir(join(dataDir, 'media')).catch(() => [] as string[]);
      const files = (
        await Promise.all(folders.map(async (f) => (await readdir(join(dataDir, 'media', f))).map((n) => join(dataDir, 'media', f, n))))
      ).flat();
      return files.find((file) => file.endsWith(digest));
    };
    const file = await eventually(stored, 10_000, 'the stored document');
    expect(await readFile(file)).toEqual(document);
    expect(server?.output()).not.toMatch(/could not be fetched/);
  });
});
