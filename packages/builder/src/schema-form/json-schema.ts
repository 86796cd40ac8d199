import type { AnyNodeType } from '@chatflow/engine';

/** The part of JSON Schema (2020-12) the generated config form reads, plus the engine's `x-` UI hints. */
export interface JsonSchema {
  type?: string | readonly string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  /** A field kept only so documents saved with it stay valid; the form does not show it. */
  deprecated?: boolean;
  /** `textarea` for multi-line text. */
  'x-widget'?: string;
  'x-placeholder'?: string;
  /** On an object: its fields in display order. On a field: its rank. */
  'x-order'?: readonly string[] | number;
}

/** A node type's config schema, seen as the JSON Schema it is (node types declare it `as const`). */
export function configSchemaOf(definition: AnyNodeType): JsonSchema {
  return definition.configSchema as JsonSchema;
}

/** The one JSON type a field edits: the first non-null entry of `type`, or one inferred from enum/const. */
export function fieldType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (schema.type) return schema.type.find((t) => t !== 'null');
  if (schema.enum) return 'enum';
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}
