import { defaultRegistry } from '@chatflow/engine';
import type { Node } from '@xyflow/react';
import { categoryColor } from '../FlowNodeCard/category-color';

/** Minimap nodes in their palette category's colour. */
export function minimapColor(node: Node): string {
  const definition = node.type ? defaultRegistry.get(node.type) : undefined;
  return definition ? categoryColor(definition.category) : '#9aa3af';
}
