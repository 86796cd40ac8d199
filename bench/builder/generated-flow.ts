import type { FlowDocument, FlowEdge, FlowNode } from '@chatflow/engine';

const COLUMNS = 25;

/**
 * A flow of `size` nodes laid out on a grid, alternating messages and three-option menus, each
 * leading to the next (menus by every option), as a large real flow would: long texts, many exits.
 */
export function generatedFlow(size: number): FlowDocument {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (let i = 0; i < size; i += 1) {
    const id = `n${i}`;
    const position = { x: (i % COLUMNS) * 340, y: Math.floor(i / COLUMNS) * 300 };
    if (i % 2 === 0) {
      nodes.push({
        id,
        type: 'message',
        version: 1,
        position,
        data: { text: `Step ${i}: thanks {{contact.name}}, here is what happens next.` },
      });
    } else {
      nodes.push({
        id,
        type: 'menu',
        version: 1,
        position,
        data: {
          text: `Question ${i}: which one fits best?`,
          options: [
            { id: 'a', label: 'First choice' },
            { id: 'b', label: 'Second choice' },
            { id: 'c', label: 'Third choice' },
          ],
          variable: `answer_${i}`,
        },
      });
    }
    if (i === 0) continue;
    const previous = nodes[i - 1]!;
    const exits = previous.type === 'menu' ? ['a', 'b', 'c'] : ['next'];
    for (const exit of exits) edges.push({ id: `e${i}-${exit}`, source: previous.id, sourceHandle: exit, target: id });
  }
  return { schemaVersion: 1, id: `generated-${size}`, name: `Generated ${size} nodes`, start: 'n0', nodes, edges };
}
