import type { CheckFinding, NodeEvent } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { BODYLESS_METHODS, buildRequest, fillBody, type RequestTemplate } from './build-request';
import { parsePath, readPath } from './read-path';

/** What the request actor hands back: plain JSON, so it can travel in the done event. */
interface RequestOutcome {
  status: number;
  body: unknown;
}

interface Mapping {
  variable: string;
  path: string;
}

/**
 * Calls an HTTP API through the host's HTTP port and saves parts of the JSON answer in variables.
 * Leaves by `error` on a non-2xx status, a timeout, a network failure or a host without the port.
 */
export const http = defineNodeType({
  type: 'http',
  version: 1,
  title: 'HTTP request',
  description: 'Call an API and save the answer',
  category: 'Integrations',
  icon: '🌐',
  configSchema: {
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
        enum: ['json', 'form', 'text'],
        title: 'Body format',
        description: 'JSON: {{variables}} inside quotes are escaped, outside quotes written as JSON values',
        default: 'json',
      },
      body: { type: 'string', title: 'Body', 'x-widget': 'textarea', 'x-placeholder': '{ "name": "{{contact.name}}", "items": {{cart}} }' },
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
            variable: { type: 'string', title: 'Variable', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            path: { type: 'string', title: 'Path', 'x-placeholder': 'data.items[0].name' },
          },
        },
      },
      statusVariable: {
        type: 'string',
        title: 'Save the status code in variable',
        description: 'Empty when no answer came (timeout, network error)',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      },
    },
  },
  exits: () => [
    { id: 'next', label: 'Success' },
    { id: 'error', label: 'Error' },
  ],
  summary: (config) => `${config.method} ${config.url}`,
  variables: (config) => ({
    sets: [...(config.responseMapping ?? []).map((m) => m.variable), ...(config.statusVariable ? [config.statusVariable] : [])],
  }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    if (!/^(https?:\/\/[^/\s]|\{\{)/i.test(config.url))
      findings.push({
        severity: 'error',
        field: 'data.url',
        message: 'must start with http:// or https:// (or a {{variable}} holding the base URL)',
      });
    if (config.body && BODYLESS_METHODS.includes(config.method))
      findings.push({ severity: 'warning', field: 'data.body', message: `is not sent with ${config.method}` });
    if (config.body && config.bodyFormat === 'json' && !BODYLESS_METHODS.includes(config.method) && !parsesAsJson(config.body))
      findings.push({ severity: 'error', field: 'data.body', message: 'is not valid JSON (with every {{variable}} filled in)' });
    (config.responseMapping ?? []).forEach((mapping, i) => {
      if (!parsePath(mapping.path))
        findings.push({
          severity: 'error',
          field: `data.responseMapping[${i}].path`,
          message: `"${mapping.path}" is not a path like data.items[0].name`,
        });
    });
    return findings;
  },
  compile: (config, ctx) => {
    const request: RequestTemplate = {
      method: config.method,
      url: config.url,
      headers: config.headers ?? [],
      bodyFormat: config.bodyFormat,
      timeoutMs: Math.round(config.timeoutSeconds * 1000),
      ...(config.body ? { body: config.body } : {}),
    };
    const status = config.statusVariable;
    return {
      invoke: {
        ...ctx.invoke('request', request),
        onDone: [
          {
            guard: ctx.guard('succeeded'),
            target: ctx.exit('next'),
            actions: [ctx.action('saveResponse', { mapping: config.responseMapping ?? [], status })],
          },
          { target: ctx.exit('error'), actions: [ctx.action('saveResponse', { mapping: [], status }), ctx.action('reportStatus')] },
        ],
        onError: { target: ctx.exit('error'), actions: [ctx.action('saveFailure', { status })] },
      },
    };
  },
  actors: {
    request: async ({ context, params, ports }): Promise<RequestOutcome> => {
      if (!ports.http) throw new Error('the host has no HTTP port');
      const response = await ports.http.request(buildRequest(params, context));
      return { status: response.status, body: jsonBody(response.body) };
    },
  },
  guards: {
    succeeded: ({ event }) => {
      const status = outcomeOf(event)?.status;
      return status !== undefined && status >= 200 && status < 300;
    },
  },
  actions: {
    saveResponse: ({ event, params }) => {
      const outcome = outcomeOf(event);
      if (!outcome) return undefined;
      const vars: Record<string, unknown> = {};
      for (const { variable, path } of params.mapping as Mapping[]) vars[variable] = readPath(outcome.body, path) ?? null;
      if (params.status) vars[params.status] = outcome.status;
      return { vars };
    },
    reportStatus: ({ event }) => ({
      effects: [{ type: 'node.failed', reason: `the service answered with status ${outcomeOf(event)?.status}` }],
    }),
    saveFailure: ({ event, params }) => ({
      ...(params.status ? { vars: { [params.status]: null } } : {}),
      effects: [{ type: 'node.failed', reason: failureReason(event) }],
    }),
  },
});

function outcomeOf(event: NodeEvent): RequestOutcome | undefined {
  const output = ('output' in event ? event.output : undefined) as Partial<RequestOutcome> | undefined;
  return typeof output?.status === 'number' ? { status: output.status, body: output.body } : undefined;
}

/** The port's reason for a failed call (it words them for the admin), or a plain one for anything else. */
function failureReason(event: NodeEvent): string {
  const error = 'error' in event ? event.error : undefined;
  return error instanceof Error && error.message ? error.message : 'the request failed';
}

/** The body as plain JSON: text that holds JSON is parsed, anything else kept as text. */
function jsonBody(body: unknown): unknown {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  try {
    return body === undefined ? null : JSON.parse(JSON.stringify(body));
  } catch {
    return String(body);
  }
}

/** Whether a JSON body template is valid JSON whatever its variables hold. */
function parsesAsJson(body: string): boolean {
  try {
    JSON.parse(fillBody(body, 'json', () => 'sample'));
    return true;
  } catch {
    return false;
  }
}
