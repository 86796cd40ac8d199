import type { JsonSchema } from '../../schema-form/json-schema';
import { resolveObjectSchema } from '../../schema-form/resolve-schema';
import type { ValuePath } from '../../schema-form/value-path';
import { SchemaField } from '../SchemaField';

interface ObjectFieldsProps {
  schema: JsonSchema;
  value: unknown;
  path: ValuePath;
}

/** The fields of an object as its schema says right now (conditional fields resolved with ajv). */
export function ObjectFields({ schema, value, path }: ObjectFieldsProps) {
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <>
      {resolveObjectSchema(schema, object).map((field) => (
        <SchemaField
          key={field.key}
          name={field.key}
          schema={field.schema}
          value={object[field.key]}
          path={[...path, field.key]}
          required={field.required}
        />
      ))}
    </>
  );
}
