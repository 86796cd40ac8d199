import type { AiMedia } from './ports';

/** Who the conversation is with. `id` is opaque; phone numbers stay with the host. */
export interface Contact {
  id: string;
  name?: string;
  locale?: string;
}

export interface HistoryEntry {
  role: 'user' | 'assistant';
  text: string;
  /** The file the customer sent with this message, when it was media (the AI node shows photos to the model). */
  media?: AiMedia;
}

/** The XState context of every compiled flow. It is plain JSON so snapshots persist as-is. */
export interface ConversationContext {
  flowId: string;
  contact: Contact;
  vars: Record<string, unknown>;
  /** The node the conversation is in. */
  nodeId: string;
  /** Counts node entries; makes timer ids unique per visit so a stale timer is ignored. */
  visit: number;
  /** Scratch state of the current node, reset on entering a node. */
  node: NodeScratch;
  /** Recent messages both ways, bounded, for nodes that need conversation memory (AI). */
  history: HistoryEntry[];
  /**
   * The host's time of the event being handled (epoch ms), from `EngineEvent.now` or
   * `StartOptions.now`; absent when the host did not say, so a stale time is never used.
   */
  now?: number;
  /**
   * Nodes entered while handling the current event; the runtime clears it for each event. Bounded
   * by `NODE_ENTRIES_PER_EVENT` so a flow that loops without waiting fails instead of hanging.
   */
  entries?: number;
}

export interface NodeScratch {
  retries: number;
  timerId?: string;
  data: Record<string, unknown>;
}

export const HISTORY_LIMIT = 40;
