import { describe, expect, it } from 'vitest';
import { fieldErrors } from './field-errors';

describe('fieldErrors', () => {
  it('files config problems under their form field and leaves the others out', () => {
    const errors = fieldErrors([
      { severity: 'error', code: 'schema', nodeId: 'm', field: 'data.options[0].label', message: 'must not be empty' },
      { severity: 'error', code: 'check', nodeId: 'm', field: 'data.options[0].label', message: 'two options have the same label' },
      { severity: 'error', code: 'schema', nodeId: 'm', field: 'data', message: 'must match a schema in anyOf' },
      { severity: 'warning', code: 'open-exit', nodeId: 'm', field: 'exits.a', message: 'exit "A" is not connected' },
    ]);
    expect(Object.fromEntries(errors)).toEqual({
      'options[0].label': ['must not be empty', 'two options have the same label'],
      '': ['must match a schema in anyOf'],
    });
  });
});
