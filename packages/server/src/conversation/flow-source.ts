import type { FlowDocument } from '@chatflow/engine';
import type { ChannelRef } from './inbound-event';

export interface FlowVersionRef {
  flowId: string;
  /** A published version; 0 for a simulator draft. */
  version: number;
  document: FlowDocument;
}

/** Which flow a new conversation runs, and the exact version an existing one stays on. */
export interface FlowSource {
  /** The flow a new conversation on this channel starts: the channel's flow, else the default flow. */
  flowFor(workspaceId: string, channel: ChannelRef): Promise<FlowVersionRef | undefined>;
  /** A version by id, for conversations that started on it (and for `flow.jump`, the latest published). */
  version(workspaceId: string, flowId: string, version?: number): Promise<FlowVersionRef | undefined>;
}
