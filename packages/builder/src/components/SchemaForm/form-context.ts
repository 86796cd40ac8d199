import { createContext, useContext } from 'react';
import type { ValuePath } from '../../schema-form/value-path';

/** What every generated field needs from the form it is in. */
export interface FormContextValue {
  setValue: (path: ValuePath, value: unknown) => void;
  /** Problems reported on a field, by its engine path (`options[0].label`). */
  errorsAt: (field: string) => readonly string[];
  readOnly: boolean;
  /** Makes input ids unique on the page. */
  idPrefix: string;
}

export const FormContext = createContext<FormContextValue | undefined>(undefined);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('A schema field must be inside a SchemaForm');
  return value;
}

/** A DOM id for the input of a field. */
export function fieldId(prefix: string, field: string): string {
  return `${prefix}-${field}`.replace(/[^A-Za-z0-9_-]+/g, '-');
}
