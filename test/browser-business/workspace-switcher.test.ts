import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client';
import { flowOf } from '../business/business-fixtures';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

const welcome = (id: string, text: string) => flowOf(id, 'hello', [{ id: 'hello', type: 'message', data: { text } }], []);

// Ana runs the default workspace and is an agent in Bravo's: the switcher moves her between them.
describe('the workspace switcher in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;
  const switcher = () => page().getByLabel('Workspace');

  beforeAll(async () => {
    b = await openBusinessBrowser();
    const { admin } = b.world;
    expect((await admin.post('/api/flows', { document: welcome('default-orders', 'Default orders') })).status).toBe(201);
    const bravo = await admin.post<{ id: string }>('/api/workspaces', { name: 'Bravo Bakery' });
    const key = await admin.post<{ key: string }>(`/api/workspaces/${bravo.body.id}/api-keys`, { name: 'setup', role: 'owner' });
    const bravoApi = apiClient(b.world.server.url, key.body.key);
    expect((await bravoApi.post('/api/flows', { document: welcome('bravo-bread', 'Bravo bread') })).status).toBe(201);
    const ana = { email: 'ana@default.example', name: 'Ana', password: 'ana-long-password', role: 'admin' };
    expect((await admin.post('/api/users', ana)).status).toBe(201);
    expect((await admin.post(`/api/workspaces/${bravo.body.id}/members`, { email: ana.email, role: 'admin' })).status).toBe(200);
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`switcher-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('signs in to her own workspace and lists the workspaces she belongs to', async () => {
    await page().goto(`${b.world.server.url}/`);
    await page().getByRole('button', { name: 'Sign in with e-mail and password' }).click();
    await page().getByLabel('E-mail').fill('ana@default.example');
    await page().getByLabel('Password').fill('ana-long-password');
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().getByText('default-orders').first().waitFor();
    expect(await switcher().locator('option').allTextContents()).toEqual(['Default (admin)', 'Bravo Bakery (admin)']);
    expect(await page().getByText('bravo-bread').count()).toBe(0);
    await b.screenshot('switcher-default');
  });

  it("switches to Bravo's workspace: its flows only, and back again", async () => {
    await switcher().selectOption({ label: 'Bravo Bakery (admin)' });
    await page().getByText('bravo-bread').first().waitFor();
    expect(await page().getByText('default-orders').count()).toBe(0);
    expect(await switcher().inputValue()).not.toBe('default');
    await b.screenshot('switcher-bravo');

    // The switch is the session's: a reload stays in Bravo.
    await page().reload();
    await page().getByText('bravo-bread').first().waitFor();

    await switcher().selectOption({ label: 'Default (admin)' });
    await page().getByText('default-orders').first().waitFor();
    expect(await page().getByText('bravo-bread').count()).toBe(0);
  });
});
