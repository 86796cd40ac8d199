import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessWorld, eventually, flowOf, startBusinessWorld } from './business-fixtures';

interface Order {
  id: string;
  number: number;
  status: string;
  contactId: string;
  lines: {
    productId: string;
    name: string;
    quantity: number;
    unitPrice: string;
    unitPriceMinor: number;
    lineTotal: string;
    lineTotalMinor: number;
  }[];
  currency: string;
  total: string;
  totalMinor: number;
  delivery: Record<string, string>;
  history: { status: string; by: string; note?: string }[];
}

const shopFlow = flowOf(
  'shop',
  'shop',
  [
    {
      id: 'shop',
      type: 'order',
      data: {
        deliveryFields: [
          { id: 'name', label: 'Name', prompt: 'Your name?' },
          { id: 'address', label: 'Address', prompt: 'Delivery address?' },
        ],
      },
    },
    { id: 'thanks', type: 'message', data: { text: 'Order of {{order.total}} {{order.currency}} received.' } },
  ],
  ['shop:confirmed -> thanks'],
);

describe('order capture, end to end', () => {
  let world: BusinessWorld;
  beforeAll(async () => {
    world = await startBusinessWorld();
    await world.admin.post('/api/catalog/import', {
      products: [
        { id: 'SHIRT', name: 'Shirt', price: '19.99', currency: 'EUR', category: 'Clothes' },
        { id: 'PIN', name: 'Pin', price: '0.10', currency: 'EUR', category: 'Extras' },
      ],
    });
    await world.useFlow(shopFlow);
  });
  afterAll(async () => {
    await world.close();
  });

  it('turns a WhatsApp catalog cart into a stored order with exact totals, then moves it along', async () => {
    const customer = '5511987650001';
    const sent = (count: number) =>
      eventually(async () => (world.sentTo(customer).length >= count ? world.sentTo(customer) : undefined), 10_000, `${count} messages`);
    await world.say(customer, 'hi');
    await sent(1);
    // The customer sends a cart from the business's WhatsApp catalog; quantities and prices come as strings.
    await world.say(customer, {
      cart: [
        { product_retailer_id: 'SHIRT', quantity: '3', item_price: '19.99', currency: 'EUR' },
        { product_retailer_id: 'PIN', quantity: 2, item_price: 0.1, currency: 'EUR' },
      ],
    });
    expect((await sent(2)).at(-1)).toBe('Your cart:\n3 × Shirt: €59.97\n2 × Pin: €0.20\nTotal: €60.17 [Add more | Checkout | Cancel]');
    await world.say(customer, { tap: 'checkout', title: 'Checkout' });
    expect((await sent(3)).at(-1)).toBe('Your name?');
    await world.say(customer, 'Ana Souza');
    expect((await sent(4)).at(-1)).toBe('Delivery address?');
    await world.say(customer, 'Rua das Flores 12');
    expect((await sent(5)).at(-1)).toContain('Please confirm your order:');
    await world.say(customer, { tap: 'confirm', title: 'Confirm' });
    expect((await sent(7)).slice(-2)).toEqual(['Thank you! We received your order.', 'Order of 60.17 EUR received.']);

    const [order] = await eventually(async () => {
      const list = (await world.admin.get<Order[]>('/api/orders')).body;
      return list.length ? list : undefined;
    });
    expect(order).toMatchObject({
      number: 1,
      status: 'new',
      currency: 'EUR',
      total: '60.17',
      totalMinor: 6017,
      delivery: { name: 'Ana Souza', address: 'Rua das Flores 12' },
      lines: [
        {
          productId: 'SHIRT',
          name: 'Shirt',
          quantity: 3,
          unitPrice: '19.99',
          unitPriceMinor: 1999,
          lineTotal: '59.97',
          lineTotalMinor: 5997,
        },
        { productId: 'PIN', name: 'Pin', quantity: 2, unitPrice: '0.10', unitPriceMinor: 10, lineTotal: '0.20', lineTotalMinor: 20 },
      ],
    });
    const id = order!.id;
    expect((await world.admin.get<Order>(`/api/orders/${encodeURIComponent(id)}`)).body.number).toBe(1);
    expect((await world.admin.get<Order[]>(`/api/orders?contactId=${order!.contactId}`)).body).toHaveLength(1);

    for (const status of ['confirmed', 'preparing', 'shipped']) {
      const moved = await world.admin.put<Order>(`/api/orders/${encodeURIComponent(id)}/status`, {
        status,
        ...(status === 'shipped' ? { note: 'DHL 42' } : {}),
      });
      expect(moved.status).toBe(200);
      expect(moved.body.status).toBe(status);
    }
    const refused = await world.admin.put<{ error: { message: string } }>(`/api/orders/${encodeURIComponent(id)}/status`, {
      status: 'cancelled',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('order #1 is shipped; it cannot become cancelled');
    const delivered = await world.admin.put<Order>(`/api/orders/${encodeURIComponent(id)}/status`, { status: 'delivered' });
    expect(delivered.body.history.map((h) => [h.status, h.by, h.note])).toEqual([
      ['new', 'flow', undefined],
      ['confirmed', 'admin', undefined],
      ['preparing', 'admin', undefined],
      ['shipped', 'admin', 'DHL 42'],
      ['delivered', 'admin', undefined],
    ]);
    expect((await world.admin.get<Order[]>('/api/orders?status=delivered')).body).toHaveLength(1);
    expect((await world.admin.put('/api/orders/nope/status', { status: 'confirmed' })).status).toBe(404);
    expect((await world.admin.put('/api/orders/x/status', { status: 'lost' })).status).toBe(400);
  });
});
