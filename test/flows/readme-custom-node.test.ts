import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnyNodeType, compileFlow, createRuntime, defaultRegistry, validateFlow } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';

/** The README's "Adding a node type" example, exactly as a newcomer would copy it. */
async function readmeExample(): Promise<AnyNodeType> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```ts\n(\/\/ packages\/engine\/src\/custom\/coupon\/coupon\.ts\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README no longer has the coupon example');
  const engineSource = fileURLToPath(new URL('../../packages/engine/src/define-node-type.ts', import.meta.url));
  const file = join(mkdtempSync(join(tmpdir(), 'readme-')), 'coupon.ts');
  writeFileSync(file, block.replace("'../../define-node-type'", JSON.stringify(engineSource)));
  return ((await import(file)) as { coupon: AnyNodeType }).coupon;
}

describe("the README's custom node type", () => {
  it('validates, compiles and runs once added to the registry', async () => {
    const registry = defaultRegistry.extend([await readmeExample()]);
    const flow = {
      schemaVersion: 1,
      id: 'promo',
      name: 'Promo',
      start: 'give',
      nodes: [
        { id: 'give', type: 'coupon', position: { x: 0, y: 0 }, data: { prefix: 'SUMMER' } },
        { id: 'bye', type: 'end', position: { x: 0, y: 120 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'give', sourceHandle: 'next', target: 'bye' }],
    };
    expect(validateFlow(flow, registry).problems).toEqual([]);
    expect(validateFlow({ ...flow, nodes: [{ ...flow.nodes[0], data: {} }, flow.nodes[1]] }, registry).problems).toContainEqual(
      expect.objectContaining({ nodeId: 'give', field: 'data.prefix', message: 'is required' }),
    );
    const step = await createRuntime(compileFlow(flow, registry)).start({ contact: { id: 'contact-0042' } });
    expect(step.effects).toContainEqual(
      expect.objectContaining({ type: 'message.send', message: { kind: 'text', text: 'Your code: SUMMER-0042-10' } }),
    );
    expect(step.status).toBe('done');
  });
});
