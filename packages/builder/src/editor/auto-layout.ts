import type { Exit } from '@chatflow/engine';
import type { XYPosition } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { EditorEdge, EditorNode } from './editor-node';
import { DEFAULT_NODE_SIZE } from './place-node';

/**
 * Positions for every node, laid out left to right in layers by ELK. Each exit is a port on the
 * node's right side in the node's own order, so edges leave in the order the handles are drawn
 * and the branches of a menu do not cross. ELK is loaded on first use.
 */
export async function autoLayout(
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
  exitsOf: (node: EditorNode) => Exit[],
): Promise<Map<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const ids = new Set(nodes.map((node) => node.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
      'elk.spacing.nodeNode': '50',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: `${node.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
        ...exitsOf(node).map((exit, index) => ({
          id: `${node.id}::${exit.id}`,
          layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
        })),
      ],
    })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => {
        const port = `${edge.source}::${edge.sourceHandle ?? 'next'}`;
        const known = exitsOf(nodes.find((node) => node.id === edge.source)!).some((exit) => `${edge.source}::${exit.id}` === port);
        return { id: edge.id, sources: [known ? port : edge.source], targets: [`${edge.target}::in`] };
      }),
  };
  const laid = await new ELK().layout(graph);
  return new Map((laid.children ?? []).map((child) => [child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) }]));
}
