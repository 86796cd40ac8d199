import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../security/local-secrets';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { createAuthService } from './auth-service';
import { hashPassword, verifyPassword } from './password-hash';
import { createUserRepository } from './user-repository';

let dir: string;
let store: EmbeddedDocumentStore;
let now = 1_000_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'users-'));
  store = new EmbeddedDocumentStore(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('password hashing', () => {
  it('salts every hash and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });
});

describe('sign-in', () => {
  it('gives a token that expires, ends on logout, and stops when the user is disabled', async () => {
    const users = createUserRepository(store);
    const auth = createAuthService(users, { sessionTtlMs: 60_000, clock: () => now });
    const ana = await auth.createUser('w1', {
      email: ' Ana@Shop.example ',
      name: 'Ana',
      password: 'a long passphrase',
      role: 'agent',
      departments: ['sales'],
    });
    expect(ana.email).toBe('ana@shop.example');
    await expect(
      auth.createUser('w2', { email: 'ana@shop.example', name: 'Other', password: 'another passphrase', role: 'admin' }),
    ).rejects.toMatchObject({ status: 409 });

    await expect(auth.login('ana@shop.example', 'wrong password')).rejects.toMatchObject({
      status: 401,
      message: 'wrong e-mail or password',
    });
    await expect(auth.login('nobody@shop.example', 'a long passphrase')).rejects.toMatchObject({
      status: 401,
      message: 'wrong e-mail or password',
    });

    const { token } = await auth.login('ANA@shop.example', 'a long passphrase');
    expect(await auth.authenticate(hashToken(token))).toEqual({
      id: ana.id,
      role: 'agent',
      workspaceId: 'w1',
      departments: ['sales'],
      name: 'Ana',
    });
    // Only the token's hash is stored.
    expect(await users.sessionByTokenHash(token)).toBeUndefined();

    now += 61_000;
    expect(await auth.authenticate(hashToken(token))).toBeUndefined();

    const second = await auth.login('ana@shop.example', 'a long passphrase');
    await auth.logout(second.token);
    expect(await auth.authenticate(hashToken(second.token))).toBeUndefined();

    const third = await auth.login('ana@shop.example', 'a long passphrase');
    await auth.updateUser('w1', ana.id, { disabled: true });
    expect(await auth.authenticate(hashToken(third.token))).toBeUndefined();
    await expect(auth.login('ana@shop.example', 'a long passphrase')).rejects.toMatchObject({ status: 401 });
  });
});
