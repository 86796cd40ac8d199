import type { Product, ProductInput } from '../api/catalog-api';

/** A variant row of the product form: every field as typed. */
export interface VariantDraft {
  id: string;
  name: string;
  size: string;
  color: string;
  price: string;
  stock: string;
}

/** The product form's fields as the person types them; turned into a `ProductInput` on save. */
export interface ProductDraft {
  id: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  category: string;
  stock: string;
  images: string;
  active: boolean;
  variants: VariantDraft[];
}

export const emptyVariant = (): VariantDraft => ({ id: '', name: '', size: '', color: '', price: '', stock: '' });

/** The form of a new product, or of an existing one to edit. */
export function draftOf(product?: Product, defaultCurrency = 'EUR'): ProductDraft {
  if (!product) {
    return {
      id: '',
      name: '',
      description: '',
      price: '',
      currency: defaultCurrency,
      category: '',
      stock: '',
      images: '',
      active: true,
      variants: [],
    };
  }
  return {
    id: product.id,
    name: product.name,
    description: product.description ?? '',
    price: String(product.price),
    currency: product.currency,
    category: product.category ?? '',
    stock: product.stock === undefined ? '' : String(product.stock),
    images: product.images.join('\n'),
    active: product.active,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      name: variant.name,
      size: variant.size ?? '',
      color: variant.color ?? '',
      price: variant.price === undefined ? '' : String(variant.price),
      stock: variant.stock === undefined ? '' : String(variant.stock),
    })),
  };
}

/** What is wrong with a field of the form, by the server's field path (`price`, `variants[1].stock`). */
export type DraftErrors = Record<string, string>;

const amountPattern = /^\d+([.,]\d+)?$/;
const wholePattern = /^\d+$/;

/**
 * Checks the form before it is sent and builds the request body. The server checks again (and
 * knows things the form does not, like a currency's decimals); this catches the typing slips
 * early and names the field.
 */
export function inputOf(draft: ProductDraft): { input: ProductInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const text = (value: string) => value.trim();
  if (!text(draft.name)) errors.name = 'Give the product a name';
  if (!amountPattern.test(text(draft.price))) errors.price = 'A price such as 12.50';
  if (!/^[A-Za-z]{3}$/.test(text(draft.currency))) errors.currency = 'A three-letter code such as EUR';
  if (text(draft.stock) && !wholePattern.test(text(draft.stock))) errors.stock = 'A whole number, or empty for unlimited';
  if (text(draft.id) && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(text(draft.id))) {
    errors.id = 'Letters, digits, dot, dash and underscore, starting with a letter or digit';
  }
  const images = draft.images
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);
  const badImage = images.find((url) => !/^https?:\/\/\S+$/.test(url));
  if (badImage) errors.images = `"${badImage}" is not an http(s) address`;
  draft.variants.forEach((variant, index) => {
    const at = `variants[${index}]`;
    if (!text(variant.name) && !text(variant.size) && !text(variant.color))
      errors[`${at}.name`] = 'Name the variant, or give a size or colour';
    if (text(variant.price) && !amountPattern.test(text(variant.price))) errors[`${at}.price`] = 'A price such as 12.50';
    if (text(variant.stock) && !wholePattern.test(text(variant.stock))) errors[`${at}.stock`] = 'A whole number';
  });
  if (Object.keys(errors).length) return { errors };
  const optional = <K extends string>(key: K, value: string) => (text(value) ? ({ [key]: text(value) } as Record<K, string>) : {});
  return {
    input: {
      ...optional('id', draft.id),
      name: text(draft.name),
      ...optional('description', draft.description),
      price: text(draft.price).replace(',', '.'),
      currency: text(draft.currency).toUpperCase(),
      ...optional('category', draft.category),
      ...(text(draft.stock) ? { stock: Number(text(draft.stock)) } : {}),
      images,
      active: draft.active,
      variants: draft.variants.map((variant) => ({
        ...optional('id', variant.id),
        ...optional('name', variant.name),
        ...optional('size', variant.size),
        ...optional('color', variant.color),
        ...(text(variant.price) ? { price: text(variant.price).replace(',', '.') } : {}),
        ...(text(variant.stock) ? { stock: Number(text(variant.stock)) } : {}),
      })),
    },
  };
}
