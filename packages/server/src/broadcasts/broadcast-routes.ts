import { randomUUID } from 'node:crypto';
import { templateShape } from '@chatflow/engine';
import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import { UnknownSegmentError } from '../contacts/segments';
import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import { openSseStream } from '../simulator/sse-stream';
import type { TemplateRepository } from '../templates/template-repository';
import type { BroadcastAudienceResolver } from './broadcast-audience';
import type {
  BroadcastAudience,
  BroadcastCounts,
  BroadcastRecord,
  BroadcastRepository,
  BroadcastTemplate,
  RecipientRecord,
  RecipientStatus,
} from './broadcast-repository';

export interface BroadcastRouteDeps {
  broadcasts: BroadcastRepository;
  audience: BroadcastAudienceResolver;
  templates: Pick<TemplateRepository, 'list'>;
  /** Whether the flow has a published version a reply could start. */
  flowPublished(workspaceId: string, flowId: string): Promise<boolean>;
  audit: AuditLog;
  clock?: () => number;
  /** How often a progress stream reads the counts (1 s). */
  progressMs?: number;
}

interface BroadcastInput {
  name: string;
  template: { name: string; language: string; params?: BroadcastTemplate['params'] };
  audience: BroadcastAudience;
  flowId?: string;
  startAt?: string;
  ratePerSecond?: number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = ref('Error');
const DEFAULT_RATE = 80;
const statuses: RecipientStatus[] = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped'];

/** Broadcasts: a template to an audience, paced, with live progress and per-recipient outcomes. */
export function broadcastRoutes(deps: BroadcastRouteDeps): RouteSpec[] {
  const clock = deps.clock ?? Date.now;
  const found = async (workspaceId: string, id: string) => {
    const broadcast = await deps.broadcasts.get(workspaceId, id);
    if (!broadcast) throw new HttpError(404, 'no such broadcast');
    return broadcast;
  };
  return [
    {
      method: 'post',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'Schedule a broadcast of an approved template to an audience',
      body: ref('BroadcastInput'),
      responses: {
        201: { description: 'Scheduled', schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
        422: {
          description: 'The template is not synced, not approved or given the wrong parameters; or the flow is not published',
          schema: error,
        },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const input = req.body as BroadcastInput;
        const params = input.template.params ?? [];
        await checkTemplate(deps.templates, workspaceId, { ...input.template, params });
        // A segment the workspace lacks is refused now rather than found out when the broadcast starts.
        if (input.audience.segment) await knownSegment(() => deps.audience.size(workspaceId, input.audience));
        if (input.flowId && !(await deps.flowPublished(workspaceId, input.flowId)))
          throw new HttpError(422, `flow "${input.flowId}" has no published version`, { path: 'flowId' });
        const now = clock();
        const record: BroadcastRecord = {
          id: randomUUID(),
          workspaceId,
          name: input.name,
          template: { name: input.template.name, language: input.template.language, params },
          audience: input.audience,
          ...(input.flowId ? { flowId: input.flowId } : {}),
          startAt: input.startAt ? Date.parse(input.startAt) : now,
          ratePerSecond: input.ratePerSecond ?? DEFAULT_RATE,
          status: 'scheduled',
          createdAt: now,
          updatedAt: now,
        };
        await deps.broadcasts.create(record);
        await deps.audit.record(workspaceId, 'broadcasts.create', { actor, broadcastId: record.id, template: record.template.name }, now);
        res.status(201).json({ id: record.id });
      },
    },
    {
      method: 'post',
      path: '/broadcasts/audience',
      tag: 'broadcasts',
      summary: "An audience's size before sending: its contacts, and how many of them a broadcast would reach now",
      body: ref('BroadcastAudience'),
      responses: {
        200: { description: 'The sizes', schema: ref('AudienceSize') },
        422: { description: 'No such segment', schema: error },
      },
      handler: async (req, res) => {
        res.json(await knownSegment(() => deps.audience.size(callerOf(res).workspaceId, req.body as BroadcastAudience)));
      },
    },
    {
      method: 'get',
      path: '/broadcasts',
      tag: 'broadcasts',
      summary: 'The latest broadcasts, newest first',
      responses: { 200: { description: 'Broadcasts (without counts)', schema: { type: 'array', items: ref('Broadcast') } } },
      handler: async (_req, res) => {
        res.json((await deps.broadcasts.list(callerOf(res).workspaceId)).map((b) => broadcastView(b)));
      },
    },
    {
      method: 'get',
      path: '/broadcasts/:id',
      tag: 'broadcasts',
      summary: 'A broadcast with its counts',
      responses: {
        200: { description: 'The broadcast', schema: ref('Broadcast') },
        404: { description: 'No such broadcast', schema: error },
      },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const broadcast = await found(workspaceId, param(req, 'id'));
        res.json(broadcastView(broadcast, await deps.broadcasts.counts(workspaceId, broadcast.id)));
      },
    },
    {
      method: 'get',
      path: '/broadcasts/:id/recipients',
      tag: 'broadcasts',
      summary: "Each recipient's outcome, in the audience's order",
      query: {
        status: { schema: { enum: statuses }, description: 'Only recipients with this outcome' },
        limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'At most this many (1 to 999, default 100)' },
        offset: { schema: { type: 'string', pattern: '^[0-9]{1,7}$' }, description: 'Skip this many first' },
      },
      responses: {
        200: { description: 'Recipients', schema: { type: 'array', items: ref('BroadcastRecipient') } },
        404: { description: 'No such broadcast', schema: error },
      },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const broadcast = await found(workspaceId, param(req, 'id'));
        const status = req.query.status as RecipientStatus | undefined;
        const limit = Number(req.query.limit ?? 100);
        const skip = Number(req.query.offset ?? 0);
        const list = await deps.broadcasts.recipients(workspaceId, broadcast.id, { ...(status ? { status } : {}), limit, skip });
        res.json(list.map(recipientView));
      },
    },
    {
      method: 'post',
      path: '/broadcasts/:id/cancel',
      tag: 'broadcasts',
      summary: 'Stop a broadcast: recipients not sent yet get nothing',
      responses: {
        200: { description: 'Cancelled', schema: ref('Broadcast') },
        404: { description: 'No such broadcast', schema: error },
        409: { description: 'It is already done or cancelled', schema: error },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const broadcast = await found(workspaceId, param(req, 'id'));
        const now = clock();
        const cancelled = await deps.broadcasts.update(
          workspaceId,
          broadcast.id,
          { status: 'cancelled', finishedAt: now, updatedAt: now },
          ['scheduled', 'sending'],
        );
        if (!cancelled) throw new HttpError(409, `the broadcast is already ${broadcast.status}`);
        await deps.audit.record(workspaceId, 'broadcasts.cancel', { actor, broadcastId: broadcast.id }, now);
        res.json(broadcastView(cancelled, await deps.broadcasts.counts(workspaceId, broadcast.id)));
      },
    },
    {
      method: 'get',
      path: '/broadcasts/:id/events',
      tag: 'broadcasts',
      summary: 'Live progress: a `progress` event with the status and counts whenever they change',
      stream: true,
      responses: {
        200: { description: 'A server-sent events stream', contentType: 'text/event-stream', schema: { type: 'string' } },
        404: { description: 'No such broadcast', schema: error },
      },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const broadcastId = (await found(workspaceId, param(req, 'id'))).id;
        const stream = openSseStream(req, res);
        let id = 0;
        let last = '';
        const tick = async () => {
          const broadcast = await deps.broadcasts.get(workspaceId, broadcastId);
          if (!broadcast || stream.closed) return;
          const data = { status: broadcast.status, counts: await deps.broadcasts.counts(workspaceId, broadcastId) };
          const text = JSON.stringify(data);
          if (text === last) return;
          last = text;
          id += 1;
          stream.send({ id, event: 'progress', data });
        };
        const timer = setInterval(() => void tick().catch(() => stream.close()), deps.progressMs ?? 1000);
        stream.onClose(() => clearInterval(timer));
        await tick();
      },
    },
  ];
}

/** Runs a look-up of an audience, answering 422 for a segment the workspace does not have. */
async function knownSegment<T>(lookUp: () => Promise<T>): Promise<T> {
  try {
    return await lookUp();
  } catch (error) {
    if (error instanceof UnknownSegmentError) throw new HttpError(422, 'no such segment', { path: 'audience.segment' });
    throw error;
  }
}

/**
 * The template must be synced in that language, approved, and given one value per placeholder of
 * its body: a list for positional `{{1}}`, an object by name for named ones. Headers that take a
 * value (text with a placeholder, media) and URL buttons with a suffix cannot be broadcast yet.
 */
async function checkTemplate(templates: Pick<TemplateRepository, 'list'>, workspaceId: string, wanted: BroadcastTemplate): Promise<void> {
  const refuse = (path: string, message: string) => new HttpError(422, message, { path });
  const template = (await templates.list(workspaceId)).find((t) => t.name === wanted.name && t.language === wanted.language);
  if (!template)
    throw refuse('template.name', `template "${wanted.name}" (${wanted.language}) is not among the synced templates; sync them first`);
  if (template.status !== 'APPROVED')
    throw refuse('template.name', `template "${wanted.name}" is ${template.status.toLowerCase()}; only an approved template can be sent`);
  const shape = templateShape(template);
  if (shape.header && (shape.header.format !== 'TEXT' || shape.header.params > 0))
    throw refuse('template.name', `template "${wanted.name}" has a header that takes a value; broadcasts send templates without one`);
  if (shape.buttons.some((button) => button.dynamic))
    throw refuse('template.name', `template "${wanted.name}" has a URL button that takes a suffix; broadcasts send templates without one`);
  const given = Array.isArray(wanted.params) ? wanted.params.length : Object.keys(wanted.params).length;
  const fits = shape.named
    ? !Array.isArray(wanted.params) && shape.body.every((name) => name in wanted.params) && given === shape.body.length
    : Array.isArray(wanted.params) && given === shape.body.length;
  if (!fits)
    throw refuse(
      'template.params',
      shape.named
        ? `template "${wanted.name}" takes the named parameters ${shape.body.join(', ')}, as an object`
        : `template "${wanted.name}" takes ${shape.body.length} parameter(s); ${given} given`,
    );
}

function broadcastView(b: BroadcastRecord, counts?: BroadcastCounts) {
  return {
    id: b.id,
    name: b.name,
    template: b.template,
    audience: b.audience,
    ...(b.flowId ? { flowId: b.flowId } : {}),
    status: b.status,
    ratePerSecond: b.ratePerSecond,
    startAt: iso(b.startAt),
    createdAt: iso(b.createdAt),
    ...(b.finishedAt ? { finishedAt: iso(b.finishedAt) } : {}),
    ...(counts ? { counts } : {}),
  };
}

function recipientView(r: RecipientRecord) {
  return {
    contactId: r.contactId,
    ...(r.name ? { name: r.name } : {}),
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    ...(r.sentAt ? { sentAt: iso(r.sentAt) } : {}),
    ...(r.repliedAt ? { repliedAt: iso(r.repliedAt) } : {}),
  };
}
