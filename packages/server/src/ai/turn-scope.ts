import { AsyncLocalStorage } from 'node:async_hooks';

/** The conversation whose turn is running: what host ports need that the engine's requests do not carry. */
export interface TurnScope {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  /** The contact's address on the channel (WhatsApp number): masked wherever it would reach a model. */
  contactAddress?: string;
  /** The flow being run, for warnings (the test chat shows those of its draft). */
  flowId?: string;
}

const storage = new AsyncLocalStorage<TurnScope>();

/**
 * Runs one conversation turn with its scope set. Compiled runtimes (and so their ports) are shared
 * by every conversation of a flow version, so the AI and catalog ports read the conversation from
 * here rather than from the request.
 *
 * @example
 * const step = await inTurnScope({ workspaceId, conversationId, contactId, contactAddress }, () => runtime.send(snapshot, event));
 */
export function inTurnScope<T>(scope: TurnScope, run: () => T): T {
  return storage.run(scope, run);
}

/** The scope of the turn running now; undefined outside one (e.g. a unit test calling a port directly). */
export function currentTurnScope(): TurnScope | undefined {
  return storage.getStore();
}
