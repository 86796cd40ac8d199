import type { NodeCategory } from '@chatflow/engine';

const colors: Record<NodeCategory, string> = {
  Messages: '#2f80ed',
  Input: '#8b5cf6',
  Logic: '#64748b',
  People: '#f08c00',
  AI: '#d6336c',
  Commerce: '#12a150',
  Integrations: '#0c8599',
  Custom: '#475569',
};

/** The accent of a palette category, on the node's icon, its top edge and the minimap. */
export function categoryColor(category: NodeCategory): string {
  return colors[category] ?? colors.Custom;
}
