import type { Product } from '@chatflow/engine';
import { currencyDecimals } from './money';

/** A variant of a product (a size, a colour): its own id, and optionally its own price and stock. */
export interface VariantRecord {
  id: string;
  /** As the customer reads it, e.g. `M / Red`; derived from size and colour when not given. */
  name: string;
  size?: string;
  color?: string;
  /** Integer minor units; the product's price when absent. */
  priceMinor?: number;
  /** Units available; untracked when absent. */
  stock?: number;
}

/**
 * A product as stored. `id` is chosen by the business (its SKU) because it is also the
 * `product_retailer_id` of its WhatsApp catalog, so carts sent from WhatsApp match it.
 */
export interface ProductRecord {
  id: string;
  workspaceId: string;
  name: string;
  description?: string;
  /** Integer minor units (1250 is 12.50), so sums are exact. */
  priceMinor: number;
  /** ISO 4217, e.g. `EUR`. */
  currency: string;
  category?: string;
  /** Units available; untracked (unlimited) when absent. */
  stock?: number;
  /** Image URLs, the first one shown first. */
  images: string[];
  variants: VariantRecord[];
  /** Inactive products stay in the catalog but are not offered to customers. */
  active: boolean;
  /** Lower-case, accent-free name, description, category and variant names, for search. */
  searchText: string;
  createdAt: number;
  updatedAt: number;
}

/** A product as the REST API shows it: prices in major units (12.5), as they are written. */
export interface ProductView {
  id: string;
  name: string;
  description?: string;
  price: number;
  currency: string;
  category?: string;
  stock?: number;
  images: string[];
  variants: { id: string; name: string; size?: string; color?: string; price?: number; stock?: number }[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Minor units as the major-unit number the engine and the API use: 1250 EUR is 12.5. */
export function toMajor(minor: number, currency: string): number {
  // Division by a power of ten gives the nearest double of the decimal, which prints exactly.
  return minor / 10 ** currencyDecimals(currency);
}

export function productView(product: ProductRecord): ProductView {
  return {
    id: product.id,
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    price: toMajor(product.priceMinor, product.currency),
    currency: product.currency,
    ...(product.category ? { category: product.category } : {}),
    ...(product.stock !== undefined ? { stock: product.stock } : {}),
    images: product.images,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      name: variant.name,
      ...(variant.size ? { size: variant.size } : {}),
      ...(variant.color ? { color: variant.color } : {}),
      ...(variant.priceMinor !== undefined ? { price: toMajor(variant.priceMinor, product.currency) } : {}),
      ...(variant.stock !== undefined ? { stock: variant.stock } : {}),
    })),
    active: product.active,
    createdAt: new Date(product.createdAt).toISOString(),
    updatedAt: new Date(product.updatedAt).toISOString(),
  };
}

/** The product as the engine's catalog port returns it. */
export function engineProduct(product: ProductRecord): Product {
  return {
    id: product.id,
    name: product.name,
    ...(product.description ? { description: product.description } : {}),
    price: toMajor(product.priceMinor, product.currency),
    currency: product.currency,
    ...(product.category ? { category: product.category } : {}),
    ...(product.images[0] ? { imageUrl: product.images[0] } : {}),
    ...(product.stock !== undefined ? { stock: product.stock } : {}),
    ...(product.variants.length
      ? {
          variants: product.variants.map((variant) => ({
            id: variant.id,
            name: variant.name,
            ...(variant.priceMinor !== undefined ? { price: toMajor(variant.priceMinor, product.currency) } : {}),
            ...(variant.stock !== undefined ? { stock: variant.stock } : {}),
          })),
        }
      : {}),
  };
}

/** Text folded for matching: lower case, accents removed, runs of space collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `searchText` of a product. */
export function searchTextOf(product: Pick<ProductRecord, 'name' | 'description' | 'category' | 'variants' | 'id'>): string {
  return foldText(
    [product.id, product.name, product.description, product.category, ...product.variants.map((v) => v.name)].filter(Boolean).join(' '),
  );
}
