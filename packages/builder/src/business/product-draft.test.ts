import { describe, expect, it } from 'vitest';
import type { Product } from '../api/catalog-api';
import { draftOf, emptyVariant, inputOf } from './product-draft';

const shirt: Product = {
  id: 'TS-1',
  name: 'T-shirt',
  price: 12.5,
  currency: 'EUR',
  category: 'Shirts',
  images: ['https://img.example/ts.png'],
  variants: [{ id: 'm-red', name: 'M / Red', size: 'M', color: 'Red', price: 14, stock: 3 }],
  active: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('product form', () => {
  it('edits an existing product and saves the same product back', () => {
    const checked = inputOf(draftOf(shirt));
    expect(checked).toEqual({
      input: {
        id: 'TS-1',
        name: 'T-shirt',
        price: '12.5',
        currency: 'EUR',
        category: 'Shirts',
        images: ['https://img.example/ts.png'],
        active: true,
        variants: [{ id: 'm-red', name: 'M / Red', size: 'M', color: 'Red', price: '14', stock: 3 }],
      },
    });
  });

  it('accepts a decimal comma and a lower-case currency as people type them', () => {
    const draft = { ...draftOf(undefined, 'brl'), name: ' Bolo ', price: '12,90', stock: '7' };
    expect(inputOf(draft)).toMatchObject({ input: { name: 'Bolo', price: '12.90', currency: 'BRL', stock: 7 } });
  });

  it('names each wrong field, variants by their position', () => {
    const draft = {
      ...draftOf(),
      price: 'twelve',
      stock: '-1',
      images: 'ftp://nope',
      variants: [emptyVariant(), { ...emptyVariant(), name: 'L', price: '1.2.3' }],
    };
    const checked = inputOf(draft);
    expect('errors' in checked && Object.keys(checked.errors).sort()).toEqual(
      ['images', 'name', 'price', 'stock', 'variants[0].name', 'variants[1].price'].sort(),
    );
  });
});
