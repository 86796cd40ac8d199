import type { FlowDocument, FlowEdge, FlowNode } from '@chatflow/engine';
import type { EditorEdge, EditorNode, FlowMeta } from './editor-node';

/**
 * The flow document the editor shows, as saved: React Flow's runtime-only fields (`selected`,
 * `measured`, `dragging`, ...) are left out and positions are rounded so drafts diff cleanly.
 */
export function toDocument(meta: FlowMeta, nodes: readonly EditorNode[], edges: readonly EditorEdge[]): FlowDocument {
  return { ...meta, nodes: nodes.map(toFlowNode), edges: edges.map(toFlowEdge) };
}

export function toFlowNode(node: EditorNode): FlowNode {
  return {
    id: node.id,
    type: node.type ?? 'message',
    ...(node.version === undefined ? {} : { version: node.version }),
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    data: node.data,
  };
}

export function toFlowEdge(edge: EditorEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    target: edge.target,
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
  };
}

/** Splits a flow document into what the editor holds: its meta fields, nodes and edges. */
export function fromDocument(document: FlowDocument): { meta: FlowMeta; nodes: EditorNode[]; edges: EditorEdge[] } {
  const { nodes, edges, ...meta } = document;
  return {
    meta,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type,
      ...(typeof node.version === 'number' ? { version: node.version } : {}),
      position: { x: node.position.x, y: node.position.y },
      data: node.data,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
      ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
    })),
  };
}
