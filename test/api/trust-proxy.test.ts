import { ConfigError, loadConfig } from '@chatflow/server/src/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';

const limits = { windowMs: 60_000, apiPerToken: 100, apiPerIp: 3, webhookUnsignedPerIp: 100 };

/** A wrong token from the given X-Forwarded-For: counted against the address only. */
const guess = (server: TestServer, forwardedFor: string) =>
  fetch(`${server.url}/api/flows`, { headers: { authorization: 'Bearer a-wrong-guess', 'x-forwarded-for': forwardedFor } }).then(
    (r) => r.status,
  );

describe('TRUST_PROXY', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    const options = {
      app: { examplesDir: '/nonexistent' },
      config: (config: ReturnType<typeof loadConfig>) => ({ ...config, rateLimits: limits }),
    };
    direct = await startServer(options);
    proxied = await startServer({ ...options, env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await Promise.all([direct.stop(), proxied.stop()]);
  });

  it('by default believes no X-Forwarded-For: a forged one does not escape the per-address limit', async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) statuses.push(await guess(direct, `203.0.113.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('with TRUST_PROXY=loopback counts each forwarded client apart', async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) statuses.push(await guess(proxied, `203.0.113.${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (let i = 0; i < 3; i += 1) await guess(proxied, '198.51.100.7');
    expect(await guess(proxied, '198.51.100.7')).toBe(429);
  });

  it('takes hop counts, names, addresses and CIDRs, and refuses anything else', () => {
    const trust = (value?: string) => loadConfig({ DATA_DIR: '/tmp/x', ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    for (const bad of ['true', 'yes', '0', '11', '10.0.0.0/33', '10.0.0/8', 'proxy.internal']) {
      expect(() => trust(bad), bad).toThrow(ConfigError);
      expect(() => trust(bad), bad).toThrow(/^TRUST_PROXY /);
    }
  });
});
