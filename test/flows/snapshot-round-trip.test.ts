import { describe, expect, it } from 'vitest';
import { inputNodeCases } from './cases/input-nodes';
import { integrationNodeCases } from './cases/integration-nodes';
import { logicNodeCases } from './cases/logic-nodes';
import { playTranscript } from './transcript';

/**
 * Where a value holds something JSON would lose or change: a function, a date or other class
 * instance, NaN or Infinity. An undefined field is fine: JSON drops it, and absent reads the same.
 */
function notJson(value: unknown, path: string): string[] {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => notJson(item, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => notJson(item, `${path}.${key}`));
  }
  return [`${path} is a ${typeof value === 'object' ? value.constructor.name : typeof value}`];
}

const cases = [...inputNodeCases, ...logicNodeCases, ...integrationNodeCases];

describe('snapshots between messages', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: stored as JSON in a fresh process, the same as kept in memory', async (_, c) => {
    const inMemory = await playTranscript(c.flow, c.transcript, { ...c.options?.(), persistence: 'memory' });
    const viaJson = await playTranscript(c.flow, c.transcript, { ...c.options?.(), persistence: 'json' });
    expect(viaJson.lines).toEqual(inMemory.lines);
    expect(viaJson.vars).toEqual(inMemory.vars);
    for (const snapshot of inMemory.snapshots) expect(notJson(snapshot, 'snapshot')).toEqual([]);
  });
});
