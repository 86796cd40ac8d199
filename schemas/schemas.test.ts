import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../packages/engine/src/index';
import { createAjv } from '../packages/engine/src/validation/schema-validator';
import { schemasDir, staleSchemaFiles, writeSchemaFiles } from '../scripts/generate-schemas';

const examplesDir = new URL('../examples/flows/', import.meta.url);

describe('schemas/', () => {
  it('matches what the engine generates (after changing a node type, run `pnpm schemas`)', () => {
    const stale = staleSchemaFiles().map((file) => `schemas/${file.path} is ${file.problem}: run \`pnpm schemas\``);
    expect(stale).toEqual([]);
  });

  it('has one node schema per node type of the default registry', () => {
    const onDisk = readdirSync(join(schemasDir, 'nodes')).sort();
    const types = defaultRegistry
      .list()
      .map((t) => `${t.type}.schema.json`)
      .sort();
    expect(onDisk).toEqual(types);
  });

  it('validates the example flows on their own, without the engine', () => {
    const ajv = createAjv();
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
    const validateFlow = ajv.compile(read(join(schemasDir, 'flow.schema.json')));
    const nodeValidators = new Map(
      readdirSync(join(schemasDir, 'nodes')).map((name) => [
        name.replace('.schema.json', ''),
        ajv.compile(read(join(schemasDir, 'nodes', name))),
      ]),
    );
    const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.json'));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const flow = read(join(examplesDir.pathname, name)) as { nodes: { id: string; type: string; data: unknown }[] };
      expect(validateFlow(flow), `${name}: ${ajv.errorsText(validateFlow.errors)}`).toBe(true);
      for (const node of flow.nodes) {
        const validate = nodeValidators.get(node.type);
        expect(validate, `${name}: node "${node.id}" has type "${node.type}" without a schema`).toBeDefined();
        expect(validate?.(node.data), `${name}: node "${node.id}": ${ajv.errorsText(validate?.errors)}`).toBe(true);
      }
    }
  });

  it('reports a file that is out of date, missing or left over, by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    writeSchemaFiles(dir);
    expect(staleSchemaFiles(dir)).toEqual([]);
    writeFileSync(join(dir, 'nodes', 'menu.schema.json'), '{}\n');
    writeFileSync(join(dir, 'nodes', 'gone.schema.json'), '{}\n');
    rmSync(join(dir, 'flow.schema.json'));
    expect(staleSchemaFiles(dir)).toEqual(
      expect.arrayContaining([
        { path: 'flow.schema.json', problem: 'missing' },
        { path: 'nodes/menu.schema.json', problem: 'out of date' },
        { path: 'nodes/gone.schema.json', problem: 'left over from a removed node type' },
      ]),
    );
    rmSync(dir, { recursive: true });
  });
});
