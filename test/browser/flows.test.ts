import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node } from './support/canvas';
import { type BuilderSession, openBuilder, resultsDir } from './support/open-builder';

const orderStatus: FlowDocument = {
  schemaVersion: 1,
  id: 'order-status',
  name: 'Order status',
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Hello! Let us find your order.' } },
    {
      id: 'ask',
      type: 'menu',
      version: 1,
      position: { x: 340, y: 0 },
      data: {
        text: 'Where did you buy?',
        options: [
          { id: 'shop', label: 'In a shop' },
          { id: 'online', label: 'Online' },
        ],
      },
    },
    { id: 'bye', type: 'end', version: 1, position: { x: 680, y: 0 }, data: { text: 'Thanks, bye!' } },
  ],
  edges: [
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceHandle: 'shop', target: 'bye' },
    { id: 'e3', source: 'ask', sourceHandle: 'online', target: 'bye' },
  ],
};

const pixel =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#f4a261"/><text x="20" y="70" font-size="28">Menu of the day</text></svg>',
  );

const richChat: FlowDocument = {
  schemaVersion: 1,
  id: 'rich-chat',
  name: 'Rich chat',
  start: 'hello',
  nodes: [
    {
      id: 'hello',
      type: 'message',
      version: 1,
      position: { x: 0, y: 0 },
      data: { text: 'Here is our menu', messages: [{ type: 'image', url: pixel, caption: 'Fresh today' }] },
    },
    {
      id: 'pick',
      type: 'menu',
      version: 1,
      position: { x: 340, y: 0 },
      data: {
        text: 'What would you like?',
        button: 'See dishes',
        timeoutMinutes: 5,
        variable: 'choice',
        options: [
          { id: 'pizza', label: 'Pizza', description: 'Stone-baked' },
          { id: 'pasta', label: 'Pasta' },
          { id: 'salad', label: 'Salad' },
          { id: 'soup', label: 'Soup' },
        ],
      },
    },
    { id: 'done', type: 'end', version: 1, position: { x: 680, y: 0 }, data: { text: 'You picked {{choice}}.' } },
    { id: 'late', type: 'end', version: 1, position: { x: 680, y: 200 }, data: { text: 'Still there? Write to us any time.' } },
  ],
  edges: [
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'pick' },
    ...['pizza', 'pasta', 'salad', 'soup'].map((option) => ({ id: `e-${option}`, source: 'pick', sourceHandle: option, target: 'done' })),
    { id: 'e-timeout', source: 'pick', sourceHandle: 'timeout', target: 'late' },
  ],
};

describe('the flow list and moving flows and nodes around', () => {
  let session: BuilderSession;
  let reimported = '';
  const page = () => session.page;
  const row = (id: string) => page().locator(`tr[data-flow-id="${id}"]`);
  const draftOf = async (id: string) => (await session.api<{ draft: FlowDocument }>('GET', `/api/flows/${id}`)).draft;

  beforeAll(async () => {
    session = await openBuilder();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('imports a JSON file, exports it, and imports the export back unchanged', async () => {
    await page().getByRole('heading', { name: 'Flows' }).waitFor();
    const ids = async () =>
      page()
        .locator('tr[data-flow-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flow-id')));
    await page().waitForTimeout(300);
    const before = await ids();
    const file = join(resultsDir, 'order-status.json');
    await writeFile(file, JSON.stringify(orderStatus));
    await page().getByTestId('import-file').setInputFiles(file);
    await row('order-status').getByText('Order status').waitFor();
    expect(await draftOf('order-status')).toEqual(orderStatus);

    const download = page().waitForEvent('download');
    await row('order-status').getByRole('button', { name: 'Export' }).click();
    const exported = join(resultsDir, 'order-status.export.json');
    await (await download).saveAs(exported);
    expect(JSON.parse(await readFile(exported, 'utf8'))).toEqual(orderStatus);

    // The id is taken, so the re-import becomes a new flow with the same content.
    await page().getByTestId('import-file').setInputFiles(exported);
    await expect.poll(async () => (await ids()).length).toBe(before.length + 2);
    const copyId = (await ids()).find((id) => id !== 'order-status' && !before.includes(id));
    reimported = copyId!;
    const { id: _id, ...content } = await draftOf(copyId!);
    const { id: _original, ...expected } = orderStatus;
    expect(content).toEqual(expected);
  });

  it('renames, duplicates and deletes flows', async () => {
    await row('order-status').getByRole('button', { name: 'Rename' }).click();
    await row('order-status').getByLabel('New name').fill('Where is my order');
    await row('order-status').getByRole('button', { name: 'Save' }).click();
    await row('order-status').getByText('Where is my order').waitFor();

    await row('order-status').getByRole('button', { name: 'Duplicate' }).click();
    await row('order-status-copy-1').getByText('Where is my order (copy)').waitFor();
    await session.screenshot('builder-flow-list');
    expect((await draftOf('order-status-copy-1')).nodes).toEqual(orderStatus.nodes);

    await row(reimported).getByRole('button', { name: 'Delete' }).click();
    await row(reimported).getByText('for good?').waitFor();
    await row(reimported).getByRole('button', { name: 'Delete', exact: true }).click();
    await row(reimported).waitFor({ state: 'detached' });
  });

  it('copies nodes from one flow and pastes them into another', async () => {
    await row('order-status').getByRole('link', { name: 'Open' }).click();
    await node(page(), 'ask').waitFor();
    await node(page(), 'ask').click();
    await node(page(), 'bye').click({ modifiers: ['Control'] });
    await page().keyboard.press('Control+C');
    await page().getByText('Copied 2 nodes').waitFor();

    await page().getByRole('link', { name: '← Flows' }).click();
    await row('order-status-copy-1').getByRole('link', { name: 'Open' }).click();
    await node(page(), 'hello').waitFor();
    await page()
      .locator('.react-flow__pane')
      .click({ position: { x: 200, y: 500 } });
    await page().keyboard.press('Control+V');
    await node(page(), 'menu-1').waitFor();
    await node(page(), 'end-1').waitFor();
    await page().locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    const pasted = await draftOf('order-status-copy-1');
    expect(pasted.nodes.map((n) => n.id)).toEqual(['hello', 'ask', 'bye', 'menu-1', 'end-1']);
    expect(pasted.edges.filter((e) => e.source === 'menu-1').map((e) => `${e.sourceHandle}->${e.target}`)).toEqual([
      'shop->end-1',
      'online->end-1',
    ]);
  });

  it('finds a node by its text and lists the keyboard shortcuts', async () => {
    await page().keyboard.press('Control+F');
    await page().getByRole('searchbox', { name: 'Find a node' }).fill('thanks, bye');
    await page().keyboard.press('Enter');
    await page().getByTestId('node-inspector').locator('code', { hasText: /^bye$/ }).waitFor();

    await page().keyboard.press('?');
    const help = page().getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Undo', { exact: true }).waitFor();
    await help.getByText('Copy the selected nodes (paste them in any flow)').waitFor();
    await page().keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('opens a published version read-only and restores it as the draft', async () => {
    await session.api('POST', '/api/flows/order-status-copy-1/publish');
    await page().getByRole('tab', { name: 'Versions' }).click();
    await page().locator('[data-version="1"]').getByRole('link', { name: 'Open' }).click();
    await page().getByTestId('readonly-banner').waitFor();
    await session.screenshot('builder-version');
    expect(await node(page(), 'menu-1').count()).toBe(1);
    await expect.poll(() => page().getByTestId('palette-message').count()).toBe(0);

    // Change the draft, then bring the published version back.
    await session.api('PUT', '/api/flows/order-status-copy-1', { draft: { ...orderStatus, id: 'order-status-copy-1' } });
    await page().getByRole('button', { name: 'Restore as draft' }).click();
    await page().getByText('Version 1 is the draft again').waitFor();
    await page().locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    expect((await draftOf('order-status-copy-1')).nodes.map((n) => n.id)).toEqual(['hello', 'ask', 'bye', 'menu-1', 'end-1']);
  });

  it('shows media and a WhatsApp list in the test chat, and fires a pending timeout', async () => {
    await session.api('POST', '/api/flows/import', richChat);
    await page().goto(`${session.server.url}/#/flows/rich-chat`);
    await node(page(), 'pick').waitFor();

    // The form follows the schema's if/then/else: an image asks for a URL, a text for its text.
    await node(page(), 'hello').click();
    await page().locator('#node-hello-messages-0-url').waitFor();
    expect(await page().locator('#node-hello-messages-0-text').count()).toBe(0);
    await page().locator('#node-hello-messages-0-type').selectOption('text');
    await page().locator('#node-hello-messages-0-text').waitFor();
    expect(await page().locator('#node-hello-messages-0-url').count()).toBe(0);
    await page().getByRole('button', { name: '↶ Undo' }).click();
    await page().locator('#node-hello-messages-0-url').waitFor();

    await page().getByRole('button', { name: '▶ Test' }).click();
    const chat = page().getByTestId('chat');
    await chat.getByRole('img', { name: 'Fresh today' }).waitFor();
    await chat.getByRole('button', { name: '☰ See dishes' }).click();
    const list = page().getByRole('dialog', { name: 'See dishes' });
    await list.getByText('Stone-baked').waitFor();
    await session.screenshot('builder-simulator-list');
    await list.getByRole('button', { name: /Pizza/ }).click();
    await chat.getByText('You picked Pizza.').waitFor();

    await page().getByRole('button', { name: '↻ Restart' }).click();
    await chat.getByRole('button', { name: '☰ See dishes' }).waitFor();
    const fire = page().getByRole('button', { name: '⏱ Fire timeout' });
    await expect.poll(() => fire.isEnabled()).toBe(true);
    await fire.click();
    await chat.getByText('Still there? Write to us any time.').waitFor();
  });
});
