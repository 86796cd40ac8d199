import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greetingSplit } from '../server/flows';
import { node } from './support/canvas';
import { type BuilderSession, openBuilder } from './support/open-builder';

describe('the A/B split node in the builder', () => {
  let session: BuilderSession;
  const page = () => session.page;

  beforeAll(async () => {
    session = await openBuilder();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('shows each branch with its share, and the test chat meets both as new visitors come', async () => {
    await session.api('POST', '/api/flows/import', greetingSplit);
    await page().goto(`${session.server.url}/#/flows/welcome-ab`);
    const card = await node(page(), 'split').textContent();
    expect(card).toContain('Short (50%)');
    expect(card).toContain('Long (50%)');

    await page().getByRole('button', { name: '▶ Test' }).click();
    const simulator = page().getByTestId('simulator');
    const chat = page().getByTestId('chat');
    const seen = new Set<string>();
    // Each restart is a new visitor, so a new contact for the split; 30 visitors meet both halves.
    for (let visitor = 0; visitor < 30 && seen.size < 2; visitor++) {
      if (visitor > 0) await simulator.getByRole('button', { name: '↻ Restart' }).click();
      await chat.getByText('The conversation ended.').waitFor();
      seen.add((await chat.locator('.bubble').first().textContent()) ?? '');
    }
    expect([...seen].map((text) => (text.startsWith('Hi!') ? 'short' : 'long')).sort()).toEqual(['long', 'short']);
    await session.screenshot('builder-split');
  });
});
