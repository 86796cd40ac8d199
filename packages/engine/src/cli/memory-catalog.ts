import { normalizeText } from '../runtime/match-option';
import type { CatalogPort, Product } from '../runtime/ports';

/**
 * A catalog held in memory, e.g. loaded from `examples/catalog.json`. Search matches every word
 * of the query in a product's name, description or category, without case or accents.
 */
export function memoryCatalog({ products, categories }: { products: readonly Product[]; categories?: readonly string[] }): CatalogPort {
  return {
    async categories() {
      const used = new Set(products.flatMap((p) => (p.category ? [p.category] : [])));
      // The file's order first, then any category a product names that the list forgot.
      return [...new Set([...(categories ?? []).filter((c) => used.has(c)), ...used])];
    },
    async products({ category, search, offset = 0, limit }) {
      const words = search ? normalizeText(search).split(/\s+/).filter(Boolean) : [];
      return products
        .filter((p) => !category || p.category === category)
        .filter((p) => words.every((w) => normalizeText(`${p.name} ${p.description ?? ''} ${p.category ?? ''}`).includes(w)))
        .slice(offset, offset + limit);
    },
    async product(id) {
      return products.find((p) => p.id === id);
    },
  };
}
