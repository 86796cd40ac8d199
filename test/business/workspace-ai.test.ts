import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, eventually, postWebhook, whatsappText } from '../api/api-client';
import { makeTenant, type Tenant } from '../api/workspace-fixtures';
import { type FakeAnthropicApi, type RecordedRequest, startFakeAnthropicApi } from '../support/fake-anthropic-api';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { flowOf } from './business-fixtures';

const ALPHA_KEY = 'sk-ant-alpha-own-key-0123456789';

/** The key a call to Claude carried (the SDK sends it as `x-api-key` or a bearer token). */
const credentialOf = (request: RecordedRequest) => String(request.headers['x-api-key'] ?? request.headers.authorization ?? '');

/** An AI node on the node's default model: the workspace's default model replaces it. */
const assistant = flowOf(
  'assistant',
  'ai',
  [
    {
      id: 'ai',
      type: 'ai',
      data: {
        systemPrompt: 'You are the assistant of the shop.',
        tools: ['finish'],
        outcomes: [{ id: 'done', label: 'Done', description: 'The customer is done' }],
        errorText: 'Our assistant is resting.',
      },
    },
    { id: 'bye', type: 'end', data: { text: 'Bye' } },
    { id: 'sorry', type: 'end', data: { text: 'Sorry' } },
  ],
  ['ai:done -> bye', 'ai:error -> sorry'],
);

describe('per-workspace AI: own key, default model and reply tone', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let anthropic: FakeAnthropicApi;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    anthropic = await startFakeAnthropicApi();
    // No server-wide ANTHROPIC_API_KEY: only a workspace's own key makes Claude answer.
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, ANTHROPIC_BASE_URL: anthropic.url },
      app: { exampleCatalog: false },
    });
    const admin = apiClient(server.url, server.adminToken);
    a = await makeTenant(server.url, admin, 'Alpha', '500000000000005');
    b = await makeTenant(server.url, admin, 'Bravo', '600000000000006');
    for (const tenant of [a, b]) {
      expect((await tenant.api.post('/api/flows', { document: assistant })).status).toBe(201);
      expect((await tenant.api.post('/api/flows/assistant/publish')).status).toBe(201);
      expect((await tenant.api.put(`/api/channels/${tenant.phoneNumberId}`, { flowId: 'assistant' })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server.stop();
    await Promise.all([graph.close(), anthropic.close()]);
  });

  const repliesTo = (tenant: Tenant, customer: string) =>
    graph
      .delivered()
      .filter((r) => r.phoneNumberId === tenant.phoneNumberId && r.body.to === customer)
      .map((r) => JSON.stringify(r.body));

  it('keeps the key write-only and sealed at rest', async () => {
    const saved = await a.api.put('/api/ai/settings', { apiKey: ALPHA_KEY, model: 'claude-haiku-4-5', tone: 'formal' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ hasApiKey: true, model: 'claude-haiku-4-5', tone: 'formal' });
    expect(saved.text).not.toContain(ALPHA_KEY);
    expect((await a.api.get('/api/ai/settings')).text).not.toContain(ALPHA_KEY);
    expect(await readFile(join(server.dataDir, 'ai_settings.db'), 'utf8')).not.toContain(ALPHA_KEY);
    // Another workspace has its own settings, none of Alpha's.
    expect((await b.api.get('/api/ai/settings')).body).toMatchObject({ hasApiKey: false });
    // The builder's warning on AI nodes follows the workspace's own key.
    expect((await a.api.get('/api/ai/status')).body).toEqual({ configured: true });
    expect((await b.api.get('/api/ai/status')).body).toEqual({ configured: false });
  });

  it("calls Claude with the workspace's key, default model and tone, and counts its usage", async () => {
    anthropic.setFallback({ text: 'Good day. How may I assist you?', usage: { input_tokens: 21, output_tokens: 9 } });
    const body = whatsappText({ from: '15551230001', text: 'hello', id: 'wamid.ai-a-1', phoneNumberId: a.phoneNumberId });
    expect((await postWebhook(server.url, body, a.appSecret)).status).toBe(200);
    await eventually(async () => (repliesTo(a, '15551230001').some((t) => t.includes('How may I assist')) ? true : undefined));
    const call = anthropic.requests[0];
    expect(call && credentialOf(call)).toContain(ALPHA_KEY);
    expect(call?.body.model).toBe('claude-haiku-4-5');
    expect(String(call?.body.system)).toContain('You are the assistant of the shop.');
    expect(String(call?.body.system)).toMatch(/Reply in a polite, formal tone\.$/);
    const settings = await a.api.get<{ usage: { calls: number; inputTokens: number } }>('/api/ai/settings');
    expect(settings.body.usage.calls).toBeGreaterThanOrEqual(1);
    expect(settings.body.usage.inputTokens).toBeGreaterThanOrEqual(21);
  });

  it('puts custom tone words after the instructions, and a workspace without a key gets the error exit', async () => {
    expect((await a.api.put('/api/ai/settings', { tone: 'custom', customTone: 'Sound like a cheerful barista.' })).status).toBe(200);
    anthropic.reset();
    anthropic.setFallback({ text: 'Hey there, coffee friend!' });
    const body = whatsappText({ from: '15551230002', text: 'hola', id: 'wamid.ai-a-2', phoneNumberId: a.phoneNumberId });
    expect((await postWebhook(server.url, body, a.appSecret)).status).toBe(200);
    await eventually(async () => (repliesTo(a, '15551230002').some((t) => t.includes('coffee friend')) ? true : undefined));
    expect(String(anthropic.requests[0]?.body.system)).toMatch(/Sound like a cheerful barista\.$/);

    const before = anthropic.requests.length;
    const fromB = whatsappText({ from: '15551230003', text: 'hello', id: 'wamid.ai-b-1', phoneNumberId: b.phoneNumberId });
    expect((await postWebhook(server.url, fromB, b.appSecret)).status).toBe(200);
    await eventually(async () => (repliesTo(b, '15551230003').some((t) => t.includes('Our assistant is resting')) ? true : undefined));
    // Bravo never borrowed Alpha's key.
    expect(anthropic.requests.slice(before).some((r) => credentialOf(r).includes(ALPHA_KEY))).toBe(false);
  });
});
