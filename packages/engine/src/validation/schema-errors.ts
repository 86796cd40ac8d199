import type { ErrorObject } from 'ajv';

/** `/options/0/label` → `options[0].label` */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function joinPath(base: string, rest: string): string {
  if (!rest) return base;
  if (!base) return rest;
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`;
}

/** An ajv error as a field and a sentence a person can act on. */
export function describeSchemaError(error: ErrorObject): { field: string; message: string } {
  const field = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: joinPath(field, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { field: joinPath(field, String(params.additionalProperty)), message: 'is not a known field' };
    case 'enum':
      return {
        field,
        message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { field, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'maxLength':
      return { field, message: `must be at most ${params.limit} characters` };
    case 'minLength':
      return { field, message: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters` };
    case 'maxItems':
      return { field, message: `must have at most ${params.limit} items` };
    case 'minItems':
      return { field, message: `must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}` };
    default:
      return { field, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** ajv reports `if` failures beside the real cause; those add nothing for a person. */
export function isNoise(error: ErrorObject): boolean {
  return error.keyword === 'if';
}
