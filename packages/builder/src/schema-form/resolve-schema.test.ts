import { defaultRegistry } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { configSchemaOf, type JsonSchema } from './json-schema';
import { resolveObjectSchema } from './resolve-schema';

const keys = (schema: JsonSchema, value: unknown) => resolveObjectSchema(schema, value).map((field) => field.key);

describe('resolveObjectSchema', () => {
  const messageItem = configSchemaOf(defaultRegistry.get('message')!).properties?.messages?.items ?? {};

  it('shows the text of a text message and hides the media fields', () => {
    expect(keys(messageItem, { type: 'text' })).toEqual(['type', 'text']);
  });

  it('shows the media fields of an image and hides the text', () => {
    expect(keys(messageItem, { type: 'image' })).toEqual(['type', 'url', 'mediaId', 'media', 'caption', 'filename']);
  });

  it('shows the template of a template message and hides the text and media fields', () => {
    expect(keys(messageItem, { type: 'template' })).toEqual(['type', 'template']);
  });

  it('adds the fields and required marks of the branch the value matches', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { mode: { enum: ['fixed', 'ask'] } },
      allOf: [
        {
          if: { properties: { mode: { const: 'ask' } } },
          then: { properties: { question: { type: 'string' } }, required: ['question'] },
          else: { properties: { answer: { type: 'string' } } },
        },
      ],
    };
    expect(resolveObjectSchema(schema, { mode: 'ask' })).toEqual([
      { key: 'mode', schema: { enum: ['fixed', 'ask'] }, required: false },
      { key: 'question', schema: { type: 'string' }, required: true },
    ]);
    expect(keys(schema, { mode: 'fixed' })).toEqual(['mode', 'answer']);
  });

  it('orders fields by x-order and leaves const fields out', () => {
    const schema: JsonSchema = {
      'x-order': ['b'],
      properties: { a: { type: 'string' }, kind: { const: 'x' }, b: { type: 'string' } },
    };
    expect(keys(schema, {})).toEqual(['b', 'a']);
  });

  it("does not offer the AI node's temperature, which Claude no longer takes, even on a node saved with one", () => {
    const ai = configSchemaOf(defaultRegistry.get('ai')!);
    expect(keys(ai, { systemPrompt: 'Help', temperature: 0.3 })).not.toContain('temperature');
    expect(keys(ai, { systemPrompt: 'Help' })).toContain('maxTokens');
  });
});
