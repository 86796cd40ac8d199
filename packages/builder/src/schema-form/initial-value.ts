import { fieldType, type JsonSchema } from './json-schema';

/**
 * The value a new node or a new list item starts with: defaults from the schema, and an empty
 * value for every required field, so the form shows every field that needs filling and validation
 * names the empty ones. When nothing is required but `anyOf` requires one of several fields, the
 * first of those is started (a message starts with its text).
 */
export function initialValue(schema: JsonSchema, key = 'item'): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  switch (fieldType(schema)) {
    case 'enum':
      return schema.enum?.[0];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array': {
      const list: unknown[] = [];
      while (list.length < (schema.minItems ?? 0)) list.push(newArrayItem(schema.items ?? {}, list, key));
      return list;
    }
    case 'object':
      return initialObject(schema);
    default:
      return undefined;
  }
}

function initialObject(schema: JsonSchema): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  if (required.size === 0) for (const key of schema.anyOf?.[0]?.required ?? []) required.add(key);
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    if (field.default === undefined && !required.has(key)) continue;
    const start = initialValue(field, key);
    if (start !== undefined) value[key] = start;
  }
  return value;
}

/**
 * A new item for an array field. When items carry a required string `id` (a menu option is an
 * exit, named by its id), the new item gets one that is unique in the list, e.g. `option_3`.
 */
export function newArrayItem(items: JsonSchema, existing: readonly unknown[], arrayKey: string): unknown {
  const item = initialValue(items);
  const idField = items.properties?.id;
  if (!idField || fieldType(idField) !== 'string' || !(items.required ?? []).includes('id')) return item;
  const taken = new Set(existing.map((other) => (other as { id?: unknown } | null)?.id));
  const base = arrayKey.replace(/s$/, '') || 'item';
  let n = existing.length + 1;
  while (taken.has(`${base}_${n}`)) n += 1;
  return { ...(item as object), id: `${base}_${n}` };
}
