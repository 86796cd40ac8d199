import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, type FlowDocument } from '@chatflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../records/audit-log';
import { createSecretBox } from '../security/secret-box';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { type ChannelRepository, createChannelRepository } from './channel-repository';
import { createFlowRepository } from './flow-repository';
import { createFlowService, type FlowService } from './flow-service';
import { createPublishedFlowSource } from './published-flow-source';
import { createVersionRepository, type VersionRepository } from './version-repository';
import { createWorkspaceSettings, type WorkspaceSettings } from './workspace-settings';

const WS = 'default';
const greeting = (id: string, text = 'Hello'): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: id,
  start: 'hi',
  nodes: [{ id: 'hi', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text } }],
  edges: [],
});

describe('flow service', () => {
  let dir: string;
  let documents: EmbeddedDocumentStore;
  let flows: FlowService;
  let versions: VersionRepository;
  let channels: ChannelRepository;
  let settings: WorkspaceSettings;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatflow-flows-'));
    documents = new EmbeddedDocumentStore(dir);
    versions = createVersionRepository(documents);
    channels = createChannelRepository(documents, createSecretBox(randomBytes(32)));
    settings = createWorkspaceSettings(documents);
    flows = createFlowService({
      flows: createFlowRepository(documents),
      versions,
      channels,
      settings,
      audit: createAuditLog(documents),
      registry: defaultRegistry,
    });
  });
  afterEach(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a valid draft as numbered versions that later drafts never change', async () => {
    await flows.create(WS, greeting('hello'), 'admin');
    const first = await flows.publish(WS, 'hello', 'ana');
    expect(first).toMatchObject({ ok: true, version: { version: 1, publishedBy: 'ana' } });
    await flows.saveDraft(WS, 'hello', greeting('hello', 'Changed'));
    expect((await versions.get(WS, 'hello', 1))?.document.nodes[0]?.data).toEqual({ text: 'Hello' });
    expect(await flows.publish(WS, 'hello', 'ana')).toMatchObject({ ok: true, version: { version: 2 } });
    expect((await flows.get(WS, 'hello'))?.publishedVersion).toBe(2);
  });

  it('refuses to publish a draft with errors and says which', async () => {
    await flows.create(WS, { ...greeting('broken'), start: 'nowhere' }, 'admin');
    const result = await flows.publish(WS, 'broken', 'ana');
    expect(result).toEqual({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ code: 'missing-start', field: 'start' })]),
    });
    expect(await versions.list(WS, 'broken')).toEqual([]);
    expect(await flows.publish(WS, 'missing', 'ana')).toBeUndefined();
  });

  it('makes only a published flow the default, and a channel runs its own flow before the default', async () => {
    await flows.create(WS, greeting('main'), 'admin');
    await flows.create(WS, greeting('vip', 'Hello VIP'), 'admin');
    expect(await flows.setDefault(WS, 'main', 'ana')).toEqual({ ok: false, reason: 'unpublished' });
    await flows.publish(WS, 'main', 'ana');
    expect(await flows.setDefault(WS, 'main', 'ana')).toEqual({ ok: true });
    expect((await flows.list(WS)).map((f) => [f.id, f.isDefault])).toEqual([
      ['main', true],
      ['vip', false],
    ]);

    const source = createPublishedFlowSource({ versions, channels, settings });
    await channels.create(WS, { phoneNumberId: '111', accessToken: 'token-1234567', flowId: 'vip' }, 1);
    // The channel's flow is not published yet: its customers get the default rather than silence.
    expect((await source.flowFor(WS, { kind: 'whatsapp', phoneNumberId: '111' }))?.flowId).toBe('main');
    await flows.publish(WS, 'vip', 'ana');
    expect(await source.flowFor(WS, { kind: 'whatsapp', phoneNumberId: '111' })).toMatchObject({ flowId: 'vip', version: 1 });
    expect(await source.flowFor(WS, { kind: 'whatsapp', phoneNumberId: '222' })).toMatchObject({ flowId: 'main', version: 1 });
    expect(await source.version(WS, 'main', 1)).toMatchObject({ flowId: 'main', version: 1 });
    expect(await source.version(WS, 'main', 7)).toBeUndefined();
  });

  it('deletes a flow unless a channel runs it, clearing the default and keeping its versions', async () => {
    await flows.create(WS, greeting('main'), 'admin');
    await flows.publish(WS, 'main', 'ana');
    await flows.setDefault(WS, 'main', 'ana');
    await channels.create(WS, { phoneNumberId: '111', accessToken: 'token-1234567', flowId: 'main' }, 1);
    expect(await flows.delete(WS, 'main', 'ana')).toEqual({ ok: false, reason: 'in-use', channels: ['111'] });
    await channels.update(WS, '111', { flowId: null }, 2);
    expect(await flows.delete(WS, 'main', 'ana')).toEqual({ ok: true });
    expect(await flows.get(WS, 'main')).toBeUndefined();
    expect((await settings.get(WS)).defaultFlowId).toBeUndefined();
    expect(await versions.get(WS, 'main', 1)).toBeDefined();
    expect(await flows.delete(WS, 'main', 'ana')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('keeps workspaces apart', async () => {
    await flows.create(WS, greeting('main'), 'admin');
    expect(await flows.get('other', 'main')).toBeUndefined();
    expect(await flows.list('other')).toEqual([]);
    expect(await flows.publish('other', 'main', 'ana')).toBeUndefined();
  });
});
