import { defaultRegistry } from '@chatflow/engine';
import type { NodeTypes } from '@xyflow/react';
import { FlowNodeCard } from '../FlowNodeCard';

/**
 * Every registered node type draws with the same card, which reads the type's definition.
 * A module-scope constant, so React Flow never sees a new object and never remounts nodes.
 */
export const nodeTypes: NodeTypes = Object.fromEntries(defaultRegistry.list().map((definition) => [definition.type, FlowNodeCard]));
