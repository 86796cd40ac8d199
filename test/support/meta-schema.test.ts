import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeGraphApi } from './fake-graph-api';

const graph = await startFakeGraphApi();
afterAll(() => graph.close());

function send(body: unknown) {
  return fetch(`${graph.url}/106540352242922/messages`, {
    method: 'POST',
    headers: { authorization: 'Bearer token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe("the fake Graph API checks requests against Meta's published schema", () => {
  it.each([
    'outbound-text',
    'outbound-interactive-buttons',
    'outbound-interactive-list',
    'outbound-template-positional-params',
    'outbound-mark-as-read',
    'outbound-typing-indicator',
  ])('accepts the reference %s', async (name) => {
    const body = JSON.parse(readFileSync(new URL(`../fixtures/whatsapp-examples/${name}.json`, import.meta.url), 'utf8'));
    expect((await send(body)).status).toBe(200);
  });

  it('answers 400 (#100) naming the fault, like Meta, for a body outside the schema', async () => {
    const answer = await send({ messaging_product: 'whatsapp', to: '+16505551234', type: 'text', text: { body: 'Hi' } });
    expect(answer.status).toBe(400);
    const { error } = (await answer.json()) as { error: { code: number; message: string } };
    expect(error.code).toBe(100);
    expect(error.message).toContain("must have required property 'recipient_type'");
  });

  it('refuses a location with numeric coordinates (the schema wants strings)', async () => {
    const location = { latitude: 1.5, longitude: 2.5 };
    const answer = await send({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '1', type: 'location', location });
    expect(answer.status).toBe(400);
  });
});
