import { defaultRegistry } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { initialValue, newArrayItem } from './initial-value';
import { configSchemaOf } from './json-schema';

const schemaOf = (type: string) => configSchemaOf(defaultRegistry.get(type)!);

describe('initialValue', () => {
  it('starts a menu with its defaults, an empty text and one option with an id', () => {
    expect(initialValue(schemaOf('menu'))).toEqual({
      text: '',
      options: [{ id: 'option_1', label: '' }],
      style: 'auto',
      button: 'Choose',
      invalidText: 'Please choose one of the options.',
      maxRetries: 2,
    });
  });

  it('starts a message with its text, the first of the fields it needs one of', () => {
    expect(initialValue(schemaOf('message'))).toEqual({ text: '' });
  });

  it('starts a node type without required fields empty', () => {
    expect(initialValue(schemaOf('end'))).toEqual({});
  });
});

describe('newArrayItem', () => {
  it('gives a new menu option an id not used by the others', () => {
    const items = schemaOf('menu').properties?.options?.items ?? {};
    const existing = [
      { id: 'option_1', label: 'A' },
      { id: 'option_3', label: 'B' },
    ];
    expect(newArrayItem(items, existing, 'options')).toEqual({ id: 'option_4', label: '' });
  });

  it('fills defaults of items without ids', () => {
    const items = schemaOf('message').properties?.messages?.items ?? {};
    expect(newArrayItem(items, [], 'messages')).toEqual({ type: 'text' });
  });
});
