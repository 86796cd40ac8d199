import { readFileSync } from 'node:fs';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SECRET, eventually, postWebhook, whatsappText } from '../api/api-client';
import { node } from '../browser/support/canvas';
import { type BuilderSession, openBuilder } from '../browser/support/open-builder';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';

const { tests: _tests, ...welcome } = JSON.parse(
  readFileSync(new URL('../../examples/flows/welcome-menu.json', import.meta.url), 'utf8'),
) as FlowDocument;

describe('traffic on the canvas and the dashboard', () => {
  let graph: FakeGraphApi;
  let session: BuilderSession;
  const page = () => session.page;

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    session = await openBuilder({
      server: {
        env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'token', WHATSAPP_APP_SECRET: APP_SECRET },
        app: { examplesDir: '/nonexistent', exampleCatalog: false },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await graph?.close();
  });

  it('shows how many customers entered each node and took each exit, after real WhatsApp conversations', async () => {
    await session.api('POST', '/api/flows/import', { ...welcome, id: 'cafe' });
    await session.api('POST', '/api/flows/cafe/publish');
    await session.api('POST', '/api/flows/cafe/default');
    const paths = [
      ['hi', 'Opening hours'],
      ['hi', 'Opening hours'],
      ['hi', 'Opening hours'],
      ['hi', 'Our coffees'],
    ];
    await Promise.all(
      paths.map(async (path, c) => {
        for (const [m, text] of path.entries()) {
          await postWebhook(session.server.url, whatsappText({ from: `155580000${c}`, text, id: `wamid.traffic-${c}-${m}` }));
        }
      }),
    );
    await eventually(async () => (graph.delivered().length >= 16 ? true : undefined), 15_000, 'every reply');

    await page().goto(`${session.server.url}/#/flows/cafe`);
    await page().getByRole('button', { name: '📊 Traffic' }).click();
    const menu = node(page(), 'main-menu');
    await menu.getByTestId('node-traffic').waitFor();
    expect(await menu.getByTestId('node-traffic').textContent()).toContain('4 entered');
    expect(await menu.locator('[data-exit="hours"] .flow-node-exit-count').textContent()).toBe('3');
    expect(await menu.locator('[data-exit="coffees"] .flow-node-exit-count').textContent()).toBe('1');
    expect(await node(page(), 'anything-else').getByTestId('node-traffic').textContent()).toContain('4 waiting');
    await session.screenshot('builder-flow-traffic');

    await page().getByRole('button', { name: '📊 Traffic' }).click();
    expect(await menu.getByTestId('node-traffic').count()).toBe(0);
  });

  it('shows the same conversations on the dashboard, with a daily chart and a CSV of the days', async () => {
    await page().goto(`${session.server.url}/#/dashboard`);
    const cards = page().getByTestId('dashboard-card');
    await cards.first().waitFor();
    const text = (await cards.allTextContents()).join(' | ');
    expect(text).toContain('Conversations4');
    expect(text).toContain('Active now4');
    expect(text).toContain('Messages in / out8 / 16');
    await page().getByTestId('dashboard-chart').locator('canvas').waitFor();
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByRole('button', { name: '⬇ CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\n')[0]).toBe('day,started,resolved,handed_off,inbound,outbound');
    expect(csv.split('\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},4,0,0,8,16$/);
    await session.screenshot('builder-dashboard');
  });
});
