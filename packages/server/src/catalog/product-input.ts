import { randomUUID } from 'node:crypto';
import { decimalText, isCurrencyCode, parseMajorUnits } from './money';
import { type ProductRecord, searchTextOf, type VariantRecord } from './product';

const amount = {
  description: 'In major units: 12.5 or "12.50"; at most as many decimals as the currency has',
  oneOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^\\s*\\d+([.,]\\d*)?\\s*$' },
  ],
} as const;

const productId = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$',
  description: 'The SKU; also the WhatsApp catalog retailer id',
} as const;

/** JSON Schema of a product in a request body or an import row. */
export const productInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'price', 'currency'],
  properties: {
    id: productId,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    price: amount,
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR' },
    category: { type: 'string', minLength: 1, maxLength: 100 },
    stock: { type: 'integer', minimum: 0 },
    images: { type: 'array', maxItems: 10, items: { type: 'string', pattern: '^https?://\\S+$' } },
    active: { type: 'boolean' },
    variants: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: productId,
          name: { type: 'string', minLength: 1, maxLength: 100 },
          size: { type: 'string', minLength: 1, maxLength: 50 },
          color: { type: 'string', minLength: 1, maxLength: 50 },
          price: amount,
          stock: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

/** The same fields, all optional, for a partial update. */
export const productPatchSchema = { ...productInputSchema, required: [] } as const;

/** A product as a client writes it (after schema validation). */
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

/** What is wrong with one field of an input, by its path (`price`, `variants[1].price`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Turns a schema-valid input into a stored product: prices to exact minor units, variant ids and
 * names filled in. Errors the schema cannot see (decimals the currency does not have, duplicate
 * variant ids) come back by field.
 */
export function productFromInput(
  input: ProductInput,
  workspaceId: string,
  now: number,
  existing?: ProductRecord,
): { product: ProductRecord } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isCurrencyCode(input.currency)) errors.push({ field: 'currency', message: 'must be an ISO 4217 code such as EUR' });
  const price = parseMajorUnits(input.price, input.currency);
  if ('error' in price) errors.push({ field: 'price', message: price.error });
  const variants: VariantRecord[] = [];
  const seen = new Set<string>();
  (input.variants ?? []).forEach((variant, index) => {
    const name = variant.name ?? ([variant.size, variant.color].filter(Boolean).join(' / ') || undefined);
    if (!name) errors.push({ field: `variants[${index}].name`, message: 'is required when the variant has no size or color' });
    const id = variant.id ?? (name ? slug(name) : `v${index + 1}`);
    if (seen.has(id)) errors.push({ field: `variants[${index}].id`, message: `"${id}" is used by another variant of this product` });
    seen.add(id);
    let priceMinor: number | undefined;
    if (variant.price !== undefined) {
      const parsed = parseMajorUnits(variant.price, input.currency);
      if ('error' in parsed) errors.push({ field: `variants[${index}].price`, message: parsed.error });
      else priceMinor = parsed.minor;
    }
    variants.push({
      id,
      name: name ?? id,
      ...(variant.size ? { size: variant.size } : {}),
      ...(variant.color ? { color: variant.color } : {}),
      ...(priceMinor !== undefined ? { priceMinor } : {}),
      ...(variant.stock !== undefined ? { stock: variant.stock } : {}),
    });
  });
  if (errors.length || 'error' in price) return { errors };
  const fields = {
    id: existing?.id ?? input.id ?? randomUUID(),
    workspaceId,
    name: input.name.trim(),
    ...(input.description ? { description: input.description } : {}),
    priceMinor: price.minor,
    currency: input.currency,
    ...(input.category ? { category: input.category.trim() } : {}),
    ...(input.stock !== undefined ? { stock: input.stock } : {}),
    images: input.images ?? [],
    variants,
    active: input.active ?? true,
  };
  return {
    product: { ...fields, searchText: searchTextOf(fields), createdAt: existing?.createdAt ?? now, updatedAt: now },
  };
}

/** The input that recreates a stored product, so a partial update can be merged and re-checked. */
export function inputOf(product: ProductRecord): ProductInput {
  return {
    id: product.id,
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    price: decimalText(product.priceMinor, product.currency),
    currency: product.currency,
    ...(product.category ? { category: product.category } : {}),
    ...(product.stock !== undefined ? { stock: product.stock } : {}),
    images: product.images,
    active: product.active,
    variants: product.variants.map((v) => ({
      id: v.id,
      name: v.name,
      ...(v.size ? { size: v.size } : {}),
      ...(v.color ? { color: v.color } : {}),
      ...(v.priceMinor !== undefined ? { price: decimalText(v.priceMinor, product.currency) } : {}),
      ...(v.stock !== undefined ? { stock: v.stock } : {}),
    })),
  };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'variant'
  );
}
