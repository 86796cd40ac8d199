import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from './redis-server';

/** Sends one inline command and resolves with the raw reply, or the connection error code. */
function send(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString());
    });
  });
}

describe('startRedisServer', () => {
  it('starts a private redis-server without persistence that answers until stopped', async () => {
    const redis = await startRedisServer();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await send(redis.port, 'PING')).toBe('+PONG\r\n');
    expect(await send(redis.port, 'CONFIG GET appendonly')).toBe('*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n');
    expect(await send(redis.port, 'CONFIG GET save')).toBe('*2\r\n$4\r\nsave\r\n$0\r\n\r\n');
    await redis.stop();
    expect(await send(redis.port, 'PING')).toBe('ECONNREFUSED');
  });

  it('gives each caller its own server', async () => {
    const [a, b] = await Promise.all([startRedisServer(), startRedisServer()]);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.stop(), b.stop()]);
  });
});
