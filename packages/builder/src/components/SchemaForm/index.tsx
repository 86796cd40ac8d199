import { useMemo } from 'react';
import type { JsonSchema } from '../../schema-form/json-schema';
import { pathToField, setAt } from '../../schema-form/value-path';
import { FormContext, type FormContextValue } from './form-context';
import { ObjectFields } from './object-fields';
import './style.css';

const NO_ERRORS: readonly string[] = [];

interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  /** The whole new value, and the field that changed (edits of one field undo together). */
  onChange: (value: Record<string, unknown>, field: string) => void;
  /** Focus left a field (ends a run of edits that undo together). */
  onBlur?: () => void;
  /** Messages of problems by field path, shown under their fields. */
  errors?: ReadonlyMap<string, readonly string[]>;
  readOnly?: boolean;
  idPrefix: string;
}

/**
 * A form generated from a JSON Schema: titles, descriptions, defaults, enums, lists of objects
 * (add, remove, reorder), nested objects, booleans, numbers, `x-widget: 'textarea'`, and fields
 * that come and go with `if`/`then`/`else`. Node types need no hand-written form.
 */
export function SchemaForm({ schema, value, onChange, onBlur, errors, readOnly = false, idPrefix }: SchemaFormProps) {
  const context = useMemo<FormContextValue>(
    () => ({
      setValue: (path, next) => onChange(setAt(value, path, next) as Record<string, unknown>, pathToField(path)),
      errorsAt: (field) => errors?.get(field) ?? NO_ERRORS,
      readOnly,
      idPrefix,
    }),
    [value, onChange, errors, readOnly, idPrefix],
  );
  return (
    <FormContext.Provider value={context}>
      <fieldset className="schema-form" onBlur={onBlur}>
        <ObjectFields schema={schema} value={value} path={[]} />
      </fieldset>
    </FormContext.Provider>
  );
}
