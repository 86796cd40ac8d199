import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../business/business-fixtures';
import { WABA_ID } from '../support/whatsapp-webhooks';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

const customers = [
  { address: '15550002001', optedIn: true },
  { address: '15550002002', optedIn: true },
  { address: '15550002003', optedIn: false },
];

// The admin sends an approved template to a tag, watches it go out, and cancels a scheduled one.
describe('the Broadcasts screen in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBusinessBrowser({ WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID });
    const { world } = b;
    world.graph.templates.byAccount.set(WABA_ID, [
      {
        id: '6001',
        name: 'vip_preview',
        language: 'en_US',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Hi {{1}}, the VIP preview is open' }],
      },
      { id: '6002', name: 'not_yet', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [] },
    ]);
    expect((await world.admin.post('/api/templates/sync', {})).status).toBe(200);
    for (const customer of customers) {
      await world.say(customer.address, 'hi');
      const [contact] = await eventually(async () => {
        const found = (await world.admin.get<{ id: string }[]>(`/api/contacts?address=${customer.address}`)).body;
        return found.length > 0 ? found : undefined;
      });
      await world.admin.put(`/api/contacts/${contact!.id}`, { tags: ['vip'], optedIn: customer.optedIn });
    }
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`broadcasts-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('shows the audience size before sending, then the progress and each outcome', async () => {
    await b.openAsAdmin('#/');
    await page().getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Broadcasts' }).click();
    await page().getByText('No broadcasts yet.').waitFor();
    await page().getByRole('button', { name: '+ New broadcast' }).click();
    const form = page().getByRole('form', { name: 'New broadcast' });
    await form.getByLabel('Name').fill('VIP preview');
    // Only approved templates are offered.
    expect(await form.getByLabel('Template').locator('option').allTextContents()).toEqual(['Choose a template…', 'vip_preview (en_US)']);
    await form.getByLabel('Template').selectOption('vip_preview/en_US');
    await form.getByText('Hi {{1}}, the VIP preview is open').waitFor();
    expect(await form.getByLabel('Parameter {{1}}').inputValue()).toBe('{{contact.name}}');
    await form.getByLabel('Audience tags (comma-separated)').fill('vip');
    await form.getByText('3 contacts with these tags; 2 can receive it now (opted in, not blocked).').waitFor();
    await form.getByLabel('Messages per second').fill('5');
    await b.screenshot('broadcasts-new');
    await form.getByRole('button', { name: 'Schedule broadcast' }).click();

    await page().getByText('Broadcast VIP preview scheduled').waitFor();
    await page().getByTestId('broadcast-status').getByText('done').waitFor({ timeout: 20_000 });
    await page().getByTestId('count-sent').getByText('2').waitFor();
    await page().getByTestId('count-skipped').getByText('1').waitFor();
    await page().getByTestId('recipient-row').filter({ hasText: 'not opted in' }).waitFor();
    expect(await page().getByTestId('recipient-row').filter({ hasText: 'sent' }).count()).toBe(2);
    const sends = b.world.graph.delivered().filter((r) => r.body.type === 'template');
    expect(sends.map((r) => r.body.to).sort()).toEqual(['15550002001', '15550002002']);
    await b.screenshot('broadcasts-done');
  });

  it('cancels a broadcast scheduled for later, before anything goes out', async () => {
    await page().getByRole('link', { name: '← All broadcasts' }).click();
    await page().getByTestId('broadcast-row').filter({ hasText: 'VIP preview' }).waitFor();
    await page().getByRole('button', { name: '+ New broadcast' }).click();
    const form = page().getByRole('form', { name: 'New broadcast' });
    await form.getByLabel('Name').fill('Tomorrow');
    await form.getByLabel('Template').selectOption('vip_preview/en_US');
    await form.getByLabel('Audience tags (comma-separated)').fill('vip');
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await form.getByLabel('Start (empty: now)').fill(local);
    await form.getByRole('button', { name: 'Schedule broadcast' }).click();
    await page().getByTestId('broadcast-status').getByText('scheduled').waitFor();
    const before = b.world.graph.delivered().length;
    await page().getByRole('button', { name: 'Cancel broadcast' }).click();
    await page().getByText('Broadcast cancelled').waitFor();
    await page().getByTestId('broadcast-status').getByText('cancelled').waitFor();
    expect(b.world.graph.delivered().length).toBe(before);
  });
});
