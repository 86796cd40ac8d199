import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { createCatalogPort } from './catalog-port';
import { createCatalogRepository } from './catalog-repository';
import { createCatalogService } from './catalog-service';

let dir: string;
let store: EmbeddedDocumentStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalog-'));
  store = new EmbeddedDocumentStore(dir);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('catalog port', () => {
  it('searches the workspace of the turn, ignoring accents, and pages in a stable order', async () => {
    const repository = createCatalogRepository(store);
    const service = createCatalogService(repository);
    await service.import('w1', {
      products: [
        { id: 'P1', name: 'Pizza Margherita', price: 9.5, currency: 'EUR', category: 'Pizza' },
        { id: 'P2', name: 'Pizza Funghi', description: 'Champiñones frescos', price: '10.00', currency: 'EUR', category: 'Pizza' },
        { id: 'D1', name: 'Limonada', price: 2.2, currency: 'EUR', category: 'Drinks', active: false },
      ],
    });
    await service.create('w2', { id: 'P9', name: 'Pizza of another shop', price: 1, currency: 'EUR' });
    let workspace: string | undefined = 'w1';
    const port = createCatalogPort(repository, () => workspace);

    expect((await port.products({ search: 'champinones', limit: 5 })).map((p) => p.id)).toEqual(['P2']);
    expect((await port.products({ search: 'pizzas', limit: 5 })).map((p) => p.id)).toEqual(['P2', 'P1']);
    expect((await port.products({ category: 'Pizza', limit: 1, offset: 1 })).map((p) => p.id)).toEqual(['P1']);
    expect(await port.categories()).toEqual(['Pizza']);
    expect(await port.product('D1')).toBeUndefined();
    expect(await port.product('P1')).toEqual({ id: 'P1', name: 'Pizza Margherita', price: 9.5, currency: 'EUR', category: 'Pizza' });

    // A customer's long message is capped to a few words before it becomes a regex.
    const flood = Array.from({ length: 5000 }, (_, i) => `w${i}${'x'.repeat(i % 300)}`).join(' ');
    const started = Date.now();
    expect(await port.products({ search: flood, limit: 5 })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);

    workspace = undefined;
    expect(await port.products({ search: 'pizza', limit: 5 })).toEqual([]);
  });
});
