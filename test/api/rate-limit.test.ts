import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { postRawWebhook, signWebhook, webhookEnvelope } from '../support/whatsapp-webhooks';
import { APP_SECRET, apiClient, PHONE_NUMBER_ID, postWebhook } from './api-client';

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      env: { WHATSAPP_APP_SECRET: APP_SECRET },
      app: { examplesDir: '/nonexistent' },
      config: (config) => ({ ...config, rateLimits: { windowMs: 60_000, apiPerToken: 3, apiPerIp: 8, webhookUnsignedPerIp: 2 } }),
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

  it('never limits correctly signed webhooks, and limits unsigned ones per address before reading them', async () => {
    // Statuses alone are three webhooks per message sent; Meta sends them all from a few addresses.
    const status = (i: number) =>
      webhookEnvelope(PHONE_NUMBER_ID, {
        statuses: [{ id: `wamid.rl-${i}`, status: 'delivered', timestamp: '1751142888', recipient_id: '15550001' }],
      });
    const answers: number[] = [];
    for (let batch = 0; batch < 7000; batch += 50) {
      const sent = Array.from({ length: 50 }, (_, i) => postWebhook(server.url, status(batch + i)).then((r) => r.status));
      answers.push(...(await Promise.all(sent)));
    }
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    expect(answers).toHaveLength(7000);

    const forged = JSON.stringify(status(1));
    expect((await postRawWebhook(server.url, forged, 'sha256=00')).status).toBe(401);
    expect((await postRawWebhook(server.url, forged, null)).status).toBe(401);
    const limited = await postRawWebhook(server.url, forged, signWebhook(forged, 'a-guessed-secret'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await postWebhook(server.url, status(7001))).status).toBe(200);
  });
});
