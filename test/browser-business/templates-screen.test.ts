import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WABA_ID } from '../support/whatsapp-webhooks';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

// The admin pulls the account's templates from WhatsApp and submits a new one for review.
describe('the Templates screen in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;
  const row = (name: string) => page().getByTestId('template-row').filter({ hasText: name });

  beforeAll(async () => {
    b = await openBusinessBrowser({ WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID });
    b.world.graph.templates.byAccount.set(WABA_ID, [
      {
        id: '1001',
        name: 'order_shipped',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [
          { type: 'BODY', text: 'Hi {{1}}, order {{2}} has shipped' },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track it' }] },
        ],
      },
      { id: '1002', name: 'cart_reminder', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [] },
      { id: '1003', name: 'survey', language: 'es_ES', status: 'REJECTED', category: 'MARKETING', components: [] },
    ]);
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`templates-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('syncs and lists the templates with their body, buttons and status', async () => {
    await b.openAsAdmin('#/');
    await page().getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Templates' }).click();
    await page().getByText('No templates yet.').waitFor();
    await page().getByRole('button', { name: 'Sync from WhatsApp' }).click();
    await page().getByText('Synced 3 templates').waitFor();
    await row('order_shipped').getByText('Hi {{1}}, order {{2}} has shipped').waitFor();
    await row('order_shipped').getByText('Track it').waitFor();
    await row('order_shipped').getByText('approved').waitFor();
    await row('survey').getByText('rejected').waitFor();
    expect(await page().getByTestId('template-row').count()).toBe(3);
    await b.screenshot('templates-listed');
  });

  it('submits a new template for approval and lists it as pending', async () => {
    await page().getByRole('button', { name: '+ New template' }).click();
    const form = page().getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill('Delivery Window');
    await form.getByLabel('Body').fill('Your delivery arrives {{1}}');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await form.getByRole('alert').getByText('lower-case letters, digits and _').waitFor();
    await form.getByLabel('Name').fill('delivery_window');
    await form.getByLabel('Quick-reply buttons (comma-separated)').fill('Reschedule, OK');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await page().getByText('Submitted delivery_window for approval').waitFor();
    await row('delivery_window').getByText('pending').waitFor();
    expect(b.world.graph.templates.submissions).toEqual([
      expect.objectContaining({
        wabaId: WABA_ID,
        body: {
          name: 'delivery_window',
          language: 'en_US',
          category: 'UTILITY',
          components: [
            { type: 'BODY', text: 'Your delivery arrives {{1}}' },
            {
              type: 'BUTTONS',
              buttons: [
                { type: 'QUICK_REPLY', text: 'Reschedule' },
                { type: 'QUICK_REPLY', text: 'OK' },
              ],
            },
          ],
        },
      }),
    ]);
  });
});
