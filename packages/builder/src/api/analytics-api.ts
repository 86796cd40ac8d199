import type { ApiClient } from './api-client';

/** One node of a flow as the analytics count it (GET /api/analytics/flows/:id/nodes). */
export interface NodeTraffic {
  nodeId: string;
  entered: number;
  exits: Record<string, number>;
  waiting: number;
  droppedOff: number;
}

/** Per-node counts of a flow over the last `days` days, all published versions together. */
export function flowTraffic(client: ApiClient, flowId: string, days: number): Promise<NodeTraffic[]> {
  const from = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  return client.get<NodeTraffic[]>(`/api/analytics/flows/${encodeURIComponent(flowId)}/nodes?from=${encodeURIComponent(from)}`);
}
