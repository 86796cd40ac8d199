import { HttpError } from '../api/http-error';
import { contactView } from '../api/record-views';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import type { SegmentInput, SegmentRecord, SegmentRepository } from './segment-repository';
import type { SegmentRules } from './segment-rules';
import type { AudienceResolver } from './segments';

export interface SegmentRouteDeps {
  segments: SegmentRepository;
  audiences: AudienceResolver;
  audit: AuditLog;
  now?: () => number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const notFound = { description: 'No segment with this id', schema: ref('Error') };
const taken = { description: 'Another segment has this name', schema: ref('Error') };
const paging = {
  offset: { schema: { type: 'string', pattern: '^[0-9]{1,7}$' }, description: 'Contacts to skip (0 by default)' },
  limit: {
    schema: { type: 'string', pattern: '^([1-9][0-9]?|1[0-9][0-9]|200)$' },
    description: 'Contacts to return, 1-200 (50 by default)',
  },
};

/** Segments: named audiences by tag, attribute, last contact and opt-in, with who is in them now. */
export function segmentRoutes(deps: SegmentRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  const existing = async (workspaceId: string, id: string) => {
    const segment = await deps.segments.get(workspaceId, id);
    if (!segment) throw new HttpError(404, `segment "${id}" not found`, { path: 'id' });
    return segment;
  };
  const nameTaken = (name: string) => new HttpError(409, `a segment named "${name}" exists already`, { path: 'name' });
  return [
    {
      method: 'get',
      path: '/segments',
      tag: 'segments',
      summary: 'List the segments',
      responses: { 200: { description: 'Segments by name', schema: { type: 'array', items: ref('Segment') } } },
      handler: async (_req, res) => {
        res.json((await deps.segments.list(callerOf(res).workspaceId)).map(segmentView));
      },
    },
    {
      method: 'post',
      path: '/segments',
      tag: 'segments',
      summary: 'Create a segment',
      body: ref('SegmentInput'),
      responses: { 201: { description: 'The segment', schema: ref('Segment') }, 409: taken },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const input = req.body as SegmentInput;
        const created = await deps.segments.create(workspaceId, input, now());
        if (!created) throw nameTaken(input.name);
        await deps.audit.record(workspaceId, 'segment.create', { actor, segmentId: created.id }, now());
        res.status(201).json(segmentView(created));
      },
    },
    {
      method: 'post',
      path: '/segments/preview',
      tag: 'segments',
      summary: 'Count the contacts that rules select, before saving them as a segment',
      body: ref('SegmentPreview'),
      responses: { 200: { description: 'How many contacts, and the first ten', schema: ref('SegmentContacts') } },
      handler: async (req, res) => {
        const { rules } = req.body as { rules: SegmentRules };
        const found = await deps.audiences.page(callerOf(res).workspaceId, { rules }, 0, 10);
        res.json({ count: found.count, contacts: found.contacts.map(contactView) });
      },
    },
    {
      method: 'get',
      path: '/segments/:id',
      tag: 'segments',
      summary: 'Get a segment',
      responses: { 200: { description: 'The segment', schema: ref('Segment') }, 404: notFound },
      handler: async (req, res) => {
        res.json(segmentView(await existing(callerOf(res).workspaceId, param(req, 'id'))));
      },
    },
    {
      method: 'put',
      path: '/segments/:id',
      tag: 'segments',
      summary: "Replace a segment's name and rules",
      body: ref('SegmentInput'),
      responses: { 200: { description: 'The segment', schema: ref('Segment') }, 404: notFound, 409: taken },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const input = req.body as SegmentInput;
        const updated = await deps.segments.update(workspaceId, param(req, 'id'), input, now());
        if (updated === 'taken') throw nameTaken(input.name);
        if (!updated) throw new HttpError(404, `segment "${param(req, 'id')}" not found`, { path: 'id' });
        await deps.audit.record(workspaceId, 'segment.update', { actor, segmentId: updated.id }, now());
        res.json(segmentView(updated));
      },
    },
    {
      method: 'delete',
      path: '/segments/:id',
      tag: 'segments',
      summary: 'Delete a segment (its contacts stay)',
      responses: { 204: { description: 'Deleted' }, 404: notFound },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        if (!(await deps.segments.delete(workspaceId, param(req, 'id')))) {
          throw new HttpError(404, `segment "${param(req, 'id')}" not found`, { path: 'id' });
        }
        await deps.audit.record(workspaceId, 'segment.delete', { actor, segmentId: param(req, 'id') }, now());
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/segments/:id/contacts',
      tag: 'segments',
      summary: 'The contacts in a segment now: how many, and a page of them',
      query: paging,
      responses: { 200: { description: 'The count and the page', schema: ref('SegmentContacts') }, 404: notFound },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const segment = await existing(workspaceId, param(req, 'id'));
        const offset = Number(req.query.offset ?? 0);
        const limit = Number(req.query.limit ?? 50);
        const found = await deps.audiences.page(workspaceId, { rules: segment.rules }, offset, limit);
        res.json({ count: found.count, contacts: found.contacts.map(contactView) });
      },
    },
  ];
}

function segmentView(segment: SegmentRecord) {
  return {
    id: segment.id,
    name: segment.name,
    rules: segment.rules,
    createdAt: iso(segment.createdAt),
    updatedAt: iso(segment.updatedAt),
  };
}
