import type { FlowDocument } from '@chatflow/engine';
import type { Request } from 'express';
import { HttpError } from '../api/http-error';
import { param, type RouteSpec } from '../api/route-spec';
import type { FlowService } from '../flows/flow-service';
import type { VersionRepository } from '../flows/version-repository';
import type { ConversationRepository } from '../records/conversation-repository';
import { callerOf } from '../security/require-auth';
import type { AnalyticsCounter } from './analytics-counter';
import { funnel } from './analytics-funnel';
import { summarize } from './analytics-summary';

export interface AnalyticsRouteDeps {
  counter: AnalyticsCounter;
  conversations: Pick<ConversationRepository, 'count'>;
  flows: Pick<FlowService, 'get'>;
  versions: Pick<VersionRepository, 'get'>;
  clock?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const time = { schema: { type: 'string', format: 'date-time' }, description: 'ISO 8601 (default: the last 7 days, up to now)' };

/** Dashboard and canvas figures, counted as the turns happened. */
export function analyticsRoutes(deps: AnalyticsRouteDeps): RouteSpec[] {
  const clock = deps.clock ?? Date.now;
  const range = (req: Request) => {
    const q = req.query as { from?: string; to?: string };
    const now = clock();
    const to = q.to ? Date.parse(q.to) : now;
    const from = q.from ? Date.parse(q.from) : to - 7 * DAY_MS;
    if (Number.isNaN(from) || Number.isNaN(to)) throw new HttpError(400, 'from and to must be ISO 8601 times', { path: 'from' });
    if (from >= to) throw new HttpError(400, 'from must be before to', { path: 'from' });
    return { from, to, now };
  };
  // A conversation's session lasts a day unless its flow says otherwise, as in the pipeline.
  const sessionMs = (document: FlowDocument | undefined) => (document?.settings?.sessionTimeoutMinutes ?? 1440) * 60_000;
  return [
    {
      method: 'get',
      path: '/analytics/summary',
      tag: 'analytics',
      summary: 'Conversations, messages, response times and resolution for a time range, with a daily series',
      query: {
        from: time,
        to: time,
        tz: {
          schema: { type: 'string', minLength: 1, maxLength: 64 },
          description: 'IANA time zone the series days are cut in (default UTC)',
        },
        flowId: { schema: { type: 'string', minLength: 1 }, description: 'Only this flow' },
        channel: { schema: { enum: ['whatsapp', 'web'] }, description: 'Only this channel' },
        department: { schema: { type: 'string' }, description: "Only conversations with this department ('' for the bot alone)" },
      },
      responses: { 200: { description: 'The summary', schema: { type: 'object' } }, 400: { description: 'A bad range or time zone' } },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const { from, to, now } = range(req);
        const q = req.query as { tz?: string; flowId?: string; channel?: string; department?: string };
        const timeZone = q.tz ?? 'UTC';
        if (!validTimeZone(timeZone)) throw new HttpError(400, `"${timeZone}" is not a time zone`, { path: 'tz' });
        const flow = q.flowId ? await deps.flows.get(workspaceId, q.flowId) : undefined;
        const buckets = await deps.counter.buckets(workspaceId, from, to, q.flowId);
        res.json(
          await summarize(workspaceId, buckets, deps.conversations, {
            from,
            to,
            now,
            timeZone,
            sessionMs: sessionMs(flow?.draft),
            ...(q.flowId ? { flowId: q.flowId } : {}),
            ...(q.channel ? { channel: q.channel } : {}),
            ...(q.department !== undefined ? { department: q.department } : {}),
          }),
        );
      },
    },
    {
      method: 'get',
      path: '/analytics/flows/:id/nodes',
      tag: 'analytics',
      summary: 'Per node of a flow: entered, left by each exit, waiting there now, dropped off there',
      query: {
        version: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' }, description: 'One published version (default: all)' },
        from: time,
        to: time,
      },
      responses: {
        200: { description: 'One entry per node of the flow', schema: { type: 'array' } },
        404: { description: 'No such flow or version' },
      },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const id = param(req, 'id');
        const { version } = req.query as { version?: string };
        const flow = await deps.flows.get(workspaceId, id);
        if (!flow) throw new HttpError(404, `flow "${id}" not found`, { path: 'id' });
        const published = version ? await deps.versions.get(workspaceId, id, Number(version)) : undefined;
        if (version && !published) throw new HttpError(404, `flow "${id}" has no version ${version}`, { path: 'version' });
        const document = published?.document ?? flow.draft;
        const window = { ...range(req), sessionMs: sessionMs(document) };
        const buckets = await deps.counter.buckets(workspaceId, window.from, window.to, id);
        res.json(await funnel(workspaceId, document, version ? Number(version) : undefined, buckets, deps.conversations, window));
      },
    },
  ];
}

function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
