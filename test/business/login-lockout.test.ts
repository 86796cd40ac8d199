import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client';
import { startServer, type TestServer } from '../support/start-server';

const PASSWORD = 'the-right-long-password';
/** Small limits, so the test makes few (slow, by design) password checks. */
const login = { windowMs: 60_000, perEmailAndAddress: 3, perAddress: 6, perEmail: 8, knownAddressMs: 24 * 60 * 60_000 };

describe('sign-in limits that nobody can use to lock an account', () => {
  let server: TestServer;
  /** Signs in from `address` (the server trusts the loopback proxy's X-Forwarded-For); answers the status. */
  const signIn = (email: string, password: string, address: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    }).then((r) => r.status);
  const attempts = async (count: number, attempt: (i: number) => Promise<number>) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push(await attempt(i));
    return statuses;
  };

  beforeAll(async () => {
    server = await startServer({
      env: { TRUST_PROXY: 'loopback' },
      app: { examplesDir: '/nonexistent' },
      config: (config) => ({ ...config, rateLimits: { ...config.rateLimits, login } }),
    });
    const admin = apiClient(server.url, server.adminToken);
    for (const name of ['ana', 'bob', 'cid']) {
      const created = await admin.post('/api/users', { email: `${name}@shop.example`, name, password: PASSWORD, role: 'agent' });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  it('stops a guesser at their address, while the owner signs in from theirs', async () => {
    const guesses = await attempts(5, (i) => signIn('ana@shop.example', `wrong-guess-${i}`, '203.0.113.9'));
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    // Even the right password is refused from the guesser's address until the window passes.
    expect(await signIn('ana@shop.example', PASSWORD, '203.0.113.9')).toBe(429);
    expect(await signIn('ana@shop.example', PASSWORD, '198.51.100.1')).toBe(200);
  });

  it('never counts successful sign-ins', async () => {
    expect(await attempts(12, () => signIn('bob@shop.example', PASSWORD, '198.51.100.2'))).toEqual(Array(12).fill(200));
  });

  it('stops one address trying many accounts', async () => {
    const guesses = await attempts(7, (i) => signIn(`nobody-${i}@shop.example`, 'wrong-guess', '203.0.113.50'));
    expect(guesses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('lets the owner in from a known address while guessing spread over many addresses is refused', async () => {
    expect(await signIn('cid@shop.example', PASSWORD, '198.51.100.3')).toBe(200);
    // 8 failures from 4 addresses, 2 each: under every per-address limit.
    for (let host = 1; host <= 4; host += 1) {
      const statuses = await Promise.all([1, 2].map((i) => signIn('cid@shop.example', `guess-${host}-${i}`, `192.0.2.${host}`)));
      expect(statuses).toEqual([401, 401]);
    }
    expect(await signIn('cid@shop.example', 'one-more-guess', '192.0.2.99')).toBe(429);
    expect(await signIn('cid@shop.example', PASSWORD, '198.51.100.3')).toBe(200);
  });
});
