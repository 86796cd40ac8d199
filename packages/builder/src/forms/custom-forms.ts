import type { ComponentType } from 'react';

/** What a hand-written config form gets: the same contract as the generated one. */
export interface CustomFormProps {
  nodeId: string;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>, field: string) => void;
  errors: ReadonlyMap<string, readonly string[]>;
  readOnly: boolean;
}

/**
 * Config forms written by hand, by node type. Only for a node type whose config the generated
 * form (from its JSON Schema) cannot serve; every built-in type uses the generated form.
 */
export const customForms: Readonly<Record<string, ComponentType<CustomFormProps>>> = {};
