import type { Product } from '../runtime/ports';
import { describeSchemaError } from '../validation/schema-errors';
import { createAjv } from '../validation/schema-validator';
import { readJsonFile } from './read-json-file';

/** The shape of a catalog file such as `examples/catalog.json`: the engine's `Product`s. */
export const catalogFileSchema = {
  type: 'object',
  required: ['products'],
  properties: {
    name: { type: 'string' },
    categories: { type: 'array', description: 'Category names in display order', items: { type: 'string', minLength: 1 } },
    products: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'price', 'currency'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          price: { type: 'number', minimum: 0 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          category: { type: 'string' },
          imageUrl: { type: 'string' },
          stock: { type: 'integer', minimum: 0 },
          variants: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name'],
              properties: {
                id: { type: 'string', minLength: 1 },
                name: { type: 'string', minLength: 1 },
                price: { type: 'number', minimum: 0 },
                stock: { type: 'integer', minimum: 0 },
              },
            },
          },
        },
      },
    },
  },
} as const;

export interface CatalogFile {
  name?: string;
  categories?: string[];
  products: Product[];
}

const validateCatalog = createAjv().compile(catalogFileSchema);

/** Loads a catalog file, or says in one line what is wrong with it (file, JSON or field). */
export function readCatalogFile(path: string): { ok: true; catalog: CatalogFile } | { ok: false; message: string } {
  const read = readJsonFile(path);
  if (!read.ok) return read;
  if (!validateCatalog(read.value)) {
    const first = validateCatalog.errors?.[0];
    const { field, message } = first ? describeSchemaError(first) : { field: '(file)', message: 'is not a catalog' };
    return { ok: false, message: `${path} is not a catalog: field ${field || '(file)'} ${message}` };
  }
  return { ok: true, catalog: read.value as CatalogFile };
}
