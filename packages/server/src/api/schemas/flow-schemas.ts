import { flowSchema } from '@chatflow/engine';
import type { JsonSchema } from '../schema-checker';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const { $schema: _dialect, $id: _id, ...flowDocument } = flowSchema;
const time = { type: 'string', format: 'date-time' };

/** Schemas of the flow routes, as OpenAPI components. */
export const flowSchemas: Record<string, JsonSchema> = {
  FlowDocument: { ...flowDocument, description: 'A flow document (schemas/flow.schema.json)' },
  Problem: {
    type: 'object',
    required: ['severity', 'code', 'field', 'message'],
    properties: {
      severity: { enum: ['error', 'warning'] },
      code: { type: 'string' },
      nodeId: { type: 'string' },
      edgeId: { type: 'string' },
      field: { type: 'string', description: 'e.g. `data.options[0].label`' },
      message: { type: 'string' },
    },
  },
  Problems: { type: 'array', items: ref('Problem') },
  FlowSummary: {
    type: 'object',
    required: ['id', 'name', 'updatedAt', 'isDefault'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      updatedAt: time,
      publishedVersion: { type: 'integer', minimum: 1 },
      isDefault: { type: 'boolean' },
    },
  },
  FlowRecord: {
    type: 'object',
    required: ['id', 'name', 'draft', 'createdAt', 'updatedAt', 'isDefault'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      draft: ref('FlowDocument'),
      createdAt: time,
      updatedAt: time,
      publishedVersion: { type: 'integer', minimum: 1 },
      isDefault: { type: 'boolean' },
    },
  },
  FlowVersionSummary: {
    type: 'object',
    required: ['version', 'publishedAt', 'publishedBy'],
    properties: { version: { type: 'integer', minimum: 1 }, publishedAt: time, publishedBy: { type: 'string' } },
  },
  FlowVersion: {
    type: 'object',
    required: ['version', 'document', 'publishedAt', 'publishedBy'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      document: ref('FlowDocument'),
      publishedAt: time,
      publishedBy: { type: 'string' },
    },
  },
  CreateFlowBody: {
    oneOf: [
      {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      { type: 'object', required: ['document'], additionalProperties: false, properties: { document: ref('FlowDocument') } },
    ],
  },
  UpdateFlowBody: {
    type: 'object',
    required: ['draft'],
    additionalProperties: false,
    properties: { draft: ref('FlowDocument'), name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  DocumentBody: { type: 'object', required: ['document'], additionalProperties: false, properties: { document: ref('FlowDocument') } },
  SaveResult: {
    type: 'object',
    required: ['updatedAt', 'problems'],
    properties: { updatedAt: time, problems: ref('Problems') },
  },
  FlowTestResults: {
    type: 'object',
    required: ['results'],
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'passed'],
          properties: {
            name: { type: 'string' },
            passed: { type: 'boolean' },
            failure: {
              type: 'object',
              required: ['step', 'what', 'expected', 'actual'],
              description: 'The first step that did not hold (1-based), what was expected and what the bot did',
              properties: {
                step: { type: 'integer', minimum: 1 },
                what: { type: 'string' },
                expected: { type: 'string' },
                actual: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
  ValidateResult: { type: 'object', required: ['problems'], properties: { problems: ref('Problems') } },
};
