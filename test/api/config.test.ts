import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, DEFAULT_GRAPH_URL, loadConfig } from '@chatflow/server/src/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = resolve(fileURLToPath(import.meta.url), '../../../packages/server');

/** Runs `pnpm start`'s entry point with only the given environment; resolves with its exit code and stderr. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

describe('configuration', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatflow-config-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'eighty' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")'],
    [{ SECRET_KEY: 'too-short' }, 'Configuration error: SECRET_KEY must be 32 bytes'],
    [{ MEDIA_RETENTION_HOURS: '0' }, 'Configuration error: MEDIA_RETENTION_HOURS must be a number of hours above 0'],
    [{ MONGODB_URI: 'mongodb://127.0.0.1:1/chatflow' }, 'Configuration error: ADMIN_TOKEN is required when MONGODB_URI is set'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'Configuration error: REDIS_URL must start with redis:// or rediss://'],
    [{ REDIS_URL: 'redis://127.0.0.1:1' }, 'Chatflow could not start: Cannot reach Redis at redis://127.0.0.1:1'],
  ])('fails at start with one clear line: %o', async (env, line) => {
    const result = await runMain({ DATA_DIR: dataDir, PORT: '0', ...env });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(line);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('starts with nothing configured and stops cleanly on SIGTERM', async () => {
    const child = spawn(join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: join(dataDir, 'sigterm'), PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const port = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "listening" line; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /"msg":"chatflow server listening","port":(\d+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          done(Number(match[1]));
        }
      });
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(stdout).toMatch(/Generated admin token \(shown only now/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: stopping');
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://user:hunter2-secret@db:27017/x', ADMIN_TOKEN: 'x'.repeat(20) })).toThrow(ConfigError);
    try {
      loadConfig({ MONGODB_URI: 'mongodb://user:hunter2-secret@db:27017/x', ADMIN_TOKEN: 'x'.repeat(20) });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => loadConfig({ REDIS_URL: 'not a url with password hunter2' })).toThrow(/REDIS_URL is not a valid URL/);
    expect(() => loadConfig({ REDIS_URL: 'not a url with password hunter2' })).not.toThrow(/hunter2/);
  });

  const production = { ADMIN_TOKEN: 'an-admin-token-of-24-chars', SECRET_KEY: Buffer.alloc(32, 1).toString('hex') };

  it.each([
    'mongodb://127.0.0.1:27017/chatflow',
    'mongodb://db-a:27017,db-b:27017,db-c:27017/chatflow?replicaSet=rs0',
    'mongodb://chatflow:s3cr%40t%3Aword@db-a.internal:27017,db-b.internal/chatflow?replicaSet=rs0&authSource=admin',
    'mongodb+srv://chatflow:pw@cluster0.ab1cd.mongodb.net/chatflow?retryWrites=true&w=majority',
    'mongodb://[::1]:27017,[fe80::1]/chatflow',
    'mongodb://%2Ftmp%2Fmongodb-27017.sock/chatflow',
    'mongodb://mongo',
    'mongodb://mongo/?directConnection=true',
  ])('takes every MongoDB connection string the driver takes: %s', (uri) => {
    expect(loadConfig({ ...production, MONGODB_URI: uri }).mongodbUri).toBe(uri);
  });

  it.each([
    ['postgres://db:5432/chatflow', 'MONGODB_URI must start with mongodb:// or mongodb+srv://'],
    ['mongodb://', 'MONGODB_URI names no host'],
    ['mongodb://db-a:27017,/chatflow', 'MONGODB_URI has an invalid host 2 of 2'],
    ['mongodb://db:99999/chatflow', 'MONGODB_URI has a port out of range in the host (1 to 65535)'],
    ['mongodb+srv://cluster0.example.net:27017/chatflow', 'MONGODB_URI must not give a port with mongodb+srv://'],
    ['mongodb+srv://a.example.net,b.example.net/chatflow', 'MONGODB_URI must name one host with mongodb+srv://'],
    ['mongodb://chatflow:p@ss-hunter2@db/chatflow', 'MONGODB_URI user name and password must be percent-encoded'],
    ['mongodb://chatflow:pa/ss-hunter2@db/chatflow', 'MONGODB_URI user name and password must be percent-encoded'],
    ['mongodb://db/chat/flow', 'MONGODB_URI has an invalid database name or options'],
  ])('refuses %s with a line that says what is wrong and never the password', (uri, message) => {
    let thrown: unknown;
    try {
      loadConfig({ ...production, MONGODB_URI: uri });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).not.toContain('hunter2');
  });

  it('has defaults for everything on an embedded start', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.whatsapp.graphUrl).toBe(DEFAULT_GRAPH_URL);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.adminToken).toBeUndefined();
    expect(config.secretKey).toBeUndefined();
  });

  it('parses every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/x',
      REDIS_URL: 'redis://127.0.0.1:6379',
      WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v25.0/',
      WHATSAPP_ACCESS_TOKEN: 'token-123456',
      WHATSAPP_APP_SECRET: 'secret-123456',
      WHATSAPP_VERIFY_TOKEN: 'verify',
      ANTHROPIC_API_KEY: 'sk-ant-1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      ADMIN_TOKEN: 'an-admin-token-of-24-chars',
      SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/tmp/x',
      redisUrl: 'redis://127.0.0.1:6379',
      adminToken: 'an-admin-token-of-24-chars',
    });
    expect(config.whatsapp).toEqual({
      graphUrl: 'http://127.0.0.1:9/v25.0',
      accessToken: 'token-123456',
      appSecret: 'secret-123456',
      verifyToken: 'verify',
    });
    expect(config.anthropic).toEqual({ apiKey: 'sk-ant-1', baseUrl: 'http://127.0.0.1:9' });
    expect(config.secretKey?.equals(Buffer.alloc(32, 1))).toBe(true);
    expect(() => loadConfig({ WHATSAPP_ACCESS_TOKEN: 'token-123456' })).toThrow(/WHATSAPP_APP_SECRET is required/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/at least 16 characters/);
  });
});
