import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts secrets at rest (channel tokens, app secrets) with AES-256-GCM under SECRET_KEY. */
export interface SecretBox {
  /**
   * Encrypts `plain`. `context` (e.g. `default/channel/123/accessToken`) is authenticated but not
   * stored: a sealed value copied onto another record fails to open.
   */
  seal(plain: string, context: string): string;
  /** Decrypts a value from `seal` with the same context; throws when it was tampered with or moved. */
  open(sealed: string, context: string): string;
}

/**
 * Creates a secret box from a 32-byte key.
 *
 * @example
 * const box = createSecretBox(config.secretKey);
 * const stored = box.seal(token, `default/channel/${id}/accessToken`);
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`SECRET_KEY must be 32 bytes, got ${key.length}`);
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed, context) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || payload === undefined) throw new Error('not a sealed secret');
      const bytes = Buffer.from(payload, 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
