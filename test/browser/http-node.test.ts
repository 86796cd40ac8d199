import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node } from './support/canvas';
import { type BuilderSession, openBuilder } from './support/open-builder';

/** Looks an order up at an address on a private network: the server refuses to call it. */
const privateLookup: FlowDocument = {
  schemaVersion: 1,
  id: 'private-lookup',
  name: 'Private lookup',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', version: 1, position: { x: 0, y: 0 }, data: { text: 'Order number?', variable: 'order_id' } },
    {
      id: 'lookup',
      type: 'http',
      version: 1,
      position: { x: 340, y: 0 },
      data: {
        method: 'POST',
        url: 'http://10.0.0.5/orders',
        bodyFormat: 'multipart',
        parts: [{ name: 'order', value: '{{order_id}}' }],
        cacheHours: 1,
      },
    },
    { id: 'ok', type: 'end', version: 1, position: { x: 680, y: 0 }, data: { text: 'Found it.' } },
    { id: 'sorry', type: 'end', version: 1, position: { x: 680, y: 160 }, data: { text: 'Sorry, the shop is not reachable.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'lookup' },
    { id: 'e2', source: 'lookup', sourceHandle: 'next', target: 'ok' },
    { id: 'e3', source: 'lookup', sourceHandle: 'error', target: 'sorry' },
  ],
};

describe('the http node in the builder', () => {
  let session: BuilderSession;
  const page = () => session.page;

  beforeAll(async () => {
    session = await openBuilder();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('shows multipart parts in the form and, in the test chat, why a refused call took the error exit', async () => {
    await session.api('POST', '/api/flows/import', privateLookup);
    await page().goto(`${session.server.url}/#/flows/private-lookup`);
    await node(page(), 'lookup').click();
    // The schema's if/then shows parts, not the body, for the multipart format.
    expect(await page().locator('#node-lookup-parts-0-value').inputValue()).toBe('{{order_id}}');
    expect(await page().locator('#node-lookup-body').count()).toBe(0);
    await page().getByRole('button', { name: '▶ Test' }).click();
    const chat = page().getByTestId('chat');
    await chat.getByText('Order number?').waitFor();
    await page().getByRole('textbox', { name: 'Message' }).fill('A-17');
    await page().getByTestId('simulator').getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('Sorry, the shop is not reachable.').waitFor();
    const alert = page().getByTestId('simulator').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('node "lookup" failed: host 10.0.0.5 is a private address');
    await session.screenshot('builder-simulator-http-refused');
  });
});
