import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessWorld, startBusinessWorld } from './business-fixtures';

interface Product {
  id: string;
  name: string;
  price: number;
  currency: string;
  stock?: number;
  variants: { id: string; name: string; price?: number; stock?: number }[];
}
interface ImportAnswer {
  created: number;
  updated: number;
  errors: { row: number; column: string; message: string }[];
}

describe('catalog API', () => {
  let world: BusinessWorld;
  beforeAll(async () => {
    world = await startBusinessWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('refuses a CSV with errors, naming row and column, and imports nothing', async () => {
    const csv = [
      'id,name,price,currency,stock',
      'OK-1,Fine product,10.00,EUR,5',
      'BAD-1,Too precise,10.001,EUR,1',
      'BAD-2,,3.00,EUR,lots',
    ].join('\n');
    const answer = await world.admin.post<{ error: { message: string; errors: ImportAnswer['errors'] } }>('/api/catalog/import', { csv });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe('2 row(s) have errors; nothing was imported');
    expect(answer.body.error.errors).toEqual([
      { row: 3, column: 'price', message: '"10.001" has more than 2 decimals for EUR' },
      { row: 4, column: 'stock', message: '"lots" is not a whole number of units' },
      { row: 4, column: 'name', message: 'is required' },
    ]);
    expect((await world.admin.get<{ total: number }>('/api/catalog/products')).body.total).toBe(0);

    const partial = await world.admin.post<ImportAnswer>('/api/catalog/import', { csv, partial: true });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ created: 1, updated: 0 });
    expect(partial.body.errors).toHaveLength(3);
  });

  it('imports a CSV with variants and a JSON list, updating by id, and serves search and categories', async () => {
    const csv = [
      'sku,name,description,price,currency,category,variant_id,size,variant_price,variant_stock',
      'TEE,"Tee, organic",Soft,19.90,EUR,Clothes,tee-s,S,,3',
      'TEE,,,,,,tee-xl,XL,21.90,0',
    ].join('\n');
    expect((await world.admin.post<ImportAnswer>('/api/catalog/import', { csv })).body).toEqual({ created: 1, updated: 0, errors: [] });
    const json = await world.admin.post<ImportAnswer>('/api/catalog/import', {
      products: [
        {
          id: 'TEE',
          name: 'Tee, organic',
          price: 18.5,
          currency: 'EUR',
          category: 'Clothes',
          variants: [{ id: 'tee-s', size: 'S', stock: 9 }],
        },
        { id: 'CAFE', name: 'Café crème', price: 2.4, currency: 'EUR', category: 'Drinks', stock: 100 },
        { id: 'X', name: 'Broken', price: 'ten', currency: 'EUR' },
      ],
      partial: true,
    });
    expect(json.body).toEqual({ created: 1, updated: 1, errors: [{ row: 3, column: 'price', message: 'must be an amount like 12.50' }] });

    const tee = await world.admin.get<Product>('/api/catalog/products/TEE');
    expect(tee.body).toMatchObject({ price: 18.5, variants: [{ id: 'tee-s', name: 'S', stock: 9 }] });
    const search = await world.admin.get<{ products: Product[] }>('/api/catalog/products?search=creme');
    expect(search.body.products.map((p) => p.id)).toEqual(['CAFE']);
    expect((await world.admin.get('/api/catalog/categories')).body).toEqual(['Clothes', 'Drinks']);
  });

  it('creates, replaces and deletes a product, with errors naming the field', async () => {
    const created = await world.admin.post<Product>('/api/catalog/products', {
      id: 'MUG',
      name: 'Mug',
      price: '7.5',
      currency: 'EUR',
      stock: 4,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'MUG', price: 7.5, stock: 4, variants: [] });
    const taken = await world.admin.post('/api/catalog/products', { id: 'MUG', name: 'Mug 2', price: 1, currency: 'EUR' });
    expect(taken.status).toBe(409);
    const bad = await world.admin.post<{ error: { path: string } }>('/api/catalog/products', { name: 'Yen', price: 10.5, currency: 'JPY' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('price');
    const replaced = await world.admin.put<Product>('/api/catalog/products/MUG', { name: 'Big mug', price: 9, currency: 'EUR' });
    expect(replaced.body).toMatchObject({ id: 'MUG', name: 'Big mug', price: 9 });
    expect((await world.admin.delete('/api/catalog/products/MUG')).status).toBe(204);
    expect((await world.admin.get('/api/catalog/products/MUG')).status).toBe(404);
  });
});
