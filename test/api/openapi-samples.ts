/** JSON Schema as the OpenAPI document holds it. */
export type Schema = Record<string, unknown>;

/** A seeded PRNG (mulberry32): the same seed gives the same fuzz run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Follows `#/components/schemas/<Name>` references (and one level of `allOf`/`anyOf`/`oneOf`). */
export function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  const ref = schema.$ref;
  if (typeof ref === 'string') return resolve(components[ref.split('/').pop() ?? ''] ?? {}, components);
  return schema;
}

/** A valid-looking value for `schema`: required fields filled, enums and consts honoured. */
export function sample(schema: Schema, components: Record<string, Schema>, depth = 0): unknown {
  const s = resolve(schema, components);
  if (depth > 8) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('default' in s) return s.default;
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (branches?.length) return sample(branches[0] as Schema, components, depth + 1);
  if (Array.isArray(s.allOf)) {
    return Object.assign({}, ...s.allOf.map((part) => sample(part as Schema, components, depth + 1)));
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return 'x';
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      if (!required.length && Number(s.minProperties ?? 0) > 0) required.push(...Object.keys(properties).slice(0, Number(s.minProperties)));
      return Object.fromEntries(required.map((name) => [name, sample(properties[name] ?? {}, components, depth + 1)]));
    }
    case 'array':
      return Array.from({ length: Number(s.minItems ?? 0) }, () => sample((s.items ?? {}) as Schema, components, depth + 1));
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function sampleString(s: Schema): string {
  if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
  if (s.format === 'email') return 'fuzz@example.com';
  if (s.format === 'uri') return 'https://example.com/';
  if (s.pattern === '^[A-Z]{3}$') return 'USD';
  if (typeof s.pattern === 'string' && /\\+?\[?\\?d|\+/.test(s.pattern)) return '+15551234567';
  return 'fuzz'.padEnd(Number(s.minLength ?? 1), 'z');
}
