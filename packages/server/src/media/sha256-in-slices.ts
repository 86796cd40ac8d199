import { createHash } from 'node:crypto';

const SLICE = 1024 * 1024;

/**
 * The lowercase hex sha256 of bytes, hashed a megabyte at a time with a yield between slices: a
 * 10 MB file would otherwise hold the event loop (every other conversation's webhook answer) for
 * tens of milliseconds.
 */
export async function sha256InSlices(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < bytes.byteLength; offset += SLICE) {
    hash.update(bytes.subarray(offset, offset + SLICE));
    if (offset + SLICE < bytes.byteLength) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}
