import type { AnyNodeType, Exit } from '@chatflow/engine';
import { withDefaults } from '../schema-form/builder-ajv';
import { configSchemaOf } from '../schema-form/json-schema';
import type { NodeData } from './editor-node';

const configs = new WeakMap<NodeData, NodeData>();

/** The node's config as the engine sees it (schema defaults filled), cached per data object. */
export function configOf(definition: AnyNodeType, data: NodeData): NodeData {
  let config = configs.get(data);
  if (!config) {
    config = withDefaults(configSchemaOf(definition), data);
    configs.set(data, config);
  }
  return config;
}

// A node type's own functions assume a valid config; while the admin is still typing it may not be.
function attempt<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/** The node's output handles, or none while its config is too broken to tell. */
export function nodeExits(definition: AnyNodeType, data: NodeData): Exit[] {
  return attempt(() => definition.exits(configOf(definition, data)), []);
}

/** The line shown on the canvas node: the type's summary, else the node's main text. */
export function nodeSummary(definition: AnyNodeType, data: NodeData): string {
  const text = typeof data.text === 'string' ? data.text : '';
  if (!definition.summary) return text;
  return attempt(() => definition.summary?.(configOf(definition, data)) ?? text, text);
}

/** The variables the node sets and uses by its own account (templates are found separately). */
export function nodeVariables(definition: AnyNodeType, data: NodeData): { sets: string[]; uses: string[] } {
  const declared = attempt(() => definition.variables?.(configOf(definition, data)) ?? {}, {});
  return { sets: declared.sets ?? [], uses: declared.uses ?? [] };
}
