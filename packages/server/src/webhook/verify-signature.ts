import { createHmac, timingSafeEqual } from 'node:crypto';

const header = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body with the app secret, compared
 * in constant time. The raw bytes are hashed as received: a re-serialised body would not match
 * whenever Meta escapes characters differently than JSON.stringify does.
 *
 * @example
 * verifySignature(req.body, req.get('x-hub-signature-256'), appSecret);
 */
export function verifySignature(raw: Buffer, signature: string | undefined, appSecret: string): boolean {
  const match = header.exec(signature?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1] as string, 'hex'));
}
