import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client';
import type { Resolver } from './resolve-target';

/** What the local service saw. */
const seen: { url: string; host: string | undefined; authorization: string | undefined; method: string }[] = [];
let closedEarly = 0;
let port: number;
let base: string;

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  '/to-metadata': (_, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-internal-name': (_, res) => res.writeHead(307, { location: 'http://intranet.test/admin' }).end(),
  '/to-ok-on-other-name': (_, res) => res.writeHead(303, { location: `http://api.test:${port}/ok` }).end(),
  '/loop': (req, res) => {
    const n = Number(new URL(req.url ?? '', base).searchParams.get('n') ?? 0);
    res.writeHead(301, { location: `/loop?n=${n + 1}` }).end();
  },
  '/silent': () => {},
  '/endless': (_, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
    };
    res.on('drain', pump);
    res.on('close', () => {
      closedEarly += 1;
    });
    pump();
  },
  '/big-file': (_, res) => res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(Buffer.alloc(3 * 1024 * 1024, 1)),
  '/declared-large': (_, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) }).end(),
};

const server = createServer((req, res) => {
  seen.push({ url: req.url ?? '', host: req.headers.host, authorization: req.headers.authorization, method: req.method ?? '' });
  req.resume();
  const route = routes[(req.url ?? '').split('?')[0] ?? ''];
  if (route) route(req, res);
  else res.writeHead(404).end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver from a fixed table, counting look-ups: DNS as the test wants it. */
function fakeDns(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

const get = (url: string, extra: { headers?: Record<string, string>; timeoutMs?: number; method?: string; body?: string } = {}) => ({
  method: extra.method ?? 'GET',
  url,
  headers: extra.headers ?? {},
  ...(extra.body ? { body: extra.body } : {}),
  timeoutMs: extra.timeoutMs ?? 5000,
});

describe('the outbound HTTP client', () => {
  const allowLocal = [{ host: '127.0.0.1', port: 0 }];
  beforeAll(() => {
    allowLocal[0] = { host: '127.0.0.1', port };
  });

  it('refuses loopback, private and metadata addresses given as literals, before connecting', async () => {
    const client = createHttpClient({ allowHosts: [] });
    await expect(client.send(get(`${base}/ok`))).rejects.toThrow('host 127.0.0.1 is a loopback address');
    await expect(client.send(get('http://10.0.0.5/'))).rejects.toThrow('host 10.0.0.5 is a private address');
    await expect(client.send(get('http://169.254.169.254/latest/meta-data/'))).rejects.toThrow(
      'host 169.254.169.254 is a link-local address',
    );
    await expect(client.send(get('http://[::ffff:127.0.0.1]/'))).rejects.toThrow('host ::ffff:7f00:1 is a loopback address');
    await expect(client.send(get('http://[fd00::1]:8080/'))).rejects.toThrow('host fd00::1 is a private address');
    await expect(client.send(get('http://0.0.0.0/'))).rejects.toThrow('host 0.0.0.0 is an unspecified address');
    // Shorthand IPv4 forms are normalised by the URL parser before the check.
    await expect(client.send(get('http://2130706433/'))).rejects.toThrow('host 127.0.0.1 is a loopback address');
    expect(seen.filter((s) => s.url === '/ok')).toHaveLength(0);
  });

  it('refuses a DNS name that resolves to a refused address, even as one of several', async () => {
    const dns = fakeDns({ 'rebind.test': ['10.1.2.3'], 'mixed.test': ['93.184.216.34', 'fe80::1'] });
    const client = createHttpClient({ allowHosts: [], resolve: dns });
    await expect(client.send(get('http://rebind.test/'))).rejects.toThrow('host rebind.test resolves to 10.1.2.3, a private address');
    await expect(client.send(get('https://mixed.test/'))).rejects.toThrow('host mixed.test resolves to fe80::1, a link-local address');
    await expect(client.send(get('http://nowhere.test/'))).rejects.toThrow('host nowhere.test could not be resolved');
  });

  it('connects to exactly the address it checked, resolving once (no second look-up to rebind)', async () => {
    const dns = fakeDns({ 'api.test': ['127.0.0.1'] });
    const client = createHttpClient({ allowHosts: [{ host: 'api.test', port }], resolve: dns });
    const answer = await client.send(get(`http://api.test:${port}/ok`));
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' });
    expect(answer.bytes.toString()).toBe('{"ok":true}');
    expect(dns.calls).toEqual(['api.test']);
    expect(seen.at(-1)).toMatchObject({ url: '/ok', host: `api.test:${port}` });
  });

  it('tries the next checked address when one refuses the connection, and each address is checked first', async () => {
    // The service listens on 127.0.0.1 only: 127.0.0.2 (loopback too) refuses the connection.
    const dns = fakeDns({ 'api.test': ['127.0.0.2', '127.0.0.1'], 'down.test': ['127.0.0.2', '127.0.0.3'] });
    const client = createHttpClient({
      allowHosts: [
        { host: 'api.test', port },
        { host: 'down.test', port },
      ],
      resolve: dns,
    });
    const before = seen.length;
    const answer = await client.send(get(`http://api.test:${port}/ok`, { method: 'POST', body: '{"n":1}' }));
    expect(answer).toMatchObject({ status: 200 });
    expect(seen.slice(before)).toEqual([expect.objectContaining({ url: '/ok', method: 'POST', host: `api.test:${port}` })]);
    await expect(client.send(get(`http://down.test:${port}/ok`))).rejects.toThrow(/^the connection was refused$/);
    expect(dns.calls).toEqual(['api.test', 'down.test']);
    // Not allowed, a public address first does not let the private one after it be tried.
    const strict = createHttpClient({ allowHosts: [], resolve: fakeDns({ 'mixed.test': ['93.184.216.34', '127.0.0.1'] }) });
    await expect(strict.send(get(`http://mixed.test:${port}/ok`))).rejects.toThrow(
      'host mixed.test resolves to 127.0.0.1, a loopback address',
    );
  });

  it('checks every redirect target again: into the metadata address, or to a name that resolves privately', async () => {
    const dns = fakeDns({ 'intranet.test': ['192.168.10.10'] });
    const client = createHttpClient({ allowHosts: allowLocal, resolve: dns });
    await expect(client.send(get(`${base}/to-metadata`))).rejects.toThrow('host 169.254.169.254 is a link-local address');
    await expect(client.send(get(`${base}/to-internal-name`))).rejects.toThrow(
      'host intranet.test resolves to 192.168.10.10, a private address',
    );
  });

  it('follows up to 5 redirects and refuses the sixth', async () => {
    const client = createHttpClient({ allowHosts: allowLocal });
    const before = seen.length;
    await expect(client.send(get(`${base}/loop`))).rejects.toThrow('more than 5 redirects');
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/loop', '/loop?n=1', '/loop?n=2', '/loop?n=3', '/loop?n=4', '/loop?n=5']);
  });

  it('turns a POST into a GET on 303 and keeps credentials from another origin', async () => {
    const dns = fakeDns({ 'api.test': ['127.0.0.1'] });
    const client = createHttpClient({ allowHosts: [...allowLocal, { host: 'api.test' }], resolve: dns });
    const before = seen.length;
    const answer = await client.send(
      get(`${base}/to-ok-on-other-name`, { method: 'POST', body: '{}', headers: { Authorization: 'Bearer k' } }),
    );
    expect(answer.status).toBe(200);
    expect(seen.slice(before)).toMatchObject([
      { method: 'POST', authorization: 'Bearer k' },
      { method: 'GET', url: '/ok', authorization: undefined },
    ]);
  });

  it('keeps the deadline of the node, for the whole call', async () => {
    const client = createHttpClient({ allowHosts: allowLocal });
    const started = Date.now();
    await expect(client.send(get(`${base}/silent`, { timeoutMs: 300 }))).rejects.toThrow('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('aborts a JSON or text answer past 1 MB while it streams, and refuses one that declares more', async () => {
    const client = createHttpClient({ allowHosts: allowLocal });
    await expect(client.send(get(`${base}/endless`))).rejects.toThrow('answer larger than 1 MB');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(1);
    await expect(client.send(get(`${base}/declared-large`))).rejects.toThrow('answer larger than 1 MB');
  });

  it('lets a binary answer up to its own cap when one is given, and caps text at 1 MB still', async () => {
    const client = createHttpClient({ allowHosts: allowLocal });
    const file = await client.send({ ...get(`${base}/big-file`), binaryLimit: 4 * 1024 * 1024 });
    expect(file.bytes.length).toBe(3 * 1024 * 1024);
    await expect(client.send({ ...get(`${base}/big-file`), binaryLimit: 2 * 1024 * 1024 })).rejects.toThrow('answer larger than 2 MB');
    await expect(client.send(get(`${base}/big-file`))).rejects.toThrow('answer larger than 1 MB');
    await expect(client.send({ ...get(`${base}/endless`), binaryLimit: 4 * 1024 * 1024 })).rejects.toThrow('answer larger than 1 MB');
  });

  it('calls http and https only, and says so', async () => {
    const client = createHttpClient({ allowHosts: [] });
    await expect(client.send(get('ftp://files.example/x'))).rejects.toThrow('only http and https URLs can be called (got ftp)');
    await expect(client.send(get('file:///etc/passwd'))).rejects.toThrow('only http and https URLs can be called (got file)');
    await expect(client.send(get('not a url'))).rejects.toThrow('the URL is not valid');
  });

  it('words a refused connection without its socket internals', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createHttpClient({ allowHosts: [{ host: '127.0.0.1' }] });
    await expect(client.send(get(`http://127.0.0.1:${freePort}/`))).rejects.toThrow(/^the connection was refused$/);
  });
});
