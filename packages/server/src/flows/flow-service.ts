import { type CatalogPort, type FlowDocument, type FlowTestResult, type Problem, type Registry, validateFlow } from '@chatflow/engine';
import type { AuditLog } from '../records/audit-log';
import type { ChannelRepository } from './channel-repository';
import type { FlowRecord, FlowRepository } from './flow-repository';
import { runOwnTests, testProblems } from './flow-test-problems';
import type { FlowVersionRecord, VersionRepository } from './version-repository';
import type { WorkspaceSettings } from './workspace-settings';

export interface FlowServiceDeps {
  flows: FlowRepository;
  versions: VersionRepository;
  channels: Pick<ChannelRepository, 'usingFlow'>;
  settings: WorkspaceSettings;
  audit: AuditLog;
  registry: Registry;
  /** Problems only the workspace's data shows (its synced templates), checked on publish. */
  publishProblems?(workspaceId: string, document: FlowDocument): Promise<Problem[]>;
  /** The workspace's catalog, searched by order and AI nodes while a flow's tests run. */
  catalog?(workspaceId: string): CatalogPort;
  now?: () => number;
}

/** A flow with whether it is the workspace's default. */
export type FlowWithDefault = FlowRecord & { isDefault: boolean };

export type PublishResult = { ok: true; version: FlowVersionRecord } | { ok: false; problems: Problem[] };
export type DeleteResult = { ok: true } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'in-use'; channels: string[] };
export type DefaultResult = { ok: true } | { ok: false; reason: 'not-found' | 'unpublished' };

/** What the API and the seeding do with flows: the rules (publish gate, audit, default) in one place. */
export interface FlowService {
  list(workspaceId: string): Promise<FlowWithDefault[]>;
  get(workspaceId: string, id: string): Promise<FlowWithDefault | undefined>;
  /** A new flow from a document; its id is kept when free, else suffixed. Audited as `flow.import` when `imported`. */
  create(workspaceId: string, document: FlowDocument, actor: string, options?: { imported?: boolean }): Promise<FlowWithDefault>;
  /** A new flow holding one greeting, for "New flow" in the builder. */
  createNamed(workspaceId: string, name: string, actor: string): Promise<FlowWithDefault>;
  /** Saves a draft (errors allowed: drafts are work in progress) and returns its problems. */
  saveDraft(workspaceId: string, id: string, draft: FlowDocument): Promise<{ record: FlowRecord; problems: Problem[] } | undefined>;
  delete(workspaceId: string, id: string, actor: string): Promise<DeleteResult>;
  validate(document: unknown): Problem[];
  /** Freezes the draft as a new version, unless it has errors. Undefined when the flow does not exist. */
  publish(workspaceId: string, id: string, actor: string): Promise<PublishResult | undefined>;
  /** Runs the tests the draft holds; undefined when the flow does not exist, problems when the draft cannot run. */
  runTests(workspaceId: string, id: string): Promise<{ results: FlowTestResult[] } | { problems: Problem[] } | undefined>;
  setDefault(workspaceId: string, id: string, actor: string): Promise<DefaultResult>;
}

/** Creates the flow service over its repositories. */
export function createFlowService(deps: FlowServiceDeps): FlowService {
  const now = deps.now ?? Date.now;
  const withDefault = async (workspaceId: string, record: FlowRecord): Promise<FlowWithDefault> => ({
    ...record,
    isDefault: (await deps.settings.get(workspaceId)).defaultFlowId === record.id,
  });
  const validate = (document: unknown) => validateFlow(document, deps.registry).problems;

  const create: FlowService['create'] = async (workspaceId, document, actor, options = {}) => {
    const record = await deps.flows.create(workspaceId, document, now());
    if (options.imported) {
      await deps.audit.record(
        workspaceId,
        'flow.import',
        { actor, flowId: record.id, name: record.name, ...(record.id !== document.id ? { requestedId: document.id } : {}) },
        record.createdAt,
      );
    }
    return withDefault(workspaceId, record);
  };

  return {
    async list(workspaceId) {
      const { defaultFlowId } = await deps.settings.get(workspaceId);
      return (await deps.flows.list(workspaceId)).map((record) => ({ ...record, isDefault: record.id === defaultFlowId }));
    },
    async get(workspaceId, id) {
      const record = await deps.flows.get(workspaceId, id);
      return record && withDefault(workspaceId, record);
    },
    create,
    createNamed: (workspaceId, name, actor) => create(workspaceId, starterFlow(name), actor),
    async saveDraft(workspaceId, id, draft) {
      const record = await deps.flows.saveDraft(workspaceId, id, draft, now());
      return record && { record, problems: validate(draft) };
    },
    async delete(workspaceId, id, actor) {
      const record = await deps.flows.get(workspaceId, id);
      if (!record) return { ok: false, reason: 'not-found' };
      const channels = await deps.channels.usingFlow(workspaceId, id);
      if (channels.length > 0) return { ok: false, reason: 'in-use', channels: channels.map((c) => c.phoneNumberId) };
      await deps.flows.delete(workspaceId, id);
      if ((await deps.settings.get(workspaceId)).defaultFlowId === id) await deps.settings.set(workspaceId, { defaultFlowId: undefined });
      // Published versions stay: conversations that started on one finish on it.
      await deps.audit.record(workspaceId, 'flow.delete', { actor, flowId: id, name: record.name }, now());
      return { ok: true };
    },
    validate,
    async runTests(workspaceId, id) {
      const record = await deps.flows.get(workspaceId, id);
      if (!record) return undefined;
      const problems = validate(record.draft).filter((p) => p.severity === 'error');
      if (problems.length > 0) return { problems };
      return { results: await runOwnTests(record.draft, deps.registry, deps.catalog?.(workspaceId)) };
    },
    async publish(workspaceId, id, actor) {
      const record = await deps.flows.get(workspaceId, id);
      if (!record) return undefined;
      const problems = [...validate(record.draft), ...((await deps.publishProblems?.(workspaceId, record.draft)) ?? [])];
      if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
      // A flow whose own tests fail is not published: they are what the admin said it must do.
      const failed = testProblems(await runOwnTests(record.draft, deps.registry, deps.catalog?.(workspaceId)));
      if (failed.length > 0) return { ok: false, problems: [...problems, ...failed] };
      const version = await deps.versions.publish(workspaceId, id, record.draft, actor, now());
      await deps.flows.markPublished(workspaceId, id, version.version, version.publishedAt);
      await deps.audit.record(
        workspaceId,
        'flow.publish',
        { actor, flowId: id, version: version.version, warnings: problems.length },
        version.publishedAt,
      );
      return { ok: true, version };
    },
    async setDefault(workspaceId, id, actor) {
      const record = await deps.flows.get(workspaceId, id);
      if (!record) return { ok: false, reason: 'not-found' };
      if (record.publishedVersion === undefined) return { ok: false, reason: 'unpublished' };
      const previous = (await deps.settings.get(workspaceId)).defaultFlowId;
      await deps.settings.set(workspaceId, { defaultFlowId: id });
      await deps.audit.record(workspaceId, 'flow.default', { actor, flowId: id, ...(previous ? { previous } : {}) }, now());
      return { ok: true };
    },
  };
}

/** The draft of a flow created by name: a greeting to start from. */
function starterFlow(name: string): FlowDocument {
  const id =
    name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'flow';
  return {
    schemaVersion: 1,
    id,
    name,
    start: 'welcome',
    nodes: [{ id: 'welcome', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Hi! How can we help?' } }],
    edges: [],
  };
}
