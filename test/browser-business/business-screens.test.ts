import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client';
import { eventually, flowOf } from '../business/business-fixtures';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

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
    { id: 'thanks', type: 'message', data: { text: 'Order received.' } },
  ],
  ['shop:confirmed -> thanks'],
);

const supportFlow = flowOf(
  'support',
  'ask',
  [
    { id: 'ask', type: 'question', data: { text: 'Hi! What is your order number?', variable: 'order_number', answerType: 'text' } },
    {
      id: 'desk',
      type: 'handoff',
      data: { department: 'sales', text: 'One moment, a person will answer you.', note: 'Asks about order {{order_number}}' },
    },
    { id: 'back', type: 'question', data: { text: 'The bot is back. Anything else?', variable: 'anything_else', answerType: 'text' } },
  ],
  ['ask:next -> desk', 'desk:released -> back'],
);

const BUYER = '5511987650001';
const CUSTOMER = '5511987650002';
const OTHER_CUSTOMER = '5511987650003';

// One business, step after step: the admin sets up a shop and an agent, then the agent answers a customer.
describe('catalog, orders, users and the agent inbox in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;
  const sentTo = (customer: string, count: number) =>
    eventually(
      async () => (b.world.sentTo(customer).length >= count ? b.world.sentTo(customer) : undefined),
      10_000,
      `${count} messages to ${customer}`,
    );

  beforeAll(async () => {
    b = await openBusinessBrowser();
  }, 120_000);

  afterEach(async (context) => {
    // What the page showed when a step failed, to look at beside the error.
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`business-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('imports a CSV with a bad row: shows the row and column, imports the other rows, then a JSON file', async () => {
    await b.openAsAdmin('#/catalog');
    await page().getByText('The catalog is empty.').waitFor();
    const csv = [
      'id,name,price,currency,category,stock,images,variant_name,size,color,variant_price',
      'TEE,Classic tee,19.90,EUR,Shirts,,https://img.example/tee.png,M / Black,M,Black,',
      'TEE,,,,,,,L / Black,L,Black,21.50',
      'MUG,Coffee mug,twelve,EUR,Kitchen,12,,,,,',
    ].join('\n');
    await page().setInputFiles('[data-testid="catalog-import-file"]', {
      name: 'products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const report = page().getByTestId('import-report');
    await report.getByText('products.csv was not imported').waitFor();
    const row = report.locator('tbody tr').first();
    expect(await row.locator('td').allTextContents()).toEqual(['4', 'price', 'must be an amount like 12.50']);
    await b.screenshot('business-catalog-import');

    await report.getByRole('button', { name: 'Import the other rows' }).click();
    await report.getByText('products.csv was imported: 1 added, 0 updated').waitFor();
    await page().getByTestId('product-row').filter({ hasText: 'Classic tee' }).getByText('L / Black').waitFor();

    const json = JSON.stringify([{ id: 'MUG', name: 'Coffee mug', price: '12.00', currency: 'EUR', category: 'Kitchen', stock: 12 }]);
    await page().setInputFiles('[data-testid="catalog-import-file"]', {
      name: 'mugs.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    await page().getByTestId('product-row').filter({ hasText: 'Coffee mug' }).waitFor();
    await report.waitFor({ state: 'detached' });
    expect(await page().getByTestId('product-row').count()).toBe(2);
  });

  it('creates, edits and deletes a product with the form', async () => {
    await page().getByRole('button', { name: '+ New product' }).click();
    const form = page().getByRole('dialog');
    await form.getByLabel('Name', { exact: true }).fill('Sticker');
    await form.getByLabel('Price', { exact: true }).fill('abc');
    await form.getByRole('button', { name: 'Add product' }).click();
    await form.getByText('A price such as 12.50').waitFor();
    await form.getByRole('button', { name: '+ Add variant' }).click();
    await form.getByLabel('Variant 1 Name').fill('Holo');
    await b.screenshot('business-product-form');
    await form.getByLabel('Price', { exact: true }).fill('1,50');
    await form.getByLabel('SKU').fill('STK');
    await form.getByRole('button', { name: 'Add product' }).click();
    const sticker = page().getByTestId('product-row').filter({ hasText: 'Sticker' });
    await sticker.getByText('€1.50').waitFor();

    await sticker.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel('Stock', { exact: true }).fill('0');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await b.screenshot('business-catalog');
    await sticker.getByRole('button', { name: 'Delete Sticker' }).click();
    await sticker.getByRole('button', { name: 'Delete', exact: true }).click();
    await sticker.waitFor({ state: 'detached' });
    const products = await b.world.admin.get<{ total: number }>('/api/catalog/products');
    expect(products.body.total).toBe(2);
  });

  it('pages through a large catalog fifty at a time, and searches all of it', async () => {
    const bulk = Array.from({ length: 118 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { id: `BULK-${n}`, name: `Bulk item ${n}`, price: '1.00', currency: 'EUR', category: 'Bulk' };
    });
    const imported = await b.world.admin.post<{ created: number }>('/api/catalog/import', { products: bulk });
    expect(imported.body.created).toBe(118);
    await b.openAsAdmin('#/catalog');
    const count = page().getByTestId('catalog-count');
    await count.getByText('Showing 1–50 of 120 products').waitFor();
    expect(await page().getByTestId('product-row').count()).toBe(50);
    await page().getByRole('button', { name: 'Next ›' }).click();
    await count.getByText('Showing 51–100 of 120 products').waitFor();
    await page().getByTestId('product-row').filter({ hasText: 'Bulk item 051' }).waitFor();
    await page().getByRole('button', { name: 'Next ›' }).click();
    await count.getByText('Showing 101–120 of 120 products').waitFor();
    // Sorted by name: the shop's own products come after the bulk ones, on the last page.
    await page().getByTestId('product-row').filter({ hasText: 'Coffee mug' }).waitFor();
    expect(await page().getByRole('button', { name: 'Next ›' }).isDisabled()).toBe(true);
    await b.screenshot('business-catalog-pages');

    // A search covers every page, and starts again from the first.
    await page().getByLabel('Search products').fill('item 117');
    await count.getByText('1 product(s)').waitFor();
    expect(await page().getByTestId('product-row').allTextContents()).toEqual([expect.stringContaining('Bulk item 117')]);
    await page().getByLabel('Search products').fill('');
    await count.getByText('Showing 1–50 of 120 products').waitFor();
  });

  it('shows an order the flow captured and moves it to confirmed', async () => {
    await b.world.useFlow(shopFlow);
    await b.world.say(BUYER, 'hi');
    await sentTo(BUYER, 1);
    await b.world.say(BUYER, { cart: [{ product_retailer_id: 'MUG', quantity: '2', item_price: '12.00', currency: 'EUR' }] });
    await sentTo(BUYER, 2);
    await b.world.say(BUYER, { tap: 'checkout', title: 'Checkout' });
    await sentTo(BUYER, 3);
    await b.world.say(BUYER, 'Ana Souza');
    await sentTo(BUYER, 4);
    await b.world.say(BUYER, 'Rua das Flores 12');
    await sentTo(BUYER, 5);
    await b.world.say(BUYER, { tap: 'confirm', title: 'Confirm' });
    await sentTo(BUYER, 7);

    await page().getByRole('link', { name: 'Orders' }).click();
    await page().getByTestId('order-row').filter({ hasText: '#1' }).click();
    const detail = page().getByRole('complementary', { name: 'Order detail' });
    await detail.getByText('Rua das Flores 12').waitFor();
    await detail.getByText('Ana Souza').first().waitFor();
    expect(await detail.getByTestId('order-status').textContent()).toBe('New');
    await detail.getByLabel('Move to').selectOption('confirmed');
    await detail.getByLabel('Note (optional)').fill('Paid by bank transfer');
    await detail.getByRole('button', { name: 'Update status' }).click();
    await expect.poll(() => detail.getByTestId('order-status').textContent()).toBe('Confirmed');
    await detail.getByText('Paid by bank transfer').waitFor();
    await b.screenshot('business-orders');

    await page().getByRole('button', { name: 'Confirmed', exact: true }).click();
    await expect.poll(() => page().getByTestId('order-row').count()).toBe(1);
    await page().getByRole('button', { name: 'Shipped', exact: true }).click();
    await page().getByText('No shipped orders.').waitFor();
    const [order] = (await b.world.admin.get<{ status: string; history: { status: string; by: string; note?: string }[] }[]>('/api/orders'))
      .body;
    expect(order?.history.at(-1)).toEqual(expect.objectContaining({ status: 'confirmed', by: 'admin', note: 'Paid by bank transfer' }));
  });

  it('lets the admin add an agent for the sales department on the users screen', async () => {
    await page().getByRole('link', { name: 'Users' }).click();
    await page().getByRole('button', { name: '+ New user' }).click();
    const form = page().getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('Rita');
    await form.getByLabel('E-mail').fill('rita@shop.example');
    await form.getByLabel('Password').fill('rita-long-password');
    await form.getByLabel('Departments').fill('sales');
    await form.getByRole('button', { name: 'Add user' }).click();
    const rita = page().getByTestId('user-row').filter({ hasText: 'rita@shop.example' });
    await rita.getByText('sales').waitFor();
    expect(await rita.getByLabel('Role of Rita').inputValue()).toBe('agent');
    await b.screenshot('business-users');
  });

  it('signs the agent in with e-mail and password and shows her only the inbox', async () => {
    await b.world.useFlow(supportFlow);
    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().getByRole('button', { name: 'Sign in with e-mail and password' }).click();
    await page().getByLabel('E-mail').fill('rita@shop.example');
    await page().getByLabel('Password').fill('wrong-password');
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().getByRole('alert').getByText('Wrong e-mail or password.').waitFor();
    await b.screenshot('business-login');
    await page().getByLabel('Password').fill('rita-long-password');
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page().getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['Inbox']);
    await page().getByText('Live', { exact: true }).waitFor();
  });

  it('takes over a handed-off customer live, replies through WhatsApp, shows a refused reply, and hands back to the bot', async () => {
    await b.world.say(CUSTOMER, 'hello');
    await sentTo(CUSTOMER, 1);
    await b.world.say(CUSTOMER, 'A-1042');
    expect((await sentTo(CUSTOMER, 2)).at(-1)).toBe('One moment, a person will answer you.');

    // The conversation arrives over SSE, without a reload.
    const waiting = page().getByTestId('queue-waiting').getByTestId('queue-item');
    await waiting.filter({ hasText: 'Sheena Nelson' }).click();
    const transcript = page().getByTestId('transcript');
    await transcript.getByTestId('t-customer').filter({ hasText: 'A-1042' }).waitFor();
    await transcript.getByTestId('t-bot').filter({ hasText: 'One moment, a person will answer you.' }).waitFor();
    await page().getByTestId('conversation-vars').getByText('A-1042').waitFor();
    await page().getByText('Asks about order A-1042').first().waitFor();

    await page().getByRole('button', { name: 'Take over' }).click();
    await page().getByTestId('queue-mine').getByTestId('queue-item').waitFor();
    const box = page().getByLabel('Reply to the customer');
    await box.fill('Hi Sheena, I am Rita. Your order ships tomorrow.');
    await box.press('Enter');
    await transcript.getByTestId('t-agent').filter({ hasText: 'Your order ships tomorrow.' }).waitFor();
    expect((await sentTo(CUSTOMER, 3)).at(-1)).toBe('Hi Sheena, I am Rita. Your order ships tomorrow.');

    // WhatsApp refuses a plain message outside the 24-hour window: the agent reads why, and keeps the text.
    b.world.graph.failNext(1, 'outside-window');
    await box.fill('Anything else?');
    await page().getByRole('button', { name: 'Send' }).click();
    await page().getByTestId('reply-error').getByText('more than 24 hours have passed').waitFor();
    expect(await box.inputValue()).toBe('Anything else?');
    await b.world.say(CUSTOMER, 'No, thanks!');
    await transcript.getByTestId('t-customer').filter({ hasText: 'No, thanks!' }).waitFor();
    await b.screenshot('business-inbox');

    await page().getByRole('button', { name: '↩ Hand back to bot' }).click();
    expect((await sentTo(CUSTOMER, 4)).at(-1)).toBe('The bot is back. Anything else?');
    // The bot's turn ends after the click answered: the live `resumed` event brings its reply, labelled the bot's.
    await transcript.getByTestId('t-bot').filter({ hasText: 'The bot is back. Anything else?' }).waitFor();
    await page().getByText('This conversation is back with the bot.').first().waitFor();
    await page().getByTestId('queue-mine').getByText('You have no conversation.').waitFor();
    await page().getByTestId('queue-waiting').getByText('Nobody is waiting.').waitFor();
  });
  it("lets an admin see a colleague's conversation in the inbox and take it over", async () => {
    await b.world.say(OTHER_CUSTOMER, 'hi');
    await sentTo(OTHER_CUSTOMER, 1);
    await b.world.say(OTHER_CUSTOMER, 'B-7');
    await sentTo(OTHER_CUSTOMER, 2);
    const anonymous = apiClient(b.world.server.url);
    const login = await anonymous.post<{ token: string }>('/api/auth/login', {
      email: 'rita@shop.example',
      password: 'rita-long-password',
    });
    const rita = apiClient(b.world.server.url, login.body.token);
    const [waiting] = (await rita.get<{ id: string }[]>('/api/inbox/conversations?state=waiting')).body;
    expect((await rita.post(`/api/inbox/conversations/${waiting?.id}/take`, {})).status).toBe(200);

    // Signing out and in again: the e-mail form is remembered, the admin token is one click away.
    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().getByRole('button', { name: 'Use the admin token instead' }).click();
    await page().getByLabel('Admin token').fill(b.world.server.adminToken);
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().getByRole('link', { name: 'Inbox' }).click();
    await page().getByTestId('queue-others').getByTestId('queue-item').filter({ hasText: 'Rita' }).click();
    await page().getByText('Rita is talking to the customer').waitFor();
    await page().getByRole('button', { name: 'Take over from Rita' }).click();
    await page().getByTestId('queue-mine').getByTestId('queue-item').waitFor();
    await page().getByLabel('Reply to the customer').fill('Hello, this is the manager.');
    await page().getByRole('button', { name: 'Send' }).click();
    expect((await sentTo(OTHER_CUSTOMER, 3)).at(-1)).toBe('Hello, this is the manager.');
  });
});
