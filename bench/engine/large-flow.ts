import type { FlowDocument } from '@chatflow/engine';
import { twentyNodeFlow } from './twenty-node-flow';

/**
 * A flow of `segments` × 20 nodes: copies of the twenty-node flow chained one after another
 * (a segment's "No, thanks" leads to the next segment's welcome). 25 segments make 500 nodes.
 */
export function largeFlow(segments: number): FlowDocument {
  const nodes: FlowDocument['nodes'] = [];
  const edges: FlowDocument['edges'] = [];
  for (let k = 0; k < segments; k += 1) {
    const id = (name: string) => `${name}-${k}`;
    for (const node of twentyNodeFlow.nodes) {
      const data = structuredClone(node.data);
      nodes.push({ ...node, id: id(node.id), position: { x: node.position.x + k * 1200, y: node.position.y }, data });
    }
    for (const edge of twentyNodeFlow.edges) edges.push({ ...edge, id: id(edge.id), source: id(edge.source), target: id(edge.target) });
    if (k + 1 < segments) edges.push({ id: id('next-segment'), source: id('again'), sourceHandle: 'stop', target: `welcome-${k + 1}` });
  }
  return { ...twentyNodeFlow, id: `bench-${segments * 20}`, name: `Benchmark: ${segments * 20} nodes`, start: 'welcome-0', nodes, edges };
}
