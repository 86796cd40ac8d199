import type { FlowDocument, FlowNode } from '../flow-document';

/** WhatsApp's customer-service window (shared/reference/whatsapp-cloud-api.md §3). */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Why a node may run when the customer has not written for 24 hours. */
export type OutsideWindowCause =
  /** Started from outside (the start API): the customer may not have written for days. */
  | { kind: 'start' }
  /** After a wait longer than the window, with no reply from the customer since. */
  | { kind: 'wait'; nodeId: string; duration: string };

/**
 * The nodes that may run outside WhatsApp's 24-hour window, where only templates are delivered:
 * those reached from the start (a flow started from outside) or from a wait longer than the
 * window, before the customer writes again (a reply to a menu, a question, a reply wait or a
 * template's quick reply reopens the window). The first cause found is given.
 *
 * @example
 * outsideWindowNodes(cartFlow).get('nudge'); // { kind: 'wait', nodeId: 'wait', duration: '2 days' }
 */
export function outsideWindowNodes(document: FlowDocument): Map<string, OutsideWindowCause> {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const found = new Map<string, OutsideWindowCause>();
  const queue: [string, OutsideWindowCause][] = [];
  const reach = (nodeId: string, cause: OutsideWindowCause) => {
    if (found.has(nodeId) || !nodes.has(nodeId)) return;
    found.set(nodeId, cause);
    queue.push([nodeId, cause]);
  };
  for (const node of document.nodes) {
    const duration = longWait(node);
    if (duration) for (const target of targets(document, node.id, () => true)) reach(target, { kind: 'wait', nodeId: node.id, duration });
  }
  if (document.start) reach(document.start, { kind: 'start' });
  while (queue.length > 0) {
    const [nodeId, cause] = queue.shift() as [string, OutsideWindowCause];
    const node = nodes.get(nodeId) as FlowNode;
    for (const target of targets(document, nodeId, (exit) => !afterReply(node, exit))) reach(target, cause);
  }
  return found;
}

function targets(document: FlowDocument, source: string, follow: (exit: string) => boolean): string[] {
  return document.edges.filter((e) => e.source === source && follow(e.sourceHandle ?? 'next')).map((e) => e.target);
}

/** A wait node's duration, as the admin wrote it, when it is longer than the window. */
function longWait(node: FlowNode): string | undefined {
  if (node.type !== 'wait') return undefined;
  const data = node.data as { duration?: unknown; unit?: unknown };
  const unit = typeof data.unit === 'string' ? data.unit : 'minutes';
  if (typeof data.duration !== 'number' || data.duration * (UNIT_MS[unit] ?? 0) <= SERVICE_WINDOW_MS) return undefined;
  return `${data.duration} ${unit}`;
}

/** Whether leaving `node` by `exit` means the customer just wrote (which reopens the window). */
function afterReply(node: FlowNode, exit: string): boolean {
  switch (node.type) {
    case 'menu':
    case 'question':
      return exit !== 'timeout';
    case 'wait':
      return exit === 'replied';
    case 'message':
      // A message's exits other than `next` are its templates' quick replies.
      return exit !== 'next';
    default:
      return false;
  }
}
