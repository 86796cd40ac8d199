import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropFromPalette, node } from './support/canvas';
import { type BuilderSession, openBuilder } from './support/open-builder';

// One admin's session, step after step: each test goes on from where the one before left the page.
describe('building, checking, publishing and testing a flow in the builder', () => {
  let session: BuilderSession;
  const page = () => session.page;
  const draft = async () => (await session.api<{ draft: FlowDocument }>('GET', '/api/flows/support-bot')).draft;
  const saved = () => page().locator('[data-testid="save-status"][data-state="saved"]').waitFor();

  beforeAll(async () => {
    session = await openBuilder({ signedIn: false });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('asks for the admin token and refuses a wrong one', async () => {
    await page().getByLabel('Admin token').fill('not-the-token');
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page().getByRole('alert').textContent()).toContain('not accepted');
    await page().getByLabel('Admin token').fill(session.server.adminToken);
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().getByRole('heading', { name: 'Flows' }).waitFor();
  });

  it('builds a menu flow from an empty canvas by dragging from the palette and connecting handles', async () => {
    await page().getByRole('button', { name: '+ New flow' }).click();
    await page().getByLabel('Name of the new flow').fill('Support bot');
    await page().getByRole('button', { name: 'Create' }).click();
    await node(page(), 'welcome').click();
    await page().keyboard.press('Delete');
    await page().getByText('Start your flow').waitFor();

    await dropFromPalette(page(), 'message', { x: 120, y: 220 });
    await page().locator('#node-message-1-text').fill('Hi! Welcome to Acme.');
    await dropFromPalette(page(), 'menu', { x: 480, y: 220 });
    await page().locator('#node-menu-1-text').fill('How can we help?');
    await page().locator('#node-menu-1-options-0-label').fill('Sales');
    await page().getByRole('button', { name: '+ Add option' }).click();
    await page().locator('#node-menu-1-options-1-label').fill('Support');
    await page().locator('#node-menu-1-variable').fill('topic');
    await connect(page(), 'message-1', 'next', 'menu-1');

    // Clicking a palette item adds the node after the selected one, connected from its next free exit.
    await node(page(), 'menu-1').click();
    await page().getByTestId('palette-message').click();
    await page().locator('#node-message-2-text').fill('Our sales team will call you.');
    await node(page(), 'menu-1').click();
    await page().getByTestId('palette-message').click();
    await page().locator('#node-message-3-text').fill('Support is on the way, {{topic}} team here.');

    // A menu option is a handle: adding one in the form adds an exit on the canvas.
    await expect.poll(() => node(page(), 'menu-1').locator('[data-exit]').allTextContents()).toEqual(['Sales', 'Support', 'Invalid']);
    await page().getByRole('button', { name: '⊞ Tidy up' }).click();
    await page().waitForTimeout(500);
    await saved();
    const document = await draft();
    expect(document.start).toBe('message-1');
    expect(document.nodes.map((n) => n.id).sort()).toEqual(['menu-1', 'message-1', 'message-2', 'message-3']);
    expect(document.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`).sort()).toEqual([
      'menu-1.option_1->message-2',
      'menu-1.option_2->message-3',
      'message-1.next->menu-1',
    ]);
    for (const saved of document.nodes) expect(Object.keys(saved).sort()).toEqual(['data', 'id', 'position', 'type', 'version']);
    await session.screenshot('builder-canvas');
  });

  it('shows a WhatsApp limit on the node and in the problems list, refuses to publish, and clears once fixed', async () => {
    await node(page(), 'menu-1').click();
    await page().locator('#node-menu-1-options-1-label').fill('Technical support please');
    const message = 'data.options[1].label: button label is 24 characters; WhatsApp allows 20';
    await node(page(), 'menu-1').getByText(message).waitFor();
    await page().getByRole('button', { name: 'Publish', exact: true }).click();
    await page().getByText('Fix the 1 error before publishing').waitFor();
    await page().getByTestId('problems-panel').getByText(`error: node "menu-1", field ${message}`).waitFor();

    await page()
      .getByRole('tab', { name: /Properties/ })
      .click();
    await page().locator('#node-menu-1-options-1-label').fill('Support');
    await node(page(), 'menu-1').getByText(message).waitFor({ state: 'detached' });
  });

  it('undoes and redoes edits', async () => {
    await page().getByRole('button', { name: '↶ Undo' }).click();
    await expect.poll(() => page().locator('#node-menu-1-options-1-label').inputValue()).toBe('Technical support please');
    await page().keyboard.press('Control+Shift+Z');
    await expect.poll(() => page().locator('#node-menu-1-options-1-label').inputValue()).toBe('Support');
    // Deleting a node and undoing brings it back with its edges.
    await node(page(), 'message-2').click();
    await page().keyboard.press('Delete');
    await node(page(), 'message-2').waitFor({ state: 'detached' });
    await page().keyboard.press('Control+Z');
    await node(page(), 'message-2').waitFor();
    await saved();
    expect((await draft()).edges).toHaveLength(3);
  });

  it('shows a broken edge on the canvas and selects it from the problems list', async () => {
    // Deleting the option an edge leaves keeps the edge, drawn as an error on a removed exit.
    await node(page(), 'menu-1').click();
    await page().getByRole('button', { name: 'Remove option 2' }).click();
    await node(page(), 'menu-1').locator('[data-missing-exit="option_2"]').waitFor();
    const label = page().locator('[data-testid^="edge-problem-"]');
    await expect.poll(() => label.textContent()).toContain('which this node does not have');
    await page()
      .getByRole('tab', { name: /Problems/ })
      .click();
    await page().getByTestId('problems-panel').getByText('leaves exit "option_2"').click();
    await expect.poll(() => page().locator('.react-flow__edge.selected .flow-edge-path.is-error').count()).toBe(1);
    await page().getByRole('button', { name: '↶ Undo' }).click();
    await label.waitFor({ state: 'detached' });
    await saved();
  });

  it('publishes a version and lists who published it', async () => {
    await page().getByRole('button', { name: 'Publish', exact: true }).click();
    await page().getByText('Published version 1').waitFor();
    await page().getByRole('tab', { name: 'Versions' }).click();
    const version = page().locator('[data-version="1"]');
    await version.getByText('Version 1').waitFor();
    await version.getByText('by admin').waitFor();
  });

  it('lists each variable with the nodes that set and use it', async () => {
    await page().getByRole('tab', { name: 'Variables' }).click();
    const topic = page().getByTestId('variables-panel').locator('li', { hasText: '{{topic}}' });
    await topic.getByRole('button', { name: 'menu-1' }).waitFor();
    await topic.getByRole('button', { name: 'message-3 data.text' }).click();
    await page()
      .getByTestId('node-inspector')
      .locator('code', { hasText: /^message-3$/ })
      .waitFor();
  });

  it('chats through the flow in the simulator, highlighting the node the chat is at', async () => {
    await page().getByRole('button', { name: '▶ Test' }).click();
    const chat = page().getByTestId('chat');
    await chat.getByText('Hi! Welcome to Acme.').waitFor();
    await chat.getByText('How can we help?').waitFor();
    await expect.poll(() => node(page(), 'menu-1').getAttribute('class')).toContain('is-active');
    await chat.getByRole('button', { name: 'Support' }).click();
    await chat.getByText('Support is on the way, Support team here.').waitFor();
    await page().getByTestId('live-variables').getByText('topic').waitFor();
    await chat.getByText('The conversation ended').waitFor();
    await session.screenshot('builder-simulator');

    await page().getByRole('button', { name: '↻ Restart' }).click();
    await chat.getByRole('button', { name: 'Sales' }).waitFor();
    await page().getByRole('textbox', { name: 'Message' }).fill('sales');
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('Our sales team will call you.').waitFor();
  });

  it('keeps an edit when saving fails, warns before leaving, and saves it once the server answers', async () => {
    const path = `${session.server.url}/api/flows/support-bot`;
    await page().route(path, (route) => (route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue()));
    await page().getByRole('button', { name: 'Close the test chat' }).click();
    // The canvas followed the chat; finding the node brings it back into view and selects it.
    await page().keyboard.press('Control+F');
    await page().getByRole('searchbox', { name: 'Find a node' }).fill('welcome to acme');
    await page().keyboard.press('Enter');
    await page().locator('#node-message-1-text').fill('Hi! Welcome to Acme Corp.');
    await page().locator('[data-testid="save-status"][data-state="failed"]').waitFor();
    const warned = await page().evaluate(() => {
      const leaving = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(leaving);
      return leaving.defaultPrevented;
    });
    expect(warned).toBe(true);

    await page().unroute(path);
    await page().getByRole('button', { name: 'Retry now' }).click();
    await saved();
    expect((await draft()).nodes.find((n) => n.id === 'message-1')?.data).toEqual({ text: 'Hi! Welcome to Acme Corp.' });
  });
});
