import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

/** A variant of a product as the API shows it: prices in major units (12.5). */
export interface ProductVariant {
  id: string;
  name: string;
  size?: string;
  color?: string;
  price?: number;
  stock?: number;
}

/** A product of the catalog (`GET /api/catalog/products`). */
export interface Product {
  id: string;
  name: string;
  description?: string;
  price: number;
  currency: string;
  category?: string;
  stock?: number;
  images: string[];
  variants: ProductVariant[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the product form sends; prices may be decimal text ("12.50") as typed. */
export interface ProductInput {
  id?: string;
  name: string;
  description?: string;
  price: number | string;
  currency: string;
  category?: string;
  stock?: number;
  images?: string[];
  active?: boolean;
  variants?: { id?: string; name?: string; size?: string; color?: string; price?: number | string; stock?: number }[];
}

/** One problem of an import, where the person finds it in their file: row (1-based) and column. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** The answer of an import: what was saved, or why nothing was. */
export type ImportOutcome =
  | { ok: true; created: number; updated: number; errors: ImportRowError[] }
  | { ok: false; message: string; errors: ImportRowError[] };

/** What an import sends: a CSV file's text, or a JSON array of products. */
export type ImportSource = { csv: string } | { products: unknown[] };

const product = (id: string) => `/api/catalog/products/${encodeURIComponent(id)}`;

/** The catalog endpoints of the REST API, typed. */
export function catalogApi(client: ApiClient) {
  return {
    list: (query: { search?: string; category?: string; limit?: number; offset?: number } = {}) => {
      const params = new URLSearchParams({ includeInactive: 'true', limit: String(query.limit ?? 50) });
      if (query.search) params.set('search', query.search);
      if (query.category) params.set('category', query.category);
      if (query.offset) params.set('offset', String(query.offset));
      return client.get<{ products: Product[]; total: number }>(`/api/catalog/products?${params}`);
    },
    categories: () => client.get<string[]>('/api/catalog/categories'),
    create: (input: ProductInput) => client.post<Product>('/api/catalog/products', input),
    replace: (id: string, input: ProductInput) => client.put<Product>(product(id), input),
    remove: (id: string) => client.delete(product(id)),
    /**
     * Imports products. A file with errors is refused whole (422) unless `partial`, and its
     * per-row errors come back either way, so the screen can show them next to the row and column.
     */
    async import(source: ImportSource, partial = false): Promise<ImportOutcome> {
      let response: Response;
      try {
        response = await fetch('/api/catalog/import', {
          method: 'POST',
          headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...source, partial }),
        });
      } catch {
        throw new ApiError(0, 'The server could not be reached');
      }
      const body = (await response.json().catch(() => ({}))) as {
        created?: number;
        updated?: number;
        errors?: ImportRowError[];
        error?: { message?: string; errors?: ImportRowError[] };
      };
      if (response.ok) return { ok: true, created: body.created ?? 0, updated: body.updated ?? 0, errors: body.errors ?? [] };
      if (response.status === 422 && body.error?.errors) {
        return { ok: false, message: body.error.message ?? 'Some rows have errors; nothing was imported', errors: body.error.errors };
      }
      throw new ApiError(response.status, body.error?.message ?? `${response.status} ${response.statusText}`.trim());
    },
  };
}

export type CatalogApi = ReturnType<typeof catalogApi>;
