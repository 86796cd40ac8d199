import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Keywords node schemas may carry as hints for the generated config form. */
export const UI_KEYWORDS = ['x-widget', 'x-placeholder', 'x-order'];

/** An ajv instance that fills defaults, reports every error and knows the UI hint keywords. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(UI_KEYWORDS);
  return ajv;
}

/** Compiles each schema once, keyed by the schema object. */
export function createSchemaCache(ajv: Ajv): (schema: object) => ValidateFunction {
  const cache = new WeakMap<object, ValidateFunction>();
  return (schema) => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      cache.set(schema, validate);
    }
    return validate;
  };
}
