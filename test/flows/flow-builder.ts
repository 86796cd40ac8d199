import type { FlowDocument } from '@chatflow/engine';
import type { TranscriptLine, TranscriptOptions } from './transcript';

/**
 * A flow in a few lines: nodes by id as `[type, data]`, edges as `'source.exit -> target'`.
 *
 * @example
 * flow('ask', { ask: ['question', { text: 'Email?', variable: 'email' }], bye: ['end', {}] }, ['ask.next -> bye'])
 */
export function flow(
  start: string,
  nodes: Record<string, [type: string, data: Record<string, unknown>]>,
  edges: string[] = [],
  extra: Partial<FlowDocument> = {},
): FlowDocument {
  return {
    schemaVersion: 1,
    id: `test-${start}`,
    name: `Test flow starting at ${start}`,
    start,
    nodes: Object.entries(nodes).map(([id, [type, data]], i) => ({ id, type, version: 1, position: { x: 0, y: i * 160 }, data })),
    edges: edges.map((edge) => {
      const match = /^([\w-]+)\.([\w-]+)\s*->\s*([\w-]+)$/.exec(edge);
      if (!match) throw new Error(`edge "${edge}" is not "source.exit -> target"`);
      const [, source, sourceHandle, target] = match as unknown as [string, string, string, string];
      return { id: `${source}.${sourceHandle}`, source, sourceHandle, target };
    }),
    ...extra,
  };
}

/** One transcript test: a flow, and the conversation it must hold (user lines are the script). */
export interface TranscriptCase {
  name: string;
  flow: FlowDocument;
  transcript: TranscriptLine[];
  /** Made fresh for each run, so ports that record calls start empty. */
  options?: () => TranscriptOptions;
}
