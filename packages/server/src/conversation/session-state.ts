import type { ConversationSnapshot, Effect, OutboundMessage } from '@chatflow/engine';
import type { ConversationRecord, NodeFailure } from '../records/conversation-repository';

/**
 * What a turn must do after its state is committed. It is stored with the snapshot in one write,
 * so a turn interrupted by a crash is finished from here, each step idempotent, before its queue
 * item is acknowledged.
 */
export interface Outbox {
  /** The inbound event whose turn produced it. */
  eventId: string;
  /** When the turn ran (epoch ms): timers are due relative to it, records are stamped with it. */
  at: number;
  /**
   * The conversation record of a conversation this turn ended (its snapshot is gone, so the record
   * is kept whole). A conversation still open is rewritten from the state instead (`open`), which
   * keeps the stored session small.
   */
  conversation?: ConversationRecord;
  /** The turn changed an open conversation: its record is rebuilt from the state and written. */
  open?: true;
  /** Marks the inbound message processed (only for customer messages). */
  inbound?: boolean;
  /** Sets the contact's opt-out flag (an opt-out or opt-in keyword). */
  optOut?: boolean;
  /** The engine's effects in order, each message with its idempotency key. */
  effects: PlannedEffect[];
  /** The nodes the turn entered (`node`) and the exits it left by (`node>exit`), in order: for the per-node counts. */
  visits?: string[];
  /** The turn started a new conversation. */
  started?: true;
  /** The flow's template for customers outside the 24-hour window, if it has one. */
  outsideWindowTemplate?: Extract<OutboundMessage, { kind: 'template' }>;
}

/**
 * A message to send. Its idempotency key is `<event id>:<effect index>`, derived when it is carried
 * out rather than stored; only messages outside the flow's effects (an opt-out acknowledgement)
 * carry a key of their own.
 */
export type PlannedSend = { type: 'message.send'; nodeId: string; message: OutboundMessage; key?: string };
export type PlannedEffect = Exclude<Effect, { type: 'message.send' | 'node.enter' | 'node.exit' }> | PlannedSend;

/** The running conversation's facts that the snapshot does not hold. */
export interface ConversationMeta {
  id: string;
  flowId: string;
  flowVersion: number;
  startedAt: number;
  status: 'active' | 'handoff';
  department?: string;
  handoffNote?: string;
  lastFailure?: NodeFailure;
}

/** A conversation's state in the SessionStore between events. */
export interface SessionState {
  contactId: string;
  /** Absent before the first conversation and once one ended: the next customer message starts anew. */
  conversation?: ConversationMeta;
  snapshot?: ConversationSnapshot;
  outbox?: Outbox;
  /**
   * The customer's last message (epoch ms), exact: the bot's sends check WhatsApp's 24-hour window
   * against it. The contact record holds it too, written at most once a minute (and read when the
   * session has expired), so a chatty customer's messages cost no contact write each.
   */
  lastInboundAt?: number;
  /**
   * When the last timer the conversation scheduled is due (epoch ms): the session is kept at least
   * that long, so a wait longer than the flow's session timeout (a follow-up days later) still fires.
   */
  timersDueBy?: number;
}

export function parseSessionState(raw: string | undefined): SessionState | undefined {
  return raw === undefined ? undefined : (JSON.parse(raw) as SessionState);
}
