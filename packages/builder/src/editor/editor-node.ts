import type { FlowDocument } from '@chatflow/engine';
import type { Edge, Node } from '@xyflow/react';

/** A node's `data`: its config, validated by its node type's schema. */
export type NodeData = Record<string, unknown>;

/** A flow node as React Flow holds it, plus the node type version the flow document records. */
export type EditorNode = Node<NodeData> & { version?: number };

export type EditorEdge = Edge;

/** Everything in a flow document besides its nodes and edges (id, name, start, variables, settings). */
export type FlowMeta = Omit<FlowDocument, 'nodes' | 'edges'>;
