import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes a line for the operator to read once (never through the redacting logger). */
export type Announce = (line: string) => void;

export const SECRET_KEY_FILE = 'secret.key';
export const ADMIN_TOKEN_HASH_FILE = 'admin-token.sha256';

/** SHA-256 of a token, hex; tokens are random, so an unsalted fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The SECRET_KEY to use: the configured one, else the one kept in `dataDir`, else a new one
 * written there (announced once).
 */
export async function ensureSecretKey(dataDir: string, configured: Buffer | undefined, announce: Announce): Promise<Buffer> {
  if (configured) return configured;
  const path = join(dataDir, SECRET_KEY_FILE);
  const stored = await readIfExists(path);
  if (stored !== undefined) {
    const key = Buffer.from(stored.trim(), 'hex');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte hex key; restore it or set SECRET_KEY`);
    return key;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  announce(`Generated SECRET_KEY and stored it in ${path}; channel tokens are encrypted with it, so keep that file (or set SECRET_KEY).`);
  return key;
}

/**
 * The hash of the admin token: of ADMIN_TOKEN when set, else the one kept in `dataDir`, else of a
 * new token that is printed once and never stored in clear.
 */
export async function ensureAdminTokenHash(dataDir: string, configured: string | undefined, announce: Announce): Promise<string> {
  if (configured) return hashToken(configured);
  const path = join(dataDir, ADMIN_TOKEN_HASH_FILE);
  const stored = await readIfExists(path);
  if (stored !== undefined) {
    const hash = stored.trim();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`${path} does not hold a SHA-256 hash; delete it to generate a new admin token`);
    return hash;
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${hashToken(token)}\n`, { mode: 0o600, flag: 'wx' });
  announce(`Generated admin token (shown only now; only its hash is kept in ${path}, delete that file to get a new one): ${token}`);
  return hashToken(token);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
