import type { AnyNodeType } from './define-node-type';

/**
 * The one list of node types that the palette, validation, schema generation and runtime read.
 * Immutable: `extend` returns a new registry.
 */
export interface Registry {
  get(type: string): AnyNodeType | undefined;
  list(): readonly AnyNodeType[];
  extend(types: readonly AnyNodeType[]): Registry;
}

/**
 * Builds a registry from node type definitions; a type defined twice is an error.
 *
 * @example
 * const registry = createRegistry(builtinNodeTypes).extend([myCustomNode]);
 */
export function createRegistry(types: readonly AnyNodeType[]): Registry {
  const byType = new Map<string, AnyNodeType>();
  for (const definition of types) {
    if (byType.has(definition.type)) {
      throw new Error(`Node type "${definition.type}" is registered twice`);
    }
    byType.set(definition.type, definition);
  }
  const list = [...byType.values()];
  return {
    get: (type) => byType.get(type),
    list: () => list,
    extend: (more) => createRegistry([...list, ...more]),
  };
}
