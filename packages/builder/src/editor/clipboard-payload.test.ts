import { describe, expect, it } from 'vitest';
import { parseClipboard, serializeClipboard } from './clipboard-payload';

describe('clipboard payload', () => {
  const payload = {
    nodes: [{ id: 'a', type: 'message', position: { x: 1, y: 2 }, data: { text: 'Hi' } }],
    edges: [{ id: 'e', source: 'a', target: 'b' }],
  };

  it('reads back what was copied', () => {
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
  });

  it('ignores any other clipboard text', () => {
    expect([parseClipboard('hello'), parseClipboard('{"nodes":[]}'), parseClipboard(''), parseClipboard(null)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('drops malformed nodes and edges', () => {
    const text = JSON.stringify({ 'chatflow/clipboard': 1, nodes: [...payload.nodes, { id: 'x' }], edges: [{ id: 'e2' }] });
    expect(parseClipboard(text)).toEqual({ nodes: payload.nodes, edges: [] });
  });
});
