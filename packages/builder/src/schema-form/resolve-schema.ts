import { matchesSchema } from './builder-ajv';
import type { JsonSchema } from './json-schema';

/** One field of an object as the form shows it right now. */
export interface ResolvedField {
  key: string;
  schema: JsonSchema;
  required: boolean;
}

interface Collected {
  properties: Map<string, JsonSchema>;
  required: Set<string>;
  hidden: Set<string>;
}

/**
 * The fields of an object schema for its current value: `properties`, plus those of `allOf`
 * members and of the `then`/`else` branch whose `if` the value matches (checked with ajv).
 * A field the inactive branch mentions and the active one does not is hidden, so a media URL
 * disappears when a message's type is `text`. Fields with `const` are fixed and never shown, nor
 * are `deprecated` ones (a setting that does nothing any more).
 */
export function resolveObjectSchema(schema: JsonSchema, value: unknown): ResolvedField[] {
  const collected: Collected = { properties: new Map(), required: new Set(), hidden: new Set() };
  collect(schema, value ?? {}, collected);
  const order = Array.isArray(schema['x-order']) ? schema['x-order'] : [];
  const fields = [...collected.properties]
    .filter(([key, field]) => !collected.hidden.has(key) && field.const === undefined && field.deprecated !== true)
    .map(([key, field]) => ({ key, schema: field, required: collected.required.has(key) }));
  return fields
    .map((field, index) => ({ field, rank: rankOf(field, order, index) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ field }) => field);
}

function rankOf(field: ResolvedField, order: readonly string[], index: number): number {
  const listed = order.indexOf(field.key);
  if (listed >= 0) return listed - 10_000;
  if (typeof field.schema['x-order'] === 'number') return field.schema['x-order'] - 5_000;
  return index;
}

function collect(schema: JsonSchema, value: unknown, into: Collected): void {
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const known = into.properties.get(key);
    into.properties.set(key, known ? { ...known, ...field } : field);
  }
  for (const key of schema.required ?? []) into.required.add(key);
  for (const member of schema.allOf ?? []) collect(member, value, into);
  if (schema.if) {
    const matched = matchesSchema(schema.if, value);
    const active = matched ? schema.then : schema.else;
    const inactive = matched ? schema.else : schema.then;
    if (active) collect(active, value, into);
    const shown = active ? mentioned(active) : new Set<string>();
    for (const key of inactive ? mentioned(inactive) : []) if (!shown.has(key)) into.hidden.add(key);
  }
}

/** The property names a schema branch talks about: its properties and what it requires. */
function mentioned(schema: JsonSchema): Set<string> {
  const names = new Set<string>([...Object.keys(schema.properties ?? {}), ...(schema.required ?? [])]);
  const branches = [schema.then, schema.else].filter((branch): branch is JsonSchema => branch !== undefined);
  for (const member of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...branches]) {
    for (const name of mentioned(member)) names.add(name);
  }
  return names;
}
