import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, apiClient, postWebhook, whatsappText } from './api-client';

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      env: { WHATSAPP_APP_SECRET: APP_SECRET },
      app: { examplesDir: '/nonexistent' },
      config: (config) => ({ ...config, rateLimits: { windowMs: 60_000, apiPerToken: 3, apiPerIp: 8, webhookPerIp: 2 } }),
    });
  });
  afterAll(() => server.stop());

  it('limits each token, then each address, with 429 and Retry-After', async () => {
    const api = apiClient(server.url, server.adminToken);
    for (let i = 0; i < 3; i += 1) expect((await api.get('/api/flows')).status).toBe(200);
    const limited = await api.get<{ error: { message: string } }>('/api/flows');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body.error.message).toMatch(/too many requests/);

    // Requests without a valid token count against the address: 4 so far, 8 allowed.
    const anonymous = apiClient(server.url, 'a-wrong-token-guess');
    for (let i = 0; i < 4; i += 1) expect((await anonymous.get('/api/flows')).status).toBe(401);
    expect((await anonymous.get('/api/flows')).status).toBe(429);
  });

  it('limits the webhook per address', async () => {
    const body = (id: string) => whatsappText({ from: '15550001', text: 'hi', id });
    expect((await postWebhook(server.url, body('wamid.rl-1'))).status).toBe(200);
    expect((await postWebhook(server.url, body('wamid.rl-2'))).status).toBe(200);
    const limited = await postWebhook(server.url, body('wamid.rl-3'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
  });
});
