import type { AnyNodeType, NodeCategory, Registry } from '@chatflow/engine';

const CATEGORY_ORDER: readonly NodeCategory[] = ['Messages', 'Input', 'Logic', 'People', 'AI', 'Commerce', 'Integrations', 'Custom'];

export interface PaletteGroup {
  category: string;
  types: AnyNodeType[];
}

/**
 * The palette: every registered node type (custom ones included, with no builder change),
 * grouped by category in a fixed order, filtered by `query` on title, description, type and category.
 */
export function paletteGroups(registry: Registry, query = ''): PaletteGroup[] {
  const needle = query.trim().toLowerCase();
  const groups = new Map<string, AnyNodeType[]>();
  for (const definition of registry.list()) {
    const text = [definition.title, definition.description, definition.type, definition.category].join(' ').toLowerCase();
    if (needle && !text.includes(needle)) continue;
    groups.set(definition.category, [...(groups.get(definition.category) ?? []), definition]);
  }
  const rank = (category: string) => {
    const index = CATEGORY_ORDER.indexOf(category as NodeCategory);
    return index === -1 ? CATEGORY_ORDER.length : index;
  };
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([category, types]) => ({ category, types }));
}
