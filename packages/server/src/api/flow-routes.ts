import type { FlowDocument, Problem } from '@chatflow/engine';
import type { Request, Response } from 'express';
import type { FlowService, FlowWithDefault } from '../flows/flow-service';
import type { FlowVersionRecord, VersionRepository } from '../flows/version-repository';
import { callerOf } from '../security/require-auth';
import { HttpError } from './http-error';
import { iso, param, type RouteSpec } from './route-spec';
import { flowSchemas } from './schemas/flow-schemas';

export interface FlowRouteDeps {
  flows: FlowService;
  versions: VersionRepository;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (name: string) => ({ type: 'array', items: ref(name) });
const notFound = { description: 'No flow with this id', schema: ref('Error') };

/** Flows: drafts, validation, publishing, versions, import/export and the default flow. */
export function flowRoutes(deps: FlowRouteDeps): RouteSpec[] {
  const { flows, versions } = deps;
  const existing = async (req: Request, res: Response) => {
    const flow = await flows.get(callerOf(res).workspaceId, param(req, 'id'));
    if (!flow) throw new HttpError(404, `flow "${param(req, 'id')}" not found`, { path: 'id' });
    return flow;
  };
  return [
    {
      method: 'get',
      path: '/flows',
      tag: 'flows',
      summary: 'List flows',
      responses: { 200: { description: 'Every flow of the workspace', schema: list('FlowSummary') } },
      handler: async (_req, res) => {
        res.json((await flows.list(callerOf(res).workspaceId)).map(summary));
      },
    },
    {
      method: 'post',
      path: '/flows',
      tag: 'flows',
      summary: 'Create a flow from a name (a starter draft) or from a document',
      body: ref('CreateFlowBody'),
      bodyBranch: (body) => (isObject(body) && 'document' in body ? flowSchemas.DocumentBody! : nameBody),
      responses: { 201: { description: 'The new flow; a taken id gets a suffix', schema: ref('FlowRecord') }, 400: bad() },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const body = req.body as { name?: string; document?: FlowDocument };
        const flow = body.document
          ? await flows.create(workspaceId, body.document, actor)
          : await flows.createNamed(workspaceId, body.name ?? '', actor);
        res.status(201).json(record(flow));
      },
    },
    {
      method: 'post',
      path: '/flows/validate',
      tag: 'flows',
      summary: 'Validate a flow document without saving it',
      body: ref('DocumentBody'),
      responses: { 200: { description: 'Errors and warnings, naming node and field', schema: ref('ValidateResult') }, 400: bad() },
      handler: (req, res) => {
        res.json({ problems: flows.validate((req.body as { document: unknown }).document) });
      },
    },
    {
      method: 'post',
      path: '/flows/import',
      tag: 'flows',
      summary: 'Import a flow document as a new flow',
      body: ref('FlowDocument'),
      responses: { 201: { description: 'The new flow; a taken id gets a suffix', schema: ref('FlowRecord') }, 400: bad() },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        res.status(201).json(record(await flows.create(workspaceId, req.body as FlowDocument, actor, { imported: true })));
      },
    },
    {
      method: 'get',
      path: '/flows/:id',
      tag: 'flows',
      summary: 'Get a flow with its draft',
      responses: { 200: { description: 'The flow', schema: ref('FlowRecord') }, 404: notFound },
      handler: async (req, res) => {
        res.json(record(await existing(req, res)));
      },
    },
    {
      method: 'put',
      path: '/flows/:id',
      tag: 'flows',
      summary: 'Save the draft (errors are allowed in a draft and returned as problems)',
      body: ref('UpdateFlowBody'),
      responses: { 200: { description: 'Saved', schema: ref('SaveResult') }, 400: bad(), 404: notFound },
      handler: async (req, res) => {
        const id = param(req, 'id');
        const body = req.body as { draft: FlowDocument; name?: string };
        if (body.draft.id !== id) throw new HttpError(400, `draft.id must be "${id}" (got "${body.draft.id}")`, { path: 'draft.id' });
        const saved = await flows.saveDraft(callerOf(res).workspaceId, id, { ...body.draft, name: body.name ?? body.draft.name });
        if (!saved) throw new HttpError(404, `flow "${id}" not found`, { path: 'id' });
        res.json({ updatedAt: iso(saved.record.updatedAt), problems: saved.problems });
      },
    },
    {
      method: 'delete',
      path: '/flows/:id',
      tag: 'flows',
      summary: 'Delete a flow (its published versions stay for conversations running on them)',
      responses: { 204: { description: 'Deleted' }, 404: notFound, 409: { description: 'A channel runs this flow', schema: ref('Error') } },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const result = await flows.delete(workspaceId, param(req, 'id'), actor);
        if (!result.ok && result.reason === 'not-found') throw new HttpError(404, `flow "${param(req, 'id')}" not found`, { path: 'id' });
        if (!result.ok && result.reason === 'in-use') {
          throw new HttpError(409, `flow is used by channel ${result.channels.join(', ')}; change or delete the channel first`, {
            path: 'id',
          });
        }
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/flows/:id/publish',
      tag: 'flows',
      summary: 'Publish the draft as a new immutable version',
      responses: {
        201: { description: 'The new version', schema: ref('FlowVersionSummary') },
        404: notFound,
        422: { description: 'The draft has errors; `error.problems` lists them', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const flow = await existing(req, res);
        const { workspaceId, actor } = callerOf(res);
        const result = await flows.publish(workspaceId, flow.id, actor);
        if (!result) throw new HttpError(404, `flow "${flow.id}" not found`, { path: 'id' });
        if (!result.ok) throw new HttpError(422, refusal(result.problems), { problems: result.problems });
        res.status(201).json(versionSummary(result.version));
      },
    },
    {
      method: 'post',
      path: '/flows/:id/tests/run',
      tag: 'flows',
      summary: "Run the tests the draft holds (AI and HTTP nodes answer from each test's recorded answers)",
      responses: {
        200: { description: 'One result per test, in order', schema: ref('FlowTestResults') },
        404: notFound,
        422: { description: 'The draft has errors, so it cannot run; `error.problems` lists them', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const flow = await existing(req, res);
        const ran = await flows.runTests(callerOf(res).workspaceId, flow.id);
        if (!ran) throw new HttpError(404, `flow "${flow.id}" not found`, { path: 'id' });
        if ('problems' in ran) throw new HttpError(422, 'the draft has errors; fix them to run its tests', { problems: ran.problems });
        res.json(ran);
      },
    },
    {
      method: 'get',
      path: '/flows/:id/versions',
      tag: 'flows',
      summary: 'List published versions, newest first',
      responses: { 200: { description: 'Versions', schema: list('FlowVersionSummary') }, 404: notFound },
      handler: async (req, res) => {
        const flow = await existing(req, res);
        res.json((await versions.list(callerOf(res).workspaceId, flow.id)).map(versionSummary));
      },
    },
    {
      method: 'get',
      path: '/flows/:id/versions/:version',
      tag: 'flows',
      summary: 'Get a published version',
      responses: { 200: { description: 'The version with its document', schema: ref('FlowVersion') }, 404: notFound },
      handler: async (req, res) => {
        const id = param(req, 'id');
        const number = Number(param(req, 'version'));
        const version = Number.isInteger(number) ? await versions.get(callerOf(res).workspaceId, id, number) : undefined;
        if (!version) throw new HttpError(404, `flow "${id}" has no version ${param(req, 'version')}`, { path: 'version' });
        res.json({ ...versionSummary(version), document: version.document });
      },
    },
    {
      method: 'get',
      path: '/flows/:id/export',
      tag: 'flows',
      summary: 'Download the draft as a flow document',
      responses: { 200: { description: 'The draft, as an attachment', schema: ref('FlowDocument') }, 404: notFound },
      handler: async (req, res) => {
        const flow = await existing(req, res);
        res
          .attachment(`${flow.id}.json`)
          .type('application/json')
          .send(`${JSON.stringify(flow.draft, null, 2)}\n`);
      },
    },
    {
      method: 'post',
      path: '/flows/:id/default',
      tag: 'flows',
      summary: 'Make this flow the default: new WhatsApp conversations on numbers without their own flow start here',
      responses: {
        204: { description: 'Done' },
        404: notFound,
        409: { description: 'The flow has no published version yet', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const id = param(req, 'id');
        const result = await flows.setDefault(workspaceId, id, actor);
        if (!result.ok && result.reason === 'not-found') throw new HttpError(404, `flow "${id}" not found`, { path: 'id' });
        if (!result.ok) throw new HttpError(409, `flow "${id}" has no published version; publish it first`, { path: 'id' });
        res.status(204).end();
      },
    },
  ];
}

const nameBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
};

function bad() {
  return { description: 'The body is invalid; `error.path` names the field', schema: ref('Error') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summary(flow: FlowWithDefault) {
  return {
    id: flow.id,
    name: flow.name,
    updatedAt: iso(flow.updatedAt),
    ...(flow.publishedVersion !== undefined ? { publishedVersion: flow.publishedVersion } : {}),
    isDefault: flow.isDefault,
  };
}

function record(flow: FlowWithDefault) {
  return { ...summary(flow), draft: flow.draft, createdAt: iso(flow.createdAt) };
}

function versionSummary(version: FlowVersionRecord) {
  return { version: version.version, publishedAt: iso(version.publishedAt), publishedBy: version.publishedBy };
}

/** Why a publish was refused, naming the failed tests when those are the reason. */
function refusal(problems: Problem[]): string {
  const failedTests = problems.filter((p) => p.code === 'test-failed');
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (failedTests.length === 0) return `the draft has ${errors} error${errors === 1 ? '' : 's'}; fix them before publishing`;
  return `${failedTests.map((p) => p.message).join('; ')}; fix the flow or the test before publishing`;
}
