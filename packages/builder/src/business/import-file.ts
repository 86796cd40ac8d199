import type { ImportSource } from '../api/catalog-api';

/**
 * Reads a catalog file the person picked: CSV text goes to the server as it is (it reports errors
 * by row and column of that file); JSON must be an array of products, or `{ products: [...] }`.
 */
export function importSourceOf(fileName: string, text: string): ImportSource | { error: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { error: `${fileName} is empty` };
  const looksJson = /\.json$/i.test(fileName) || trimmed.startsWith('[') || trimmed.startsWith('{');
  if (!looksJson) return { csv: text.replace(/^\uFEFF/, '') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return { error: `${fileName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (Array.isArray(parsed)) return { products: parsed };
  if (parsed && typeof parsed === 'object' && 'products' in parsed && Array.isArray(parsed.products)) return { products: parsed.products };
  return { error: `${fileName} must hold an array of products, or an object with a "products" array` };
}
