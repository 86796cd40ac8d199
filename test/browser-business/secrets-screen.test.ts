import type { Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

const FIRST_VALUE = 'sk-first-value-4f1c9e';
const SECOND_VALUE = 'sk-second-value-8b27d0';

// The admin keeps an API key for the http node: the page and the API only ever show its name.
describe('the Secrets screen in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;
  const listed: Promise<string>[] = [];
  const row = () => page().getByTestId('secret-row').filter({ hasText: 'SHOP_API_KEY' });

  beforeAll(async () => {
    b = await openBusinessBrowser();
    b.page.on('response', (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/secrets' && response.request().method() === 'GET') listed.push(response.text());
    });
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await b?.screenshot(`secrets-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('refuses a malformed name, then adds a secret that is listed without its value', async () => {
    await b.openAsAdmin('#/');
    await page().getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Secrets' }).click();
    await page().getByText('No secrets yet.').waitFor();
    await page().getByText('{{secrets.NAME}}').waitFor();
    await page().getByRole('button', { name: '+ New secret' }).click();
    const form = page().getByRole('form', { name: 'New secret' });
    expect(await form.getByLabel('Value').getAttribute('type')).toBe('password');
    await form.getByLabel('Name').fill('shop-key');
    await form.getByLabel('Value').fill(FIRST_VALUE);
    await form.getByRole('button', { name: 'Add secret' }).click();
    await form.getByRole('alert').getByText('upper-case letters, digits and _').waitFor();
    await form.getByLabel('Name').fill('SHOP_API_KEY');
    await form.getByRole('button', { name: 'Add secret' }).click();
    await row().getByText('{{secrets.SHOP_API_KEY}}').waitFor();
    await expect(form.count()).resolves.toBe(0);
    expect(await page().content()).not.toContain(FIRST_VALUE);
    await b.screenshot('secrets-listed');

    // A reload lists it again from the server, still by name only.
    await page().reload();
    await row().waitFor();
    expect(await page().content()).not.toContain(FIRST_VALUE);
  });

  it('replaces the value: the row shows a fresh time, never the old or new value', async () => {
    const before = (await b.world.admin.get<{ name: string; updatedAt: string }[]>('/api/secrets')).body[0]?.updatedAt;
    await row().getByRole('button', { name: 'Replace value' }).click();
    const input = row().getByLabel('New value for SHOP_API_KEY');
    expect(await input.getAttribute('type')).toBe('password');
    expect(await input.inputValue()).toBe('');
    await input.fill(SECOND_VALUE);
    await row().getByRole('button', { name: 'Save' }).click();
    await page().getByText('Replaced the value of SHOP_API_KEY').waitFor();
    await row().getByRole('button', { name: 'Replace value' }).waitFor();
    const after = (await b.world.admin.get<{ name: string; updatedAt: string }[]>('/api/secrets')).body;
    expect(after).toEqual([{ name: 'SHOP_API_KEY', updatedAt: expect.any(String) }]);
    expect(Date.parse(after[0]?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before ?? ''));
    const html = await page().content();
    expect(html).not.toContain(FIRST_VALUE);
    expect(html).not.toContain(SECOND_VALUE);
  });

  it('deletes only after confirmation, and no listing ever carried a value', async () => {
    await row().getByRole('button', { name: 'Delete' }).click();
    await row().getByText('Delete SHOP_API_KEY?').waitFor();
    await row().getByRole('button', { name: 'Keep' }).click();
    await row().getByRole('button', { name: 'Replace value' }).waitFor();
    await row().getByRole('button', { name: 'Delete' }).click();
    await row().getByRole('button', { name: 'Delete', exact: true }).click();
    await page().getByText('No secrets yet.').waitFor();
    expect((await b.world.admin.get('/api/secrets')).body).toEqual([]);

    const bodies = await Promise.all(listed);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(bodies.some((body) => body.includes('SHOP_API_KEY'))).toBe(true);
    for (const body of bodies) {
      expect(body).not.toContain(FIRST_VALUE);
      expect(body).not.toContain(SECOND_VALUE);
    }
  });
});
