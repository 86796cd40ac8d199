import type { DocumentStore, Filter } from '../ports/document-store';
import { foldText, type ProductRecord } from './product';

export interface ProductQuery {
  category?: string;
  /** Free text; every word must appear (accents and case ignored). */
  search?: string;
  /** Include inactive products (the admin's view); customers only see active ones. */
  includeInactive?: boolean;
  offset?: number;
  limit: number;
}

export interface CatalogRepository {
  /** Products in a stable order (name, then id), so offsets page through them. */
  list(workspaceId: string, query: ProductQuery): Promise<ProductRecord[]>;
  count(workspaceId: string, query: Omit<ProductQuery, 'limit' | 'offset'>): Promise<number>;
  get(workspaceId: string, id: string): Promise<ProductRecord | undefined>;
  /** Rejects with `DuplicateKeyError` when the id is taken. */
  insert(product: ProductRecord): Promise<ProductRecord>;
  /** Inserts or replaces by id. */
  save(product: ProductRecord): Promise<ProductRecord>;
  delete(workspaceId: string, id: string): Promise<boolean>;
  /** Categories of active products, alphabetical. */
  categories(workspaceId: string): Promise<string[]>;
}

/** The catalog on the document store; every query is scoped by workspace. */
export function createCatalogRepository(documents: DocumentStore): CatalogRepository {
  const products = documents.collection<ProductRecord>('products', {
    indexes: [
      ['workspaceId', 'active', 'name'],
      ['workspaceId', 'category'],
    ],
  });
  const filterOf = (workspaceId: string, query: Omit<ProductQuery, 'limit' | 'offset'>): Filter => {
    const words = searchWords(query.search);
    return {
      workspaceId,
      ...(query.includeInactive ? {} : { active: true }),
      ...(query.category ? { category: query.category } : {}),
      // Every word, in any order: one lookahead per word.
      ...(words.length ? { searchText: { $regex: `^${words.map((word) => `(?=[\\s\\S]*${escapeRegex(word)})`).join('')}` } } : {}),
    };
  };
  return {
    list: (workspaceId, query) =>
      products.find(filterOf(workspaceId, query), {
        sort: { name: 1, id: 1 },
        limit: query.limit,
        ...(query.offset ? { skip: query.offset } : {}),
      }),
    count: (workspaceId, query) => products.count(filterOf(workspaceId, query)),
    get: (workspaceId, id) => products.findOne({ workspaceId, id }),
    insert: (product) => products.insert(product),
    save: (product) => products.upsert(product),
    delete: async (workspaceId, id) => (await products.delete({ workspaceId, id })) > 0,
    async categories(workspaceId) {
      const withCategory = await products.find({ workspaceId, active: true, category: { $exists: true } });
      return [...new Set(withCategory.map((p) => p.category).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b));
    },
  };
}

/** At most this many words of a search become lookaheads, each cut to this length: a customer's text is unbounded. */
const MAX_SEARCH_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** The distinct words of a search, longest first (the most selective), capped. */
export function searchWords(search: string | undefined): string[] {
  const words = new Set((search ? foldText(search).split(' ') : []).filter(Boolean).map((word) => word.slice(0, MAX_WORD_LENGTH)));
  return [...words].sort((a, b) => b.length - a.length).slice(0, MAX_SEARCH_WORDS);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
