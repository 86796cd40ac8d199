import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('EAAG-secret-token', 'default/channel/1/accessToken');
    expect(sealed).not.toContain('EAAG');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed, 'default/channel/1/accessToken')).toBe('EAAG-secret-token');
  });

  it('seals the same secret differently each time', () => {
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('refuses a value moved to another record or tampered with', () => {
    const sealed = box.seal('token', 'default/channel/1/accessToken');
    expect(() => box.open(sealed, 'default/channel/2/accessToken')).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1:${bytes.toString('base64')}`, 'default/channel/1/accessToken')).toThrow();
  });

  it('refuses a value sealed under another key', () => {
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(box.seal('token', 'ctx'), 'ctx')).toThrow();
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
