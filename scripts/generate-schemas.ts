// `pnpm schemas`: writes schemas/ from the engine, the one place the schemas are written by hand.
// schemas/flow.schema.json is the flow document; schemas/nodes/<type>.schema.json is each node
// type's config (`data`), for editors, other languages and the REST contract.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AnyNodeType, defaultRegistry, flowSchema, type Registry } from '../packages/engine/src/index';

const JSON_SCHEMA = 'https://json-schema.org/draft/2020-12/schema';
const BASE_ID = 'https://chatflow.dev/schemas';

/** The schemas folder at the repository root. */
export const schemasDir = fileURLToPath(new URL('../schemas/', import.meta.url));

/** Every generated file: path relative to `schemas/`, and its exact content. */
export function schemaFiles(registry: Registry = defaultRegistry): Map<string, string> {
  const files = new Map<string, string>([['flow.schema.json', toJson(flowSchema)]]);
  for (const definition of registry.list()) files.set(`nodes/${definition.type}.schema.json`, toJson(nodeSchema(definition)));
  return files;
}

/** A node type's config schema as a standalone JSON Schema document. */
export function nodeSchema(definition: AnyNodeType): Record<string, unknown> {
  return {
    $schema: JSON_SCHEMA,
    $id: `${BASE_ID}/nodes/${definition.type}.schema.json`,
    title: definition.title,
    description: `${definition.description}. The \`data\` of a "${definition.type}" node (version ${definition.version}).`,
    ...definition.configSchema,
  };
}

export interface StaleFile {
  /** Relative to `schemas/`. */
  path: string;
  problem: 'missing' | 'out of date' | 'left over from a removed node type';
}

/** Files on disk that differ from what the engine generates now. */
export function staleSchemaFiles(dir = schemasDir, registry: Registry = defaultRegistry): StaleFile[] {
  const expected = schemaFiles(registry);
  const stale: StaleFile[] = [];
  for (const [path, content] of expected) {
    const current = readOrUndefined(join(dir, path));
    if (current === undefined) stale.push({ path, problem: 'missing' });
    else if (current !== content) stale.push({ path, problem: 'out of date' });
  }
  for (const path of generatedOnDisk(dir)) {
    if (!expected.has(path)) stale.push({ path, problem: 'left over from a removed node type' });
  }
  return stale;
}

/** Writes every schema and removes those of node types that no longer exist. */
export function writeSchemaFiles(dir = schemasDir, registry: Registry = defaultRegistry): { written: number; removed: string[] } {
  const expected = schemaFiles(registry);
  for (const [path, content] of expected) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const removed = generatedOnDisk(dir).filter((path) => !expected.has(path));
  for (const path of removed) rmSync(join(dir, path));
  return { written: expected.size, removed };
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Node schema files present in `schemas/nodes/`; only `*.schema.json` files are ours to judge. */
function generatedOnDisk(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'nodes'))
      .filter((name) => name.endsWith('.schema.json'))
      .map((name) => `nodes/${name}`);
  } catch {
    return [];
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { written, removed } = writeSchemaFiles();
  console.log(`schemas: wrote ${written} files to schemas/${removed.length ? `, removed ${removed.join(', ')}` : ''}`);
}
