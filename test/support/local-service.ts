import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the service received, whole. */
export interface ServiceRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface LocalService {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: ServiceRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for the API or processing service a flow calls: a real HTTP server on 127.0.0.1 that
 * records every request and answers through `handle`.
 *
 * @example
 * const shop = await startLocalService((request, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
 */
export async function startLocalService(handle: (request: ServiceRequest, res: ServerResponse) => void): Promise<LocalService> {
  const requests: ServiceRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
