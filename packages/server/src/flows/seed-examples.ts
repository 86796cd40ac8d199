import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowDocument } from '@chatflow/engine';
import type { Logger } from '../observability/logger';
import type { FlowService } from './flow-service';
import type { WorkspaceSettings } from './workspace-settings';

export interface SeedDeps {
  flows: FlowService;
  settings: WorkspaceSettings;
  /** What is structurally wrong with a document (the flow schema), or undefined. */
  checkDocument: (value: unknown) => { path: string; message: string } | undefined;
  log: Logger;
}

export interface SeedResult {
  seeded: string[];
  defaultFlowId?: string;
}

/** The example meant to answer customers out of the box: the welcome + menu flow. */
const DEFAULT_EXAMPLE = /welcome/i;

/**
 * Seeds the example flows (every `*.json` in `dir`) into a workspace the first time it starts,
 * publishes the welcome flow and makes it the default. Does nothing on later starts, even if the
 * admin deleted the examples. A file that is not a flow document is skipped with a warning.
 */
export async function seedExamples(deps: SeedDeps, workspaceId: string, dir: string): Promise<SeedResult | undefined> {
  if ((await deps.settings.get(workspaceId)).seededAt !== undefined) return undefined;
  const created: { file: string; id: string }[] = [];
  for (const file of await jsonFiles(dir)) {
    const document = await readDocument(deps, join(dir, file));
    if (!document) continue;
    const record = await deps.flows.create(workspaceId, document, 'seed');
    created.push({ file, id: record.id });
  }
  // The welcome flow first; should it not publish, the next example that does becomes the default.
  const candidates = [...created].sort((a, b) => rank(a) - rank(b));
  let defaultFlowId: string | undefined;
  for (const candidate of candidates) {
    const published = await deps.flows.publish(workspaceId, candidate.id, 'seed');
    if (published?.ok) {
      await deps.flows.setDefault(workspaceId, candidate.id, 'seed');
      defaultFlowId = candidate.id;
      break;
    }
    deps.log.warn('example flow has errors; not published', { flowId: candidate.id, errors: published?.problems.length });
  }
  await deps.settings.set(workspaceId, { seededAt: Date.now() });
  const seeded = created.map((c) => c.id);
  deps.log.info('seeded example flows', { workspaceId, flows: seeded, defaultFlowId });
  return { seeded, ...(defaultFlowId ? { defaultFlowId } : {}) };
}

function rank(candidate: { file: string; id: string }): number {
  return DEFAULT_EXAMPLE.test(candidate.id) || DEFAULT_EXAMPLE.test(candidate.file) ? 0 : 1;
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readDocument(deps: SeedDeps, path: string): Promise<FlowDocument | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    deps.log.warn('example flow is not JSON; skipped', { path, error: (error as Error).message });
    return undefined;
  }
  const problem = deps.checkDocument(value);
  if (problem) {
    deps.log.warn('example flow is not a flow document; skipped', { path, field: problem.path, problem: problem.message });
    return undefined;
  }
  return value as FlowDocument;
}
