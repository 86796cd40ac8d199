import type { NodeEvent } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { isMediaFile, type MediaFile } from '../../runtime/media-file';
import { buildRequest, type RequestTemplate } from './build-request';
import { httpChecks } from './http-checks';
import { httpSchema } from './http-schema';
import { readPath } from './read-path';

/** What the request actor hands back: plain JSON, so it can travel in the done event. */
interface RequestOutcome {
  status: number;
  body: unknown;
  /** The stored file of a binary answer, when the node asked for one. */
  media?: MediaFile;
  contentType?: string;
}

interface Mapping {
  variable: string;
  path: string;
}

/**
 * Calls an HTTP API through the host's HTTP port and saves parts of the JSON answer in variables,
 * or a file answer as a media variable. Sends JSON, form, text or multipart bodies (with stored
 * files, e.g. a customer's voice note); the host may reuse an answer for `cacheHours`.
 * Leaves by `error` on a non-2xx status, a timeout, a network failure or a host without the port.
 */
export const http = defineNodeType({
  type: 'http',
  version: 1,
  title: 'HTTP request',
  description: 'Call an API and save the answer',
  category: 'Integrations',
  icon: '🌐',
  configSchema: httpSchema,
  exits: () => [
    { id: 'next', label: 'Success' },
    { id: 'error', label: 'Error' },
  ],
  summary: (config) => `${config.method} ${config.url}`,
  variables: (config) => ({
    sets: [
      ...(config.responseMapping ?? []).map((m) => m.variable),
      ...(config.responseMedia ? [config.responseMedia] : []),
      ...(config.statusVariable ? [config.statusVariable] : []),
    ],
  }),
  checks: httpChecks,
  compile: (config, ctx) => {
    const request: RequestTemplate = {
      method: config.method,
      url: config.url,
      headers: config.headers ?? [],
      bodyFormat: config.bodyFormat,
      timeoutMs: Math.round(config.timeoutSeconds * 1000),
      ...(config.bodyFormat === 'multipart' ? { parts: config.parts ?? [] } : config.body ? { body: config.body } : {}),
      ...(config.responseMedia ? { responseMedia: true } : {}),
      ...(config.cacheHours ? { cacheHours: config.cacheHours } : {}),
    };
    const status = config.statusVariable;
    const media = config.responseMedia;
    return {
      invoke: {
        ...ctx.invoke('request', request),
        onDone: [
          {
            guard: ctx.guard('succeeded', { media }),
            target: ctx.exit('next'),
            actions: [ctx.action('saveResponse', { mapping: config.responseMapping ?? [], status, media })],
          },
          { target: ctx.exit('error'), actions: [ctx.action('saveResponse', { mapping: [], status }), ctx.action('reportAnswer')] },
        ],
        onError: { target: ctx.exit('error'), actions: [ctx.action('saveFailure', { status })] },
      },
    };
  },
  actors: {
    request: async ({ context, params, ports }): Promise<RequestOutcome> => {
      if (!ports.http) throw new Error('the host has no HTTP port');
      const response = await ports.http.request(buildRequest(params, context));
      const contentType = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      return {
        status: response.status,
        body: jsonBody(response.body),
        ...(isMediaFile(response.media) ? { media: { ...response.media } } : {}),
        ...(contentType ? { contentType } : {}),
      };
    },
  },
  guards: {
    succeeded: ({ event, params }) => {
      const outcome = outcomeOf(event);
      return outcome !== undefined && succeeded(outcome) && (!params.media || outcome.media !== undefined);
    },
  },
  actions: {
    saveResponse: ({ event, params }) => {
      const outcome = outcomeOf(event);
      if (!outcome) return undefined;
      const vars: Record<string, unknown> = {};
      for (const { variable, path } of params.mapping as Mapping[]) vars[variable] = readPath(outcome.body, path) ?? null;
      if (params.media) vars[params.media] = outcome.media ?? null;
      if (params.status) vars[params.status] = outcome.status;
      return { vars };
    },
    reportAnswer: ({ event }) => {
      const outcome = outcomeOf(event);
      const reason =
        outcome && succeeded(outcome)
          ? `the answer is not a file (${outcome.contentType ?? 'no content type'})`
          : `the service answered with status ${outcome?.status}`;
      return { effects: [{ type: 'node.failed', reason }] };
    },
    saveFailure: ({ event, params }) => ({
      ...(params.status ? { vars: { [params.status]: null } } : {}),
      effects: [{ type: 'node.failed', reason: failureReason(event) }],
    }),
  },
});

function succeeded(outcome: RequestOutcome): boolean {
  return outcome.status >= 200 && outcome.status < 300;
}

function outcomeOf(event: NodeEvent): RequestOutcome | undefined {
  const output = ('output' in event ? event.output : undefined) as Partial<RequestOutcome> | undefined;
  return typeof output?.status === 'number' ? (output as RequestOutcome) : undefined;
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
