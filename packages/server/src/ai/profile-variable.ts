import type { ContactProfile, FlowDocument } from '@chatflow/engine';
import type { AiMemoryRepository, ContactProfileRecord } from './ai-memory-repository';

/**
 * A stored contact profile as the `profile` flow variable: texts ready for templates, so
 * `{{profile.name}}` is the name and `{{profile.preferences}}` reads "vegan, thin crust".
 */
export function profileVariable(record: ContactProfileRecord): ContactProfile {
  return {
    ...(record.name ? { name: record.name } : {}),
    ...(record.preferences.length ? { preferences: record.preferences.join(', ') } : {}),
  };
}

/** Per flow document: whether it can read the profile (an AI node keeps it, a template names it). */
const readers = new WeakMap<FlowDocument, boolean>();

function readsProfile(document: FlowDocument): boolean {
  let reads = readers.get(document);
  if (reads === undefined) {
    // A loose test on purpose: a flow that only mentions the word costs one lookup per conversation.
    reads = document.nodes.some((node) => node.type === 'ai' || JSON.stringify(node.data).includes('profile'));
    readers.set(document, reads);
  }
  return reads;
}

/**
 * The pipeline's `startVars`: a returning contact's new conversation starts with the profile an AI
 * node learnt of them before, as the `profile` variable. Flows that cannot read it skip the lookup.
 *
 * @example
 * createConversationService({ ..., startVars: profileStartVars(aiMemoryRepository) });
 */
export function profileStartVars(memory: Pick<AiMemoryRepository, 'profile'>) {
  return async (workspaceId: string, contactId: string, document: FlowDocument): Promise<Record<string, unknown> | undefined> => {
    if (!readsProfile(document)) return undefined;
    const record = await memory.profile(workspaceId, contactId);
    return record ? { profile: profileVariable(record) } : undefined;
  };
}
