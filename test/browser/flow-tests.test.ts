import { readFileSync } from 'node:fs';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node } from './support/canvas';
import { type BuilderSession, openBuilder } from './support/open-builder';

const { tests: _own, ...welcome } = JSON.parse(
  readFileSync(new URL('../../examples/flows/welcome-menu.json', import.meta.url), 'utf8'),
) as FlowDocument;

describe('flow tests in the builder', () => {
  let session: BuilderSession;
  const page = () => session.page;

  beforeAll(async () => {
    session = await openBuilder();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('records a test from the test chat, runs it green, and shows what the bot said once the flow changed', async () => {
    await session.api('POST', '/api/flows/import', { ...welcome, id: 'cafe-tested' });
    await page().goto(`${session.server.url}/#/flows/cafe-tested`);
    await page().getByRole('button', { name: '▶ Test' }).click();
    const simulator = page().getByTestId('simulator');
    const chat = page().getByTestId('chat');
    await chat.getByRole('button', { name: 'Opening hours' }).click();
    await chat.getByText('Is there anything else I can help with?').waitFor();

    await simulator.getByRole('button', { name: '✚ Save as test' }).click();
    await simulator.getByRole('textbox', { name: 'Test name' }).fill('opening hours');
    await simulator.getByRole('button', { name: 'Save', exact: true }).click();

    await page().getByRole('tab', { name: 'Tests' }).click();
    const panel = page().getByTestId('tests-panel');
    await panel.getByRole('button', { name: '▶ Run 1 test' }).click();
    await panel.getByText('passed').waitFor();
    const saved = await session.api<{ draft: FlowDocument }>('GET', '/api/flows/cafe-tested');
    expect(saved.draft.tests?.[0]?.steps).toEqual(
      expect.arrayContaining([
        { choose: 'Opening hours' },
        { expect: "We're open Monday to Friday 7:00–19:00, and weekends 8:00–17:00. ☕" },
      ]),
    );

    // The café changes its hours: the test catches it and says what the bot says now.
    await node(page(), 'hours').click();
    await page().locator('#node-hours-text').fill('We are open every day from 9:00.');
    await page().getByRole('tab', { name: 'Tests' }).click();
    await panel.getByRole('button', { name: '▶ Run 1 test' }).click();
    await panel.getByText('failed').waitFor();
    const failure = await panel.getByTestId('flow-test').textContent();
    expect(failure).toContain('We are open every day from 9:00.');
    await session.screenshot('builder-flow-test-failed');
  });
});
