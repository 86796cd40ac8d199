import { describe, expect, it } from 'vitest';
import type { CatalogPort, Product } from '../../runtime/ports';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const menu: Product[] = [
  {
    id: 'marg',
    name: 'Margherita',
    price: 9.9,
    currency: 'BRL',
    category: 'Pizzas',
    variants: [
      { id: 'marg-s', name: 'Small', price: 9.9 },
      { id: 'marg-l', name: 'Large', price: 14.35 },
    ],
  },
  { id: 'pep', name: 'Pepperoni', description: 'Spicy', price: 11.5, currency: 'BRL', category: 'Pizzas', stock: 5 },
  { id: 'soda', name: 'Soda', price: 0.1, currency: 'BRL', category: 'Drinks' },
];

/** A catalog over a list of products, in a few lines. */
function fakeCatalog(products: Product[] = menu): CatalogPort {
  return {
    categories: async () => [...new Set(products.flatMap((p) => (p.category ? [p.category] : [])))],
    products: async ({ category, search, offset = 0, limit }) =>
      products
        .filter((p) => (!category || p.category === category) && (!search || p.name.toLowerCase().includes(search.toLowerCase())))
        .slice(offset, offset + limit),
    product: async (id) => products.find((p) => p.id === id),
  };
}

const flow = (data: Record<string, unknown> = {}, variables: unknown[] = []) => ({
  schemaVersion: 1,
  id: 'order-test',
  name: 'Order test',
  start: 'shop',
  variables,
  nodes: [
    { id: 'shop', type: 'order', position: { x: 0, y: 0 }, data },
    { id: 'thanks', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Order {{order.total}} {{order.currency}} placed.' } },
    { id: 'bye', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Maybe next time.' } },
    { id: 'sorry', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Please call us instead.' } },
  ],
  edges: [
    { id: 'e1', source: 'shop', sourceHandle: 'confirmed', target: 'thanks' },
    { id: 'e2', source: 'shop', sourceHandle: 'cancelled', target: 'bye' },
    { id: 'e3', source: 'shop', sourceHandle: 'error', target: 'sorry' },
  ],
});

const tap = (id: string, title = id) => ({ kind: 'choice' as const, id, title });

describe('order', () => {
  it('takes a whole order: category, variant, quantity, cart, more items, delivery details, confirmation', async () => {
    const { steps, last } = await runScript(
      flow(),
      [
        tap('category:Pizzas'),
        tap('product:marg'),
        'large',
        '3',
        tap('add'),
        'Drinks',
        '1',
        tap('qty:2'),
        tap('checkout'),
        'Ana Souza',
        { kind: 'location', latitude: -23.56, longitude: -46.65, name: 'Home', address: 'Rua Augusta 100' },
        tap('skip'),
        tap('confirm'),
      ],
      { ports: { catalog: fakeCatalog() } },
    );
    expect(botLines(steps)).toEqual([
      'What would you like to order? Choose a category, or type what you are looking for. [Pizzas | Drinks]',
      'Choose a product, or type to search. [Margherita | Pepperoni]',
      'Margherita\nWhich one would you like? [Small | Large]',
      'Margherita (Large): R$14.35\nHow many would you like? [1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10]',
      'Your cart:\n3 × Margherita (Large): R$43.05\nTotal: R$43.05 [Add more | Checkout | Cancel]',
      'What would you like to order? Choose a category, or type what you are looking for. [Pizzas | Drinks | View cart]',
      'Choose a product, or type to search. [Soda | View cart]',
      'Soda: R$0.10\nHow many would you like? [1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10]',
      'Your cart:\n3 × Margherita (Large): R$43.05\n2 × Soda: R$0.20\nTotal: R$43.25 [Add more | Checkout | Cancel]',
      'What name should we put on the order?',
      'What is the delivery address? You can also send your location.',
      'Any notes for the order? [Skip]',
      'Please confirm your order:\n3 × Margherita (Large): R$43.05\n2 × Soda: R$0.20\nTotal: R$43.25\n\nName: Ana Souza\nAddress: Home, Rua Augusta 100 [Confirm | Cancel]',
      'Thank you! We received your order.',
      'Order 43.25 BRL placed.',
    ]);
    const lines = [
      { productId: 'marg', name: 'Margherita', variant: 'Large', variantId: 'marg-l', quantity: 3, unitPrice: 14.35 },
      { productId: 'soda', name: 'Soda', quantity: 2, unitPrice: 0.1 },
    ];
    expect(last.effects).toContainEqual({
      type: 'order.create',
      nodeId: 'shop',
      order: { lines, currency: 'BRL', total: 43.25, delivery: { name: 'Ana Souza', address: 'Home, Rua Augusta 100' } },
    });
    expect(last.vars.order).toEqual({ total: 43.25, currency: 'BRL', lines });
    expect(last.vars.cart).toBeNull();
    expect(last.status).toBe('done');
  });

  it('lists products as rows with prices, ten rows at most, paging with "More"', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `p${i + 1}`, name: `Product ${i + 1}`, price: i + 1, currency: 'USD' }));
    const { steps } = await runScript(flow(), [tap('more')], { ports: { catalog: fakeCatalog(many) } });
    const first = steps[0]?.effects.find((e) => e.type === 'message.send');
    expect(first).toMatchObject({ message: { kind: 'menu', style: 'list', button: 'View' } });
    const rows = first?.type === 'message.send' && first.message.kind === 'menu' ? first.message.options : [];
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ id: 'product:p1', label: 'Product 1', description: '$1.00' });
    expect(rows.at(-1)).toEqual({ id: 'more', label: 'More…' });
    expect(botLines(steps).at(-1)).toBe('Choose a product, or type to search. [Product 10 | Product 11 | Product 12]');
  });

  it('pages categories nine at a time; a number picks a row of the page shown', async () => {
    const shelves = Array.from({ length: 12 }, (_, i) => ({
      id: `p${i}`,
      name: `Item ${i}`,
      price: 1,
      currency: 'USD',
      category: `Shelf ${i + 1}`,
    }));
    const { steps } = await runScript(flow(), [tap('more'), '1'], { ports: { catalog: fakeCatalog(shelves) } });
    const lists = botLines(steps);
    expect(lists[0]).toMatch(/\[Shelf 1 \| .* \| Shelf 9 \| More…\]$/);
    expect(lists[1]).toMatch(/\[Shelf 10 \| Shelf 11 \| Shelf 12\]$/);
    expect(lists[2]).toBe('Choose a product, or type to search. [Item 9]');
  });

  it('searches what the customer types and says so when nothing matches', async () => {
    const { steps } = await runScript(flow(), ['pepper', 'sushi'], { ports: { catalog: fakeCatalog() } });
    expect(botLines(steps).slice(1)).toEqual([
      'Choose a product, or type to search. [Pepperoni]',
      'Sorry, we found nothing for that. Try another word or choose from the list.',
      'What would you like to order? Choose a category, or type what you are looking for. [Pizzas | Drinks]',
    ]);
  });

  it('asks again for a quantity it cannot take, including more than the stock', async () => {
    const { steps, last } = await runScript(flow(), ['pepperoni', '1', 'lots', '6', '5'], { ports: { catalog: fakeCatalog() } });
    expect(botLines(steps).slice(3, 5)).toEqual([
      'Please send a whole number, like 2.',
      'Pepperoni: R$11.50\nHow many would you like? [1 | 2 | 3 | 4 | 5]',
    ]);
    expect(last.vars.cart).toEqual({
      currency: 'BRL',
      total: 57.5,
      lines: [{ productId: 'pep', name: 'Pepperoni', quantity: 5, unitPrice: 11.5 }],
    });
  });

  it('cancels from the cart menu, or by typing a cancel word at any step, and empties the cart', async () => {
    const fromCart = await runScript(flow(), ['soda', '1', '1', tap('cancel')], { ports: { catalog: fakeCatalog() } });
    expect(botLines(fromCart.steps).slice(-2)).toEqual(['Your order was cancelled.', 'Maybe next time.']);
    expect(fromCart.last.vars.cart).toBeNull();
    const typed = await runScript(flow({ cancelKeywords: ['cancelar', 'stop'] }), [tap('category:Pizzas'), ' Cancelar '], {
      ports: { catalog: fakeCatalog() },
    });
    expect(botLines(typed.steps).at(-1)).toBe('Maybe next time.');
  });

  it('says the admin error text and leaves by "error" when the catalog fails or is missing', async () => {
    const down: CatalogPort = { ...fakeCatalog(), categories: async () => Promise.reject(new Error('connection refused')) };
    const failed = await runScript(flow({ errorText: 'The shop is offline.' }), [], { ports: { catalog: down } });
    expect(botLines(failed.steps)).toEqual(['The shop is offline.', 'Please call us instead.']);
    const missing = await runScript(flow(), []);
    expect(botLines(missing.steps).at(-1)).toBe('Please call us instead.');
    const later: CatalogPort = { ...fakeCatalog(), product: async () => Promise.reject(new Error('timeout')) };
    const midway = await runScript(flow(), [tap('category:Pizzas'), tap('product:pep')], { ports: { catalog: later } });
    expect(midway.last.status).toBe('done');
    expect(botLines(midway.steps).at(-1)).toBe('Please call us instead.');
  });

  it('puts a cart sent from the WhatsApp catalog straight into the cart, priced by the catalog', async () => {
    const { steps, last } = await runScript(
      flow(),
      [
        {
          kind: 'order',
          items: [
            { productId: 'pep', quantity: 2, price: 1, currency: 'BRL' },
            { productId: 'gone', quantity: 1 },
          ],
        },
      ],
      { ports: { catalog: fakeCatalog() } },
    );
    expect(botLines(steps).slice(1)).toEqual([
      'Sorry, that product is not available right now. (gone)',
      'Your cart:\n2 × Pepperoni: R$23.00\nTotal: R$23.00 [Add more | Checkout | Cancel]',
    ]);
    expect(last.vars.cart).toMatchObject({ total: 23, lines: [{ productId: 'pep', quantity: 2, unitPrice: 11.5 }] });
  });

  it('starts at the cart another node filled, and skips delivery questions whose variable is known', async () => {
    const cart = { currency: 'EUR', total: 0, lines: [{ productId: 'x', name: 'Gift card', quantity: 1, unitPrice: 25 }] };
    const fields = [
      { id: 'name', label: 'Name', prompt: 'Your name?', variable: 'customer_name' },
      { id: 'email', label: 'Email', prompt: 'Your email?', variable: 'email' },
    ];
    const { steps, last } = await runScript(
      flow({ deliveryFields: fields }, [
        { name: 'cart', default: cart },
        { name: 'customer_name', default: 'Ana' },
      ]),
      [tap('checkout'), 'ana@example.com', tap('confirm')],
      { ports: { catalog: fakeCatalog() } },
    );
    expect(botLines(steps).slice(0, 3)).toEqual([
      'Your cart:\n1 × Gift card: €25.00\nTotal: €25.00 [Add more | Checkout | Cancel]',
      'Your email?',
      'Please confirm your order:\n1 × Gift card: €25.00\nTotal: €25.00\n\nName: Ana\nEmail: ana@example.com [Confirm | Cancel]',
    ]);
    expect(last.vars.email).toBe('ana@example.com');
    expect(last.effects).toContainEqual(
      expect.objectContaining({
        type: 'order.create',
        order: expect.objectContaining({ total: 25, delivery: { name: 'Ana', email: 'ana@example.com' } }),
      }),
    );
  });

  it('asks again after an answer it did not understand', async () => {
    const { steps } = await runScript(flow(), [tap('category:Pizzas'), tap('product:marg'), 'medium'], {
      ports: { catalog: fakeCatalog() },
    });
    expect(botLines(steps).slice(-2)).toEqual([
      'Sorry, I did not understand. Please choose one of the options.',
      'Margherita\nWhich one would you like? [Small | Large]',
    ]);
  });

  it('flags repeated delivery field ids and button labels WhatsApp would reject', () => {
    const { problems } = validateFlow(
      flow({
        checkoutLabel: 'Cancel',
        deliveryFields: [
          { id: 'name', label: 'Name', prompt: 'Name?' },
          { id: 'name', label: 'Name again', prompt: 'Name?' },
        ],
      }),
      builtins,
    );
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'shop', field: 'data.deliveryFields[1].id' }));
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'shop', field: 'data.cancelLabel' }));
  });
});
