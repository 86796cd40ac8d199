import { defaultRegistry } from '@chatflow/engine';
import type { NodeTypes } from '@xyflow/react';
import { FlowNodeCard } from '../FlowNodeCard';

/** Drawn for a node whose type the registry does not know (a flow from a newer server, a typo). */
export const UNKNOWN_TYPE = 'chatflow-unknown-type';

/**
 * Every registered node type draws with the same card, which reads the type's definition.
 * A module-scope constant, so React Flow never sees a new object and never remounts nodes.
 */
export const nodeTypes: NodeTypes = {
  ...Object.fromEntries(defaultRegistry.list().map((definition) => [definition.type, FlowNodeCard])),
  [UNKNOWN_TYPE]: FlowNodeCard,
};
