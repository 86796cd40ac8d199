import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv/dist/2020';
import type { JsonSchema } from './json-schema';

// Two instances: conditions must be evaluated without touching the value, defaults must be filled.
const conditionAjv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
const defaultsAjv = new Ajv({ strict: false, validateFormats: false, allErrors: true, useDefaults: true });

function cached(ajv: Ajv): (schema: JsonSchema) => ValidateFunction {
  const cache = new WeakMap<JsonSchema, ValidateFunction>();
  return (schema) => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      cache.set(schema, validate);
    }
    return validate;
  };
}

const compileCondition = cached(conditionAjv);
const compileDefaults = cached(defaultsAjv);

/** Whether `value` satisfies `schema` (an `if` condition of a node's config schema). */
export function matchesSchema(schema: JsonSchema, value: unknown): boolean {
  return compileCondition(schema)(value);
}

/** A copy of `value` with the schema's defaults filled in, the way the engine sees a config. */
export function withDefaults<T>(schema: JsonSchema, value: T): T {
  const copy = structuredClone(value);
  compileDefaults(schema)(copy);
  return copy;
}
