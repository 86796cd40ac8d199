import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_NUMBER_ID } from '../api/api-client';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

// The admin pastes a customer list, sees the rows that need fixing, then builds a segment while its size updates.
describe('the Contacts screen in the builder', () => {
  let b: BusinessBrowser;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBusinessBrowser();
    const channel = await b.world.admin.post('/api/channels', { phoneNumberId: PHONE_NUMBER_ID, accessToken: 'channel-token-123' });
    expect(channel.status).toBe(201);
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`contacts-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('imports pasted CSV and shows the rows it skipped', async () => {
    await b.openAsAdmin('#/');
    await page().getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contacts' }).click();
    const panel = page().getByRole('region', { name: 'Import contacts' });
    await panel
      .getByLabel('CSV', { exact: true })
      .fill(
        [
          'phone,name,tags,opt_in,tier',
          '+1 555 010 0001,Ann Lee,vip;de,yes,gold',
          '+1 555 010 0002,Bo Diaz,vip,no,silver',
          '+44 7911 123456,Cy Park,de,yes,gold',
          'call me,Dee,,yes,',
        ].join('\n'),
      );
    await panel.getByRole('button', { name: 'Import' }).click();
    const report = panel.getByTestId('import-report');
    await report.getByText('Pasted CSV was imported: 3 added, 0 updated').waitFor();
    await report.getByRole('row', { name: /5 phone .*not a phone number/ }).waitFor();
    await b.screenshot('contacts-imported');
  });

  it('counts the audience live while a segment is edited, and saves it', async () => {
    const editor = page().getByRole('form', { name: 'Segment' });
    const count = editor.getByTestId('audience-count');
    await count.getByText('3 contacts').waitFor();
    await editor.getByLabel('Has any tag').fill('vip');
    await count.getByText('2 contacts').waitFor();
    await editor.getByLabel('Opted in').selectOption('yes');
    await count.getByText('1 contact').waitFor();
    await editor.getByText('Ann Lee').waitFor();
    await editor.getByLabel('Has any tag').fill('');
    await editor.getByLabel(/Attributes/).fill('tier = gold');
    await count.getByText('2 contacts').waitFor();

    await editor.getByLabel('Segment name').fill('Gold, opted in');
    await editor.getByRole('button', { name: 'Save segment' }).click();
    await page().getByText('Saved segment “Gold, opted in”').waitFor();
    const saved = page().getByRole('list', { name: 'Saved segments' }).getByRole('button', { name: 'Gold, opted in' });
    await saved.waitFor();
    const segments = (await b.world.admin.get<{ id: string; rules: unknown }[]>('/api/segments')).body;
    expect(segments).toEqual([expect.objectContaining({ rules: { attributes: { tier: 'gold' }, optedIn: true } })]);
    const members = await b.world.admin.get<{ count: number }>(`/api/segments/${segments[0]?.id}/contacts`);
    expect(members.body.count).toBe(2);

    // Chosen again later, the editor shows the saved rules.
    await page().getByRole('button', { name: '+ New segment' }).click();
    await count.getByText('3 contacts').waitFor();
    await saved.click();
    await expect.poll(() => editor.getByLabel(/Attributes/).inputValue()).toBe('tier = gold');
    await count.getByText('2 contacts').waitFor();
    await b.screenshot('contacts-segment');
  });
});
