import type { Registry } from '@chatflow/engine';
import type { EditorNode } from './editor-node';
import { nodeSummary } from './node-content';

/** A node found by text, with what the result list shows of it. */
export interface NodeMatch {
  id: string;
  icon: string;
  title: string;
  summary: string;
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

/** Nodes whose id, type title or any text in their config contains `query` (case-insensitive). */
export function searchNodes(nodes: readonly EditorNode[], query: string, registry: Registry, limit = 20): NodeMatch[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const matches: NodeMatch[] = [];
  for (const node of nodes) {
    const definition = node.type ? registry.get(node.type) : undefined;
    const haystack = [node.id, definition?.title ?? node.type ?? '', ...texts(node.data)];
    if (!haystack.some((text) => text.toLowerCase().includes(needle))) continue;
    matches.push({
      id: node.id,
      icon: definition?.icon ?? '❓',
      title: definition?.title ?? node.type ?? 'Unknown',
      summary: definition ? nodeSummary(definition, node.data) : '',
    });
    if (matches.length >= limit) break;
  }
  return matches;
}
