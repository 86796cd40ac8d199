import { HttpError } from '../api/http-error';
import { DuplicateKeyError } from '../ports/document-store';
import { type ImportError, type ImportPlan, planCsvImport, planJsonImport } from './catalog-import';
import type { CatalogRepository, ProductQuery } from './catalog-repository';
import type { ProductRecord } from './product';
import { type FieldError, type ProductInput, productFromInput } from './product-input';

export interface ImportRequest {
  csv?: string;
  products?: unknown[];
  /** Import the valid rows even when others have errors; by default one error imports nothing. */
  partial?: boolean;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportError[];
}

/** Thrown when an import has errors and `partial` was not asked for: nothing was saved. */
export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
  constructor(readonly errors: ImportError[]) {
    super(`${new Set(errors.map((e) => e.row)).size} row(s) have errors; nothing was imported`);
  }
}

export interface CatalogService {
  list(workspaceId: string, query: ProductQuery): Promise<{ products: ProductRecord[]; total: number }>;
  get(workspaceId: string, id: string): Promise<ProductRecord>;
  create(workspaceId: string, input: ProductInput): Promise<ProductRecord>;
  replace(workspaceId: string, id: string, input: ProductInput): Promise<ProductRecord>;
  remove(workspaceId: string, id: string): Promise<void>;
  categories(workspaceId: string): Promise<string[]>;
  import(workspaceId: string, request: ImportRequest): Promise<ImportResult>;
}

/** Catalog operations behind the REST routes; errors are `HttpError`s naming the field. */
export function createCatalogService(repository: CatalogRepository, now: () => number = Date.now): CatalogService {
  const fieldError = (errors: FieldError[]) => {
    const [first] = errors;
    return new HttpError(400, `request body: ${first?.field ?? '(body)'} ${first?.message ?? 'is invalid'}`, {
      path: first?.field ?? '(body)',
    });
  };
  const service: CatalogService = {
    async list(workspaceId, query) {
      const [products, total] = await Promise.all([repository.list(workspaceId, query), repository.count(workspaceId, query)]);
      return { products, total };
    },
    async get(workspaceId, id) {
      const product = await repository.get(workspaceId, id);
      if (!product) throw new HttpError(404, `product "${id}" not found`, { path: 'id' });
      return product;
    },
    async create(workspaceId, input) {
      const result = productFromInput(input, workspaceId, now());
      if ('errors' in result) throw fieldError(result.errors);
      try {
        return await repository.insert(result.product);
      } catch (error) {
        if (error instanceof DuplicateKeyError)
          throw new HttpError(409, `a product with id "${result.product.id}" exists already`, { path: 'id' });
        throw error;
      }
    },
    async replace(workspaceId, id, input) {
      if (input.id !== undefined && input.id !== id)
        throw new HttpError(400, `request body: id "${input.id}" must equal the product id "${id}"`, { path: 'id' });
      const existing = await service.get(workspaceId, id);
      const result = productFromInput({ ...input, id }, workspaceId, now(), existing);
      if ('errors' in result) throw fieldError(result.errors);
      return repository.save(result.product);
    },
    async remove(workspaceId, id) {
      if (!(await repository.delete(workspaceId, id))) throw new HttpError(404, `product "${id}" not found`, { path: 'id' });
    },
    categories: (workspaceId) => repository.categories(workspaceId),
    async import(workspaceId, request) {
      const plan: ImportPlan =
        request.csv !== undefined
          ? planCsvImport(request.csv, workspaceId, now())
          : planJsonImport(request.products ?? [], workspaceId, now());
      if (plan.errors.length && !request.partial) throw new ImportRejectedError(plan.errors);
      let created = 0;
      let updated = 0;
      for (const product of plan.products) {
        const existing = await repository.get(workspaceId, product.id);
        await repository.save(existing ? { ...product, createdAt: existing.createdAt } : product);
        if (existing) updated += 1;
        else created += 1;
      }
      return { created, updated, errors: plan.errors };
    },
  };
  return service;
}
