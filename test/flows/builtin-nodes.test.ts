import { builtinNodeTypes } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { inputNodeCases } from './cases/input-nodes';
import { integrationNodeCases } from './cases/integration-nodes';
import { logicNodeCases } from './cases/logic-nodes';
import { playTranscript } from './transcript';

const cases = [...inputNodeCases, ...logicNodeCases, ...integrationNodeCases];

describe('built-in node types, transcript by transcript (snapshot stored as JSON and a fresh runtime for every message)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const run = await playTranscript(c.flow, c.transcript, c.options?.());
    expect(run.lines).toEqual(c.transcript);
  });

  it('covers every built-in node type (add a transcript when you add a node type)', () => {
    const covered = new Set(cases.flatMap((c) => c.flow.nodes.map((n) => n.type)));
    expect(builtinNodeTypes.map((t) => t.type).filter((type) => !covered.has(type))).toEqual([]);
  });
});
