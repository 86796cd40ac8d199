import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client';

let server: Server;
let port: number;
const servernames: string[] = [];

beforeAll(async () => {
  // A throwaway self-signed certificate for api.test, made for this run only.
  const dir = mkdtempSync(join(tmpdir(), 'chatflow-tls-'));
  const args =
    'req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=api.test -addext subjectAltName=DNS:api.test';
  execFileSync('openssl', [...args.split(' '), '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'));
  const cert = readFileSync(join(dir, 'cert.pem'));
  rmSync(dir, { recursive: true, force: true });
  const context = createSecureContext({ key, cert });
  // The name the client asked for in its TLS hello (SNI): the URL's, not the address it connected to.
  const SNICallback = (servername: string, done: (error: null, context: SecureContext) => void) => {
    servernames.push(servername);
    done(null, context);
  };
  server = createServer({ key, cert, SNICallback }, (_, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('https through the pinned address', () => {
  it('connects to the checked address while TLS still verifies the name (a self-signed certificate is refused)', async () => {
    const client = createHttpClient({ allowHosts: [{ host: 'api.test' }], resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    await expect(client.send({ method: 'GET', url: `https://api.test:${port}/`, headers: {}, timeoutMs: 5000 })).rejects.toThrow(
      /^the TLS certificate was not accepted$/,
    );
    expect(servernames).toEqual(['api.test']);
  });
});
