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

/** One day of the summary's series. */
export interface SummaryDay {
  day: string;
  started: number;
  resolved: number;
  handedOff: number;
  inbound: number;
  outbound: number;
}

/** GET /api/analytics/summary. */
export interface AnalyticsSummary {
  conversations: { started: number; resolved: number; handedOff: number; abandoned: number; active: number };
  messages: { inbound: number; outbound: number };
  firstResponseMs: { bot: { p50: number | null; p90: number | null } };
  resolutionRate: number | null;
  optOuts: number;
  templates: { sent: number };
  series: SummaryDay[];
}

/** The dashboard's figures for the last `days` days, days cut in the browser's time zone. */
export function analyticsSummary(client: ApiClient, days: number, flowId?: string): Promise<AnalyticsSummary> {
  const from = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const flow = flowId ? `&flowId=${encodeURIComponent(flowId)}` : '';
  return client.get<AnalyticsSummary>(`/api/analytics/summary?from=${encodeURIComponent(from)}&tz=${encodeURIComponent(tz)}${flow}`);
}

/** The series as CSV, one row per day. */
export function seriesCsv(series: readonly SummaryDay[]): string {
  const head = 'day,started,resolved,handed_off,inbound,outbound';
  return [head, ...series.map((d) => [d.day, d.started, d.resolved, d.handedOff, d.inbound, d.outbound].join(','))].join('\n');
}
