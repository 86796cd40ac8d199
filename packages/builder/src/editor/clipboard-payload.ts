import type { FlowEdge, FlowNode } from '@chatflow/engine';

const MARK = 'chatflow/clipboard';

/** Nodes and the edges between them, copied from one flow to paste in this or another flow. */
export interface ClipboardPayload {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The text put on the system clipboard (and in localStorage) for a copy. */
export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify({ [MARK]: 1, ...payload });
}

/** The payload in clipboard text, or undefined when the text is anything else. */
export function parseClipboard(text: string | null | undefined): ClipboardPayload | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !(MARK in parsed)) return undefined;
  const { nodes, edges } = parsed as { nodes?: unknown; edges?: unknown };
  if (!Array.isArray(nodes) || !Array.isArray(edges)) return undefined;
  const validNodes = nodes.filter(isFlowNode);
  return { nodes: validNodes, edges: edges.filter(isFlowEdge) };
}

function isFlowNode(value: unknown): value is FlowNode {
  const node = value as Partial<FlowNode> | null;
  return (
    typeof node?.id === 'string' &&
    typeof node.type === 'string' &&
    typeof node.position?.x === 'number' &&
    typeof node.position.y === 'number' &&
    typeof node.data === 'object' &&
    node.data !== null
  );
}

function isFlowEdge(value: unknown): value is FlowEdge {
  const edge = value as Partial<FlowEdge> | null;
  return typeof edge?.id === 'string' && typeof edge.source === 'string' && typeof edge.target === 'string';
}
