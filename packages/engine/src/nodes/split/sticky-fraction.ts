/**
 * A number in [0, 1) that depends only on `key` (FNV-1a, 32 bits): the same contact and node give
 * the same number on every server and in the browser, and different contacts spread evenly.
 */
export function stickyFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
