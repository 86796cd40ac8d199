import { flowTestsSchema } from './flow-tests/flow-test-schema';

/**
 * The JSON Schema (2020-12) of a flow document. `schemas/flow.schema.json` is generated from it.
 * Node `data` is checked against each node type's own schema, so it is an open object here.
 */
export const flowSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://chatflow.dev/schemas/flow.schema.json',
  title: 'Flow',
  description: 'A chatbot flow: nodes as React Flow holds them, edges leaving named exits.',
  type: 'object',
  required: ['schemaVersion', 'id', 'name', 'start', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 100 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string' },
    start: { type: 'string', minLength: 1 },
    variables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          type: { enum: ['string', 'number', 'boolean', 'object', 'array'] },
          default: {},
          description: { type: 'string' },
        },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sessionTimeoutMinutes: { type: 'integer', minimum: 1, maximum: 43200 },
        optOutKeywords: { type: 'array', items: { type: 'string', minLength: 1 } },
        optInKeywords: { type: 'array', items: { type: 'string', minLength: 1 } },
        outsideWindowTemplate: {
          type: 'object',
          required: ['name', 'language'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: '^[a-z0-9_]+$' },
            language: { type: 'string' },
            params: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'position', 'data'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 100 },
          type: { type: 'string', minLength: 1 },
          version: { type: 'integer', minimum: 1 },
          position: {
            type: 'object',
            required: ['x', 'y'],
            properties: { x: { type: 'number' }, y: { type: 'number' } },
          },
          data: { type: 'object' },
        },
      },
    },
    tests: flowTestsSchema,
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'source', 'target'],
        properties: {
          id: { type: 'string', minLength: 1 },
          source: { type: 'string', minLength: 1 },
          sourceHandle: { type: ['string', 'null'] },
          target: { type: 'string', minLength: 1 },
          targetHandle: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
