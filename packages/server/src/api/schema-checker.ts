import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;

/** What is wrong with a value: the path of the field (`draft.nodes[0].id`) and a sentence. */
export interface SchemaError {
  path: string;
  message: string;
}

/** Validates request bodies against JSON Schemas that may `$ref` the shared components. */
export interface SchemaChecker {
  /** The first thing wrong with `value`, or undefined when it is valid. `root` prefixes the path (e.g. `body`). */
  check(schema: JsonSchema, value: unknown, root?: string): SchemaError | undefined;
}

/**
 * Creates a checker over OpenAPI-style components: schemas refer to each other as
 * `#/components/schemas/<Name>`, exactly as the OpenAPI document does, so the same schema objects
 * serve validation and documentation.
 */
export function createSchemaChecker(components: Record<string, JsonSchema>): SchemaChecker {
  const ajv = new Ajv({ allErrors: false, strict: false, discriminator: true });
  addFormats(ajv);
  const cache = new WeakMap<JsonSchema, ValidateFunction>();
  return {
    check(schema, value, root = '') {
      let validate = cache.get(schema);
      if (!validate) {
        validate = ajv.compile({ ...schema, components: { schemas: components } });
        cache.set(schema, validate);
      }
      if (validate(value)) return undefined;
      const error = validate.errors?.[0];
      return error ? describe(error, root) : { path: root, message: 'is invalid' };
    },
  };
}

function describe(error: ErrorObject, root: string): SchemaError {
  const params = error.params as Record<string, unknown>;
  const at = join(root, pointerToPath(error.instancePath));
  switch (error.keyword) {
    case 'required':
      return { path: join(at, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: join(at, String(params.additionalProperty)), message: 'is not a known field' };
    case 'enum':
      return { path: at, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'minLength':
      return { path: at, message: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters` };
    default:
      return { path: at, message: error.message ?? `fails ${error.keyword}` };
  }
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : join(path, part)), '');
}

function join(base: string, rest: string): string {
  if (!rest) return base;
  if (!base) return rest;
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`;
}
