import type { FlowDocument, FlowTestResult, Problem } from '@chatflow/engine';
import type { ApiClient } from './api-client';

/** A row of the flow list. */
export interface FlowSummary {
  id: string;
  name: string;
  updatedAt: string;
  publishedVersion?: number;
  isDefault: boolean;
}

export interface FlowRecord extends FlowSummary {
  draft: FlowDocument;
}

export interface VersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface VersionRecord extends VersionInfo {
  document: FlowDocument;
}

const flow = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

/** The flow endpoints of the REST API, typed. */
export function flowsApi(client: ApiClient) {
  return {
    list: () => client.get<FlowSummary[]>('/api/flows'),
    create: (name: string) => client.post<FlowRecord>('/api/flows', { name }),
    createFrom: (document: FlowDocument) => client.post<FlowRecord>('/api/flows', { document }),
    get: (id: string) => client.get<FlowRecord>(flow(id)),
    save: (id: string, draft: FlowDocument) =>
      client.put<{ updatedAt: string; problems: Problem[] }>(flow(id), { draft, name: draft.name }),
    remove: (id: string) => client.delete(flow(id)),
    publish: (id: string) => client.post<VersionInfo>(`${flow(id)}/publish`),
    versions: (id: string) => client.get<VersionInfo[]>(`${flow(id)}/versions`),
    version: (id: string, version: number) => client.get<VersionRecord>(`${flow(id)}/versions/${version}`),
    exportFile: (id: string) => client.download(`${flow(id)}/export`),
    importDocument: (document: unknown) => client.post<FlowRecord>('/api/flows/import', document),
    makeDefault: (id: string) => client.post<void>(`${flow(id)}/default`),
    /** Runs the tests of the saved draft; AI and HTTP nodes answer from each test's recorded answers. */
    runTests: (id: string) => client.post<{ results: FlowTestResult[] }>(`${flow(id)}/tests/run`),
  };
}

export type FlowsApi = ReturnType<typeof flowsApi>;
