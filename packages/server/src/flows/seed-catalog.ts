import { readFile } from 'node:fs/promises';
import type { CatalogService } from '../catalog/catalog-service';
import type { Logger } from '../observability/logger';

/**
 * Fills an empty catalog with the example products (`examples/catalog.json`, `{ products: [...] }`)
 * on the first start, so the seeded order-capture and AI examples have something to sell in the
 * test chat. A catalog with products is left alone; a missing or broken file is a warning.
 */
export async function seedCatalog(catalog: CatalogService, workspaceId: string, path: string, log: Logger): Promise<void> {
  if ((await catalog.list(workspaceId, { limit: 1 })).total > 0) return;
  let products: unknown;
  try {
    products = (JSON.parse(await readFile(path, 'utf8')) as { products?: unknown }).products;
  } catch (error) {
    log.warn('example catalog not read; the catalog starts empty', { path, error: (error as Error).message });
    return;
  }
  if (!Array.isArray(products)) {
    log.warn('example catalog has no products list; the catalog starts empty', { path });
    return;
  }
  const result = await catalog.import(workspaceId, { products, partial: true });
  log.info('seeded example catalog', { workspaceId, products: result.created, errors: result.errors.length });
}
