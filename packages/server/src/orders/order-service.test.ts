import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecords } from '../records/records';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { createOrderService, type OrderService } from './order-service';

let dir: string;
let store: EmbeddedDocumentStore;
let orders: OrderService;
let now = 1_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orders-'));
  store = new EmbeddedDocumentStore(dir);
  orders = createOrderService(store, () => now);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const origin = (id: string) => ({ id, workspaceId: 'w1', conversationId: 'c1', contactId: 'k1', createdAt: 500 });
const draft = {
  lines: [
    { productId: 'SHIRT', name: 'Shirt', variant: 'M', variantId: 'm', quantity: 3, unitPrice: 19.99 },
    { productId: 'PIN', name: 'Pin', quantity: 2, unitPrice: 0.1 },
  ],
  currency: 'EUR',
  total: 60.17000000000001,
  delivery: { name: 'Ana', address: 'Rua A 1' },
};

describe('orders', () => {
  it('stores a draft numbered, with exact minor-unit totals, once per turn', async () => {
    const order = await orders.createOrderFromDraft(origin('ev1:3'), draft);
    expect(order).toMatchObject({
      number: 1,
      totalMinor: 6017,
      total: 60.17,
      status: 'new',
      history: [{ status: 'new', at: 500, by: 'flow' }],
    });
    expect(order.lines.map((l) => [l.unitPriceMinor, l.lineTotalMinor])).toEqual([
      [1999, 5997],
      [10, 20],
    ]);
    expect((await orders.createOrderFromDraft(origin('ev1:3'), draft)).number).toBe(1);
    expect((await orders.createOrderFromDraft(origin('ev2:0'), draft)).number).toBe(2);
    expect(await orders.list('w1', { limit: 10 })).toHaveLength(2);
    expect(await orders.list('w2', { limit: 10 })).toHaveLength(0);
  });

  it('moves forward or to cancelled, recording who, and refuses going back', async () => {
    const { id } = await orders.createOrderFromDraft(origin('ev1:0'), draft);
    now = 2_000;
    await orders.setStatus('w1', id, 'confirmed', 'admin');
    now = 3_000;
    const shipped = await orders.setStatus('w1', id, 'shipped', 'user-7', 'DHL 123');
    expect(shipped.history).toEqual([
      { status: 'new', at: 500, by: 'flow' },
      { status: 'confirmed', at: 2_000, by: 'admin' },
      { status: 'shipped', at: 3_000, by: 'user-7', note: 'DHL 123' },
    ]);
    await expect(orders.setStatus('w1', id, 'cancelled', 'admin')).rejects.toMatchObject({
      status: 409,
      message: 'order #1 is shipped; it cannot become cancelled',
    });
    await expect(orders.setStatus('w1', 'nope', 'confirmed', 'admin')).rejects.toMatchObject({ status: 404 });
  });

  it('is the one order the conversation records store: numbered, exactly totalled, and able to move to every status', async () => {
    const records = createRecords(store);
    const captured = await records.orders.create({ ...draft, ...origin('ev9:1'), status: 'new' });
    expect(captured).toMatchObject({ id: 'ev9:1', number: 1, totalMinor: 6017, history: [{ status: 'new', by: 'flow' }] });
    expect((await records.orders.create({ ...draft, ...origin('ev9:1') })).number).toBe(1);
    const [stored] = await orders.list('w1', { limit: 1 });
    expect(stored).toEqual(captured);
    for (const status of ['confirmed', 'preparing', 'shipped'] as const) await orders.setStatus('w1', 'ev9:1', status, 'admin');
    expect(await records.orders.list('w1', { contactId: 'k1' })).toMatchObject([{ id: 'ev9:1', status: 'shipped' }]);
    expect(await records.orders.deleteForContact('w1', 'k1')).toBe(1);
    expect(await orders.list('w1')).toEqual([]);
  });
});
