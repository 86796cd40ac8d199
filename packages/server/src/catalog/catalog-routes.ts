import { param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import { callerOf } from '../security/require-auth';
import { type CatalogService, ImportRejectedError, type ImportRequest } from './catalog-service';
import { productView } from './product';
import { type ProductInput, productInputSchema } from './product-input';

const error = { $ref: '#/components/schemas/Error' };
const productSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'price', 'currency', 'images', 'variants', 'active', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    price: { type: 'number', description: 'Major units (12.5 is 12.50)' },
    currency: { type: 'string' },
    category: { type: 'string' },
    stock: { type: 'integer' },
    images: { type: 'array', items: { type: 'string' } },
    variants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          size: { type: 'string' },
          color: { type: 'string' },
          price: { type: 'number' },
          stock: { type: 'integer' },
        },
      },
    },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const importErrorSchema: JsonSchema = {
  type: 'object',
  required: ['row', 'column', 'message'],
  properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } },
};
const importBody: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    csv: { type: 'string', maxLength: 5_000_000, description: 'The CSV file as text (header row first)' },
    products: { type: 'array', maxItems: 10_000, items: {}, description: 'Products as POST /catalog/products takes them' },
    partial: { type: 'boolean', description: 'Import the valid rows even if other rows have errors' },
  },
  oneOf: [{ required: ['csv'] }, { required: ['products'] }],
};
const whole = (description: string) => ({ schema: { type: 'string', pattern: '^[0-9]{1,6}$' }, description });

/** The product catalog: list and search, get, create, replace, delete, categories, CSV/JSON import. */
export function catalogRoutes(catalog: CatalogService): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/catalog/products',
      tag: 'catalog',
      summary: 'List or search products, by name',
      query: {
        search: {
          schema: { type: 'string', maxLength: 200 },
          description: 'Words in name, description, category or variants (accents and case ignored)',
        },
        category: { schema: { type: 'string', minLength: 1 }, description: 'Only this category' },
        includeInactive: { schema: { enum: ['true', 'false'] }, description: 'Also inactive products (default false)' },
        limit: whole('At most this many (default 50, at most 500)'),
        offset: whole('Skip this many, to page'),
      },
      responses: {
        200: {
          description: 'A page of products and how many match in all',
          schema: { type: 'object', properties: { products: { type: 'array', items: productSchema }, total: { type: 'integer' } } },
        },
      },
      handler: async (req, res) => {
        const q = req.query as Record<string, string | undefined>;
        const { products, total } = await catalog.list(callerOf(res).workspaceId, {
          ...(q.search ? { search: q.search } : {}),
          ...(q.category ? { category: q.category } : {}),
          includeInactive: q.includeInactive === 'true',
          limit: Math.min(Number(q.limit ?? 50) || 50, 500),
          offset: Number(q.offset ?? 0),
        });
        res.json({ products: products.map(productView), total });
      },
    },
    {
      method: 'get',
      path: '/catalog/categories',
      tag: 'catalog',
      summary: 'Categories of active products, alphabetical',
      responses: { 200: { description: 'Category names', schema: { type: 'array', items: { type: 'string' } } } },
      handler: async (_req, res) => {
        res.json(await catalog.categories(callerOf(res).workspaceId));
      },
    },
    {
      method: 'get',
      path: '/catalog/products/:id',
      tag: 'catalog',
      summary: 'Get a product',
      responses: { 200: { description: 'The product', schema: productSchema }, 404: { description: 'No such product', schema: error } },
      handler: async (req, res) => {
        res.json(productView(await catalog.get(callerOf(res).workspaceId, param(req, 'id'))));
      },
    },
    {
      method: 'post',
      path: '/catalog/products',
      tag: 'catalog',
      summary: 'Create a product (its id is the SKU; one is generated when absent)',
      body: productInputSchema,
      responses: { 201: { description: 'Created', schema: productSchema }, 409: { description: 'The id is taken', schema: error } },
      handler: async (req, res) => {
        const product = await catalog.create(callerOf(res).workspaceId, req.body as ProductInput);
        res.status(201).json(productView(product));
      },
    },
    {
      method: 'put',
      path: '/catalog/products/:id',
      tag: 'catalog',
      summary: 'Replace a product',
      body: productInputSchema,
      responses: { 200: { description: 'Saved', schema: productSchema }, 404: { description: 'No such product', schema: error } },
      handler: async (req, res) => {
        res.json(productView(await catalog.replace(callerOf(res).workspaceId, param(req, 'id'), req.body as ProductInput)));
      },
    },
    {
      method: 'delete',
      path: '/catalog/products/:id',
      tag: 'catalog',
      summary: 'Delete a product',
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such product', schema: error } },
      handler: async (req, res) => {
        await catalog.remove(callerOf(res).workspaceId, param(req, 'id'));
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/catalog/import',
      tag: 'catalog',
      summary: 'Import products from CSV text or a JSON array; products with a known id are replaced',
      body: importBody,
      responses: {
        200: {
          description: 'Imported; `errors` lists the rows skipped (only with `partial`)',
          schema: {
            type: 'object',
            properties: { created: { type: 'integer' }, updated: { type: 'integer' }, errors: { type: 'array', items: importErrorSchema } },
          },
        },
        422: {
          description: 'Some rows have errors; nothing was imported',
          schema: {
            type: 'object',
            properties: {
              error: { type: 'object', properties: { message: { type: 'string' }, errors: { type: 'array', items: importErrorSchema } } },
            },
          },
        },
      },
      handler: async (req, res) => {
        try {
          res.json(await catalog.import(callerOf(res).workspaceId, req.body as ImportRequest));
        } catch (failure) {
          if (!(failure instanceof ImportRejectedError)) throw failure;
          res.status(422).json({ error: { message: failure.message, errors: failure.errors } });
        }
      },
    },
  ];
}
