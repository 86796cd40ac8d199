import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HASH_FILE, ensureAdminTokenHash, ensureSecretKey, hashToken, SECRET_KEY_FILE } from './local-secrets';

describe('local secrets', () => {
  let dir: string;
  let lines: string[];
  const announce = (line: string) => lines.push(line);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatflow-secrets-'));
    lines = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates a secret key once, says so once, and reuses it', async () => {
    const first = await ensureSecretKey(dir, undefined, announce);
    expect(first).toHaveLength(32);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(SECRET_KEY_FILE);
    const second = await ensureSecretKey(dir, undefined, announce);
    expect(second.equals(first)).toBe(true);
    expect(lines).toHaveLength(1);
  });

  it('uses a configured secret key without writing one', async () => {
    const key = Buffer.alloc(32, 7);
    expect(await ensureSecretKey(dir, key, announce)).toBe(key);
    await expect(readFile(join(dir, SECRET_KEY_FILE))).rejects.toThrow();
  });

  it('prints a generated admin token once and keeps only its hash', async () => {
    const hash = await ensureAdminTokenHash(dir, undefined, announce);
    expect(lines).toHaveLength(1);
    const token = lines[0]?.split(': ').at(-1) ?? '';
    expect(hashToken(token)).toBe(hash);
    const stored = await readFile(join(dir, ADMIN_TOKEN_HASH_FILE), 'utf8');
    expect(stored).not.toContain(token);
    expect(stored.trim()).toBe(hash);
    expect(await ensureAdminTokenHash(dir, undefined, announce)).toBe(hash);
    expect(lines).toHaveLength(1);
  });

  it('prefers ADMIN_TOKEN when it is set', async () => {
    expect(await ensureAdminTokenHash(dir, 'a-configured-admin-token', announce)).toBe(hashToken('a-configured-admin-token'));
    expect(lines).toHaveLength(0);
  });
});
