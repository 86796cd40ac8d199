import { type FlowDocument, type FlowVariable, type Registry, templateVariables } from '@chatflow/engine';
import { nodeVariables } from './node-content';

/** A variable of the flow and where it comes from and goes. */
export interface VariableUsage {
  name: string;
  /** The declaration in the flow's `variables`, when there is one. */
  declared?: FlowVariable;
  /** Ids of the nodes that set it. */
  setBy: string[];
  /** Where it is read: the node and the field (`data.text`). */
  usedBy: { nodeId: string; field: string }[];
  /** `contact.*` variables come from the channel, not the flow. */
  builtIn: boolean;
}

/**
 * Every variable of a flow: the declared ones, the ones nodes set (by their type's
 * `variables()`), and the ones read by `{{templates}}` or by node types, sorted by name.
 */
export function indexVariables(flow: FlowDocument, registry: Registry): VariableUsage[] {
  const byName = new Map<string, VariableUsage>();
  const entry = (name: string): VariableUsage => {
    let usage = byName.get(name);
    if (!usage) {
      usage = { name, setBy: [], usedBy: [], builtIn: name.startsWith('contact.') };
      byName.set(name, usage);
    }
    return usage;
  };
  for (const variable of flow.variables ?? []) entry(variable.name).declared = variable;
  for (const node of flow.nodes) {
    const definition = registry.get(node.type);
    const own = definition ? nodeVariables(definition, node.data) : { sets: [], uses: [] };
    for (const name of own.sets) addOnce(entry(name).setBy, node.id);
    for (const name of own.uses) entry(name).usedBy.push({ nodeId: node.id, field: 'data' });
    for (const { name, field } of templatesIn(node.data, 'data')) {
      const key = name.startsWith('contact.') ? name : (name.split('.')[0] as string);
      entry(key).usedBy.push({ nodeId: node.id, field });
    }
  }
  return [...byName.values()].sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name));
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function templatesIn(value: unknown, field: string): { name: string; field: string }[] {
  if (typeof value === 'string') return templateVariables(value).map((name) => ({ name, field }));
  if (Array.isArray(value)) return value.flatMap((item, i) => templatesIn(item, `${field}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => templatesIn(item, `${field}.${key}`));
  return [];
}
