import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, type FlowDocument } from '@chatflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger';
import { createRedactor } from '../observability/redactor';
import { createAuditLog } from '../records/audit-log';
import { createSecretBox } from '../security/secret-box';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { createChannelRepository } from './channel-repository';
import { createFlowRepository } from './flow-repository';
import { createFlowService } from './flow-service';
import { seedExamples } from './seed-examples';
import { createVersionRepository } from './version-repository';
import { createWorkspaceSettings } from './workspace-settings';

const greeting = (id: string): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: id,
  start: 'hi',
  nodes: [{ id: 'hi', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Hello' } }],
  edges: [],
});

describe('seedExamples', () => {
  let dir: string;
  let examples: string;
  let documents: EmbeddedDocumentStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatflow-seed-'));
    examples = await mkdtemp(join(tmpdir(), 'chatflow-examples-'));
    documents = new EmbeddedDocumentStore(dir);
  });
  afterEach(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
    await rm(examples, { recursive: true, force: true });
  });

  const deps = () => {
    const settings = createWorkspaceSettings(documents);
    const flows = createFlowService({
      flows: createFlowRepository(documents),
      versions: createVersionRepository(documents),
      channels: createChannelRepository(documents, createSecretBox(randomBytes(32))),
      settings,
      audit: createAuditLog(documents),
      registry: defaultRegistry,
    });
    const warnings: string[] = [];
    const log = createLogger({ redactor: createRedactor(), write: (line) => warnings.push(JSON.parse(line).msg) });
    const checkDocument = (value: unknown) =>
      typeof value === 'object' && value !== null && 'nodes' in value ? undefined : { path: 'nodes', message: 'is required' };
    return { flows, settings, warnings, seed: { flows, settings, log, checkDocument } };
  };

  it('seeds every example once, publishing the welcome flow as the default', async () => {
    await writeFile(join(examples, 'a-orders.json'), JSON.stringify(greeting('orders')));
    await writeFile(join(examples, 'welcome-menu.json'), JSON.stringify(greeting('welcome-menu')));
    await writeFile(join(examples, 'notes.json'), '{"not": "a flow"}');
    await writeFile(join(examples, 'broken.json'), '{');
    const { flows, warnings, seed } = deps();

    expect(await seedExamples(seed, 'default', examples)).toEqual({ seeded: ['orders', 'welcome-menu'], defaultFlowId: 'welcome-menu' });
    const list = await flows.list('default');
    expect(list.map((f) => [f.id, f.publishedVersion, f.isDefault])).toEqual([
      ['orders', undefined, false],
      ['welcome-menu', 1, true],
    ]);
    expect(warnings).toEqual(expect.arrayContaining(['example flow is not JSON; skipped', 'example flow is not a flow document; skipped']));

    await flows.delete('default', 'orders', 'admin');
    expect(await seedExamples(seed, 'default', examples)).toBeUndefined();
    expect((await flows.list('default')).map((f) => f.id)).toEqual(['welcome-menu']);
  });

  it('falls back to the next example when the welcome flow has errors', async () => {
    await writeFile(join(examples, 'welcome.json'), JSON.stringify({ ...greeting('welcome'), start: 'missing' }));
    await writeFile(join(examples, 'support.json'), JSON.stringify(greeting('support')));
    const { seed } = deps();
    expect(await seedExamples(seed, 'default', examples)).toMatchObject({ defaultFlowId: 'support' });
  });
});
