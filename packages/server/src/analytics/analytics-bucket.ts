/** What is counted per hour, flow version, channel and department. No phone numbers, no texts. */
export interface Counts {
  started: number;
  ended: number;
  resolved: number;
  handedOff: number;
  inbound: number;
  outbound: number;
  optOuts: number;
  templatesSent: number;
}

export interface NodeCounts {
  entered: number;
  exits: Record<string, number>;
}

/** One process's counts for one hour of one flow version on one channel and department. */
export interface AnalyticsBucket {
  id: string;
  workspaceId: string;
  /** The hour's start, epoch ms (UTC). */
  hour: number;
  flowId: string;
  flowVersion: number;
  channel: string;
  /** The department the conversation was with, or '' (bot only). */
  department: string;
  counts: Counts;
  nodes: Record<string, NodeCounts>;
  /** How long the bot took to answer a customer message, as counts per bin of `RESPONSE_BINS_MS`. */
  botResponse: number[];
}

export const HOUR_MS = 60 * 60 * 1000;

/** Upper edges of the bot response-time bins, in ms; the last bin holds everything slower. */
export const RESPONSE_BINS_MS = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 60_000];

export function emptyCounts(): Counts {
  return { started: 0, ended: 0, resolved: 0, handedOff: 0, inbound: 0, outbound: 0, optOuts: 0, templatesSent: 0 };
}

/** Adds `from` into `into`, counts, nodes and bins alike. */
export function addBucket(
  into: Pick<AnalyticsBucket, 'counts' | 'nodes' | 'botResponse'>,
  from: Pick<AnalyticsBucket, 'counts' | 'nodes' | 'botResponse'>,
): void {
  for (const key of Object.keys(from.counts) as (keyof Counts)[]) into.counts[key] += from.counts[key];
  for (const [nodeId, node] of Object.entries(from.nodes)) {
    const target = into.nodes[nodeId] ?? { entered: 0, exits: {} };
    into.nodes[nodeId] = target;
    target.entered += node.entered;
    for (const [exit, n] of Object.entries(node.exits)) target.exits[exit] = (target.exits[exit] ?? 0) + n;
  }
  from.botResponse.forEach((n, i) => {
    into.botResponse[i] = (into.botResponse[i] ?? 0) + n;
  });
}

/** The bin of a response time. */
export function responseBin(ms: number): number {
  const i = RESPONSE_BINS_MS.findIndex((edge) => ms <= edge);
  return i === -1 ? RESPONSE_BINS_MS.length : i;
}

/** A percentile of binned times, as the upper edge of its bin (the slowest bin reads as its lower edge). */
export function percentile(bins: readonly number[], p: number): number | null {
  const total = bins.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, n] of bins.entries()) {
    seen += n;
    if (seen >= total * p) return RESPONSE_BINS_MS[i] ?? (RESPONSE_BINS_MS.at(-1) as number);
  }
  return RESPONSE_BINS_MS.at(-1) as number;
}
