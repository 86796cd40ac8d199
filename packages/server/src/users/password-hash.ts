import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { createHashingQueue } from './hashing-queue';

/** scrypt cost: N = 2^15 takes tens of milliseconds, which makes guessing slow and logins still quick. */
const params = { N: 32_768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/**
 * One hash at a time: three of libuv's four threads stay free for the pipeline's file writes, and
 * on a two-core machine one core for the event loop. A hash takes tens of milliseconds, so this
 * still signs in a dozen people a second; 32 more wait at most about a second or two.
 */
const hashing = createHashingQueue({ concurrency: 1, maxWaiting: 32 });

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return hashing.run(() => scryptKey(password, salt, options));
}

function scryptKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, above Node's 32 MiB default for N = 2^15.
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      { ...options, maxmem: 128 * (options.N ?? 1) * (options.r ?? 8) * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/**
 * Hashes a password with scrypt and a random per-user salt. The result names its parameters
 * (`scrypt$N$r$p$salt$hash`), so they can be raised later without breaking stored hashes.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches a hash from `hashPassword`; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of no one's password: verified against when the e-mail is unknown, so both cases take as long. */
export const DECOY_HASH = `scrypt$${params.N}$${params.r}$${params.p}$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;
