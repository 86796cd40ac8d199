import type { ConfigOf } from '../../define-node-type';

const VARIABLE = '^[A-Za-z_][A-Za-z0-9_]*$';

/** The http node's config: the request (with its body as text or parts), what to save from the answer, caching. */
export const httpSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], title: 'Method', default: 'GET' },
    url: {
      type: 'string',
      title: 'URL',
      description: 'Variables are URL-encoded, except one at the very start (a base URL)',
      minLength: 1,
      'x-placeholder': 'https://api.example.com/orders/{{order_id}}',
    },
    headers: {
      type: 'array',
      title: 'Headers',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: { type: 'string', title: 'Name', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
          value: { type: 'string', title: 'Value', 'x-placeholder': 'Bearer {{api_token}}' },
        },
      },
    },
    bodyFormat: {
      enum: ['json', 'form', 'text', 'multipart'],
      title: 'Body format',
      description:
        'JSON: {{variables}} inside quotes are escaped, outside quotes written as JSON values. Multipart: form fields and files (parts)',
      default: 'json',
    },
    body: { type: 'string', title: 'Body', 'x-widget': 'textarea', 'x-placeholder': '{ "name": "{{contact.name}}", "items": {{cart}} }' },
    parts: {
      type: 'array',
      title: 'Parts',
      description: 'Each part is a text value or a media file from a variable, e.g. {{voice}}',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', title: 'Name', minLength: 1, 'x-placeholder': 'file' },
          value: { type: 'string', title: 'Value', 'x-placeholder': '{{order_id}}' },
          media: { type: 'string', title: 'Media file', 'x-placeholder': '{{voice}}' },
        },
      },
    },
    timeoutSeconds: { type: 'number', title: 'Timeout (seconds)', exclusiveMinimum: 0, maximum: 60, default: 10 },
    responseMapping: {
      type: 'array',
      title: 'Save from the response',
      description: 'A path into the JSON answer, e.g. data.items[0].name; empty saves the whole answer',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['variable', 'path'],
        properties: {
          variable: { type: 'string', title: 'Variable', pattern: VARIABLE },
          path: { type: 'string', title: 'Path', 'x-placeholder': 'data.items[0].name' },
        },
      },
    },
    responseMedia: {
      type: 'string',
      title: 'Save a file answer in variable',
      description: 'A binary answer (audio, image, document) is stored and saved here as a media file, to send or pass on',
      pattern: VARIABLE,
    },
    statusVariable: {
      type: 'string',
      title: 'Save the status code in variable',
      description: 'Empty when no answer came (timeout, network error)',
      pattern: VARIABLE,
    },
    cacheHours: {
      type: 'number',
      title: 'Reuse answers for (hours)',
      description: 'The same method, URL and body (files compared by content) is answered from the cache, without calling again',
      minimum: 0,
      maximum: 720,
    },
  },
  if: { properties: { bodyFormat: { const: 'multipart' } }, required: ['bodyFormat'] },
  then: { properties: { parts: {} } },
  else: { properties: { body: {} } },
} as const;

export type HttpConfig = ConfigOf<typeof httpSchema>;
