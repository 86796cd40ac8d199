import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAiMemoryRepository } from '../ai/ai-memory-repository';
import { timerKey } from '../conversation/carry-out';
import { conversationKeys } from '../conversation/conversation-keys';
import type { ChannelRef } from '../conversation/inbound-event';
import type { SessionState } from '../conversation/session-state';
import { createRecords, type Records } from '../records/records';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { MemorySessionStore } from '../stores/memory-session-store';
import { type ContactDataDeps, createAiMemoryData, deleteContactData, exportContactData } from './contact-data';

const WS = 'default';
const channel: ChannelRef = { kind: 'whatsapp', phoneNumberId: '106540352242922' };

describe('contact data', () => {
  let dir: string;
  let documents: EmbeddedDocumentStore;
  let sessions: MemorySessionStore;
  let records: Records;
  let deps: ContactDataDeps;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatflow-contact-data-'));
    documents = new EmbeddedDocumentStore(dir);
    sessions = await MemorySessionStore.open(dir);
    records = createRecords(documents);
    deps = { records, sessions, aiMemory: createAiMemoryData(documents, createAiMemoryRepository(documents)) };
  });
  afterEach(async () => {
    await documents.close();
    await sessions.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A contact mid-conversation: records, a pending timer, session state, and what the AI remembers. */
  async function contactWithHistory(address: string) {
    const contact = await records.contacts.ensure(WS, channel, address, 1000, 'Ana');
    const keys = conversationKeys(WS, channel, address);
    const conversationId = `conv-${address}`;
    await records.conversations.upsert({
      id: conversationId,
      workspaceId: WS,
      conversationKey: keys.conversation,
      contactId: contact.id,
      channel,
      flowId: 'f',
      flowVersion: 1,
      status: 'active',
      nodeId: 'menu',
      vars: { email: 'ana@example.com' },
      startedAt: 1000,
      updatedAt: 1000,
    });
    await records.messages.insertInbound({
      id: `m-${address}`,
      workspaceId: WS,
      key: `in:wamid.${address}`,
      conversationKey: keys.conversation,
      conversationId,
      contactId: contact.id,
      direction: 'in',
      status: 'processed',
      message: { kind: 'text', text: 'my order' },
      createdAt: 1000,
      updatedAt: 1000,
    });
    const memory = createAiMemoryRepository(documents);
    await memory.saveProfile({ id: contact.id, workspaceId: WS, name: 'Ana', preferences: ['oat milk'], updatedAt: 1000 });
    await memory.saveMemory({
      id: conversationId,
      workspaceId: WS,
      summary: 'Ana asked about her order',
      window: [],
      pending: [],
      profileChecked: true,
      updatedAt: 1000,
    });
    const state: SessionState = {
      contactId: contact.id,
      conversation: { id: conversationId, flowId: 'f', flowVersion: 1, startedAt: 1000, status: 'active' },
      snapshot: {
        status: 'active',
        output: undefined,
        error: undefined,
        context: {
          flowId: 'f',
          contact: { id: contact.id },
          vars: {},
          nodeId: 'menu',
          visit: 1,
          node: { retries: 0, data: {}, timerId: 'menu:1' },
          history: [],
        },
      } as SessionState['snapshot'],
    };
    await sessions.setSession(keys.session, JSON.stringify(state), 3600);
    await sessions.scheduleTimer(timerKey(conversationId, 'menu:1'), Date.now() + 60_000, '{}');
    return { contact, keys, conversationId };
  }

  it('exports everything kept about a contact, their number and the AI memory included', async () => {
    const { contact, conversationId } = await contactWithHistory('16505551234');
    const exported = await exportContactData(deps, WS, contact, 5000);
    expect(exported.contact).toMatchObject({ id: contact.id, name: 'Ana', address: '16505551234' });
    expect(exported.conversations).toEqual([expect.objectContaining({ id: conversationId, vars: { email: 'ana@example.com' } })]);
    expect(exported.conversations[0]?.messages).toEqual([
      expect.objectContaining({ direction: 'in', message: { kind: 'text', text: 'my order' } }),
    ]);
    expect(exported.ai).toEqual({
      profile: { name: 'Ana', preferences: ['oat milk'] },
      summaries: [{ conversationId, summary: 'Ana asked about her order' }],
    });
  });

  it('deletes everything kept about one contact and nothing of another', async () => {
    const { contact, keys, conversationId } = await contactWithHistory('16505551234');
    const other = await contactWithHistory('447700900123');
    const deleted = await deleteContactData(deps, WS, contact);
    expect(deleted).toEqual({ conversations: 1, messages: 1, orders: 0 });

    expect(await records.contacts.get(WS, contact.id)).toBeUndefined();
    expect(await records.conversations.get(WS, conversationId)).toBeUndefined();
    expect(await records.messages.forConversation(WS, conversationId)).toEqual([]);
    expect(await sessions.getSession(keys.session)).toBeUndefined();
    const memory = createAiMemoryRepository(documents);
    expect(await memory.profile(WS, contact.id)).toBeUndefined();
    expect(await memory.memory(WS, conversationId)).toBeUndefined();
    // Its timer was cancelled; the other contact's is still due later.
    const due = await sessions.claimDueTimers(Date.now() + 120_000, 10);
    expect(due.map((t) => t.id)).toEqual([timerKey(other.conversationId, 'menu:1')]);

    expect(await records.contacts.get(WS, other.contact.id)).toBeDefined();
    expect(await memory.profile(WS, other.contact.id)).toBeDefined();
    expect(await sessions.getSession(other.keys.session)).toBeDefined();
  });
});
