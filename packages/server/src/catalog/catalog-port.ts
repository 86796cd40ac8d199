import type { CatalogPort } from '@chatflow/engine';
import type { CatalogRepository } from './catalog-repository';
import { engineProduct, foldText } from './product';

/**
 * The engine's catalog port over the stored catalog. Runtimes are shared by the conversations of
 * a flow version, so the workspace is asked for on each call (from the turn's scope); without one
 * the catalog is empty rather than another workspace's.
 *
 * A search that finds nothing is retried on word stems (the first four letters of each word, any
 * of them), so "pizzas" still finds "Pizza Margherita" and a small typo at the end is forgiven.
 *
 * @example
 * const catalog = createCatalogPort(repository, () => scope.workspaceId);
 */
export function createCatalogPort(repository: CatalogRepository, workspaceOf: () => string | undefined): CatalogPort {
  return {
    async categories() {
      const workspaceId = workspaceOf();
      return workspaceId ? repository.categories(workspaceId) : [];
    },
    async products(query) {
      const workspaceId = workspaceOf();
      if (!workspaceId) return [];
      const base = {
        ...(query.category ? { category: query.category } : {}),
        limit: query.limit,
        ...(query.offset ? { offset: query.offset } : {}),
      };
      let found = await repository.list(workspaceId, { ...base, ...(query.search ? { search: query.search } : {}) });
      if (found.length === 0 && query.search && !query.offset) {
        const stems = [
          ...new Set(
            foldText(query.search)
              .split(' ')
              .filter((word) => word.length >= 4)
              .map((word) => word.slice(0, 4)),
          ),
        ];
        for (const stem of stems) {
          found = await repository.list(workspaceId, { ...base, search: stem });
          if (found.length) break;
        }
      }
      return found.map(engineProduct);
    },
    async product(id) {
      const workspaceId = workspaceOf();
      if (!workspaceId) return undefined;
      const product = await repository.get(workspaceId, id);
      return product?.active ? engineProduct(product) : undefined;
    },
  };
}
