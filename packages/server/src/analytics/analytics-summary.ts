import type { ConversationRepository } from '../records/conversation-repository';
import { type AnalyticsBucket, addBucket, percentile } from './analytics-bucket';
import { emptyDelta } from './analytics-counter';

export interface SummaryQuery {
  from: number;
  to: number;
  /** IANA time zone the series' days are cut in (default UTC). */
  timeZone: string;
  flowId?: string;
  channel?: string;
  department?: string;
  /** How long a conversation may be quiet before its session expires (the flow's, or the default). */
  sessionMs: number;
  now: number;
}

/** The dashboard's figures for a time range: counted per hour as turns happened, added up here. */
export async function summarize(
  workspaceId: string,
  buckets: AnalyticsBucket[],
  conversations: Pick<ConversationRepository, 'count'>,
  q: SummaryQuery,
) {
  const chosen = buckets.filter(
    (b) =>
      b.hour < q.to &&
      (!q.flowId || b.flowId === q.flowId) &&
      (!q.channel || b.channel === q.channel) &&
      (q.department === undefined || b.department === q.department),
  );
  const total = emptyDelta();
  const days = new Map<string, ReturnType<typeof emptyDelta>>();
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: q.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const bucket of chosen) {
    addBucket(total, bucket);
    const day = dayOf.format(bucket.hour);
    const into = days.get(day) ?? emptyDelta();
    addBucket(into, bucket);
    days.set(day, into);
  }
  const flow = q.flowId ? { flowId: q.flowId } : {};
  // A conversation quiet for longer than its session lasts was abandoned mid-flow, whether or not the contact wrote again.
  const [expired, quiet, active] = await Promise.all([
    conversations.count(workspaceId, { statuses: ['expired'], ...flow, updatedFrom: q.from, updatedTo: q.to }),
    conversations.count(workspaceId, {
      statuses: ['active'],
      ...flow,
      updatedFrom: q.from - q.sessionMs,
      updatedTo: Math.min(q.to, q.now) - q.sessionMs,
    }),
    conversations.count(workspaceId, { statuses: ['active', 'handoff'], ...flow, updatedFrom: q.now - q.sessionMs }),
  ]);
  const { counts } = total;
  return {
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    timeZone: q.timeZone,
    conversations: { started: counts.started, resolved: counts.resolved, handedOff: counts.handedOff, abandoned: expired + quiet, active },
    messages: { inbound: counts.inbound, outbound: counts.outbound },
    firstResponseMs: { bot: { p50: percentile(total.botResponse, 0.5), p90: percentile(total.botResponse, 0.9) } },
    resolutionRate: counts.ended > 0 ? counts.resolved / counts.ended : null,
    optOuts: counts.optOuts,
    templates: { sent: counts.templatesSent },
    series: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => ({
        day,
        started: d.counts.started,
        resolved: d.counts.resolved,
        handedOff: d.counts.handedOff,
        inbound: d.counts.inbound,
        outbound: d.counts.outbound,
      })),
  };
}
