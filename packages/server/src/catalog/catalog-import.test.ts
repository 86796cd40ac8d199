import { describe, expect, it } from 'vitest';
import { planCsvImport, planJsonImport } from './catalog-import';

const now = Date.UTC(2026, 10, 22);

describe('CSV import', () => {
  it('reads products, groups variant rows by id and keeps prices exact', () => {
    const csv = [
      'id,name,description,price,currency,category,stock,images,variant_id,size,color,variant_price,variant_stock',
      'TSHIRT,"T-shirt, organic",Soft cotton,19.90,EUR,Clothes,,https://cdn.example/t.jpg,tshirt-m,M,Red,,4',
      'TSHIRT,,,,,,,,tshirt-l,L,Red,21.90,0',
      'MUG,Mug,,8,EUR,Home,12,,,,,,',
    ].join('\n');
    const plan = planCsvImport(csv, 'w1', now);
    expect(plan.errors).toEqual([]);
    expect(plan.products).toHaveLength(2);
    const [shirt, mug] = plan.products;
    expect(shirt).toMatchObject({
      id: 'TSHIRT',
      name: 'T-shirt, organic',
      priceMinor: 1990,
      currency: 'EUR',
      images: ['https://cdn.example/t.jpg'],
    });
    expect(shirt?.variants).toEqual([
      { id: 'tshirt-m', name: 'M / Red', size: 'M', color: 'Red', stock: 4 },
      { id: 'tshirt-l', name: 'L / Red', size: 'L', color: 'Red', priceMinor: 2190, stock: 0 },
    ]);
    expect(mug).toMatchObject({ id: 'MUG', priceMinor: 800, stock: 12, category: 'Home' });
  });

  it('names the row and column of every error', () => {
    const csv = [
      'id,name,price,currency,stock,variant_price',
      'A,Apple,1.999,EUR,3,',
      'B,,2.00,EUR,many,',
      'C,Cherry,abc,EURO,,',
      'D,Date,1.00,EUR,,0.5.5',
    ].join('\r\n');
    const plan = planCsvImport(csv, 'w1', now);
    expect(plan.products).toEqual([]);
    expect(plan.errors).toEqual([
      { row: 2, column: 'price', message: '"1.999" has more than 2 decimals for EUR' },
      { row: 3, column: 'stock', message: '"many" is not a whole number of units' },
      { row: 3, column: 'name', message: 'is required' },
      { row: 4, column: 'price', message: 'must be an amount like 12.50' },
      { row: 4, column: 'currency', message: 'must be an ISO 4217 code such as EUR' },
      { row: 5, column: 'variant_price', message: 'must be an amount like 12.50' },
    ]);
  });

  it('rejects unknown and missing columns on the header row', () => {
    const plan = planCsvImport('name,prize,currency\nApple,1,EUR', 'w1', now);
    expect(plan.errors).toContainEqual(expect.objectContaining({ row: 1, column: 'prize' }));
    expect(plan.errors).toContainEqual({ row: 1, column: 'price', message: 'column is missing' });
  });

  it('reads semicolon-separated files and a yen price without decimals', () => {
    const plan = planCsvImport('\uFEFFid;name;price;currency\nRAMEN;Ramen;980;JPY', 'w1', now);
    expect(plan.errors).toEqual([]);
    expect(plan.products[0]).toMatchObject({ id: 'RAMEN', priceMinor: 980, currency: 'JPY' });
  });

  it('reports an unclosed quote with its row', () => {
    const plan = planCsvImport('name,price,currency\n"Apple,1,EUR\n', 'w1', now);
    expect(plan.errors).toEqual([{ row: 2, column: '', message: 'a quoted field is not closed (a " is missing)' }]);
  });
});

describe('JSON import', () => {
  it('names the item and field path of every error', () => {
    const plan = planJsonImport(
      [
        { id: 'A', name: 'Apple', price: 1.5, currency: 'EUR' },
        { id: 'B', name: 'Banana', price: '2,40', currency: 'EUR', variants: [{ size: 'L', price: -1 }] },
        { id: 'A', name: 'Again', price: 1, currency: 'EUR' },
        { name: 'Colour', price: 1, currency: 'EUR', colour: 'red' },
      ],
      'w1',
      now,
    );
    expect(plan.products.map((p) => p.id)).toEqual(['A']);
    expect(plan.products[0]?.priceMinor).toBe(150);
    expect(plan.errors).toEqual([
      { row: 2, column: 'variants[0].price', message: 'must be an amount like 12.50' },
      { row: 3, column: 'id', message: '"A" is also the id of row 1' },
      { row: 4, column: 'colour', message: 'is not a known field' },
    ]);
  });
});
