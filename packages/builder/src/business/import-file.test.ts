import { describe, expect, it } from 'vitest';
import { importSourceOf } from './import-file';

describe('catalog import file', () => {
  it('sends a CSV file as its text, without a byte-order mark', () => {
    expect(importSourceOf('products.csv', '\uFEFFid,name,price,currency\nA,Cake,3,EUR\n')).toEqual({
      csv: 'id,name,price,currency\nA,Cake,3,EUR\n',
    });
  });

  it('reads a JSON array, or an object holding a products array', () => {
    expect(importSourceOf('a.json', '[{"name":"Cake"}]')).toEqual({ products: [{ name: 'Cake' }] });
    expect(importSourceOf('b.json', '{"products":[{"name":"Pie"}]}')).toEqual({ products: [{ name: 'Pie' }] });
  });

  it('explains a file it cannot read', () => {
    expect(importSourceOf('c.json', '{"name":')).toMatchObject({ error: expect.stringContaining('c.json is not valid JSON') });
    expect(importSourceOf('d.json', '{"name":"x"}')).toEqual({
      error: 'd.json must hold an array of products, or an object with a "products" array',
    });
    expect(importSourceOf('e.csv', '  \n')).toEqual({ error: 'e.csv is empty' });
  });
});
