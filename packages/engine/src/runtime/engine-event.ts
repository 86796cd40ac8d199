import type { UserMessage } from './user-message';

/** Everything a host can send into a running conversation. */
export type EngineEvent = (
  | { type: 'user.message'; message: UserMessage }
  | { type: 'timer.fired'; timerId: string }
  /** An agent took a handed-off conversation (a handoff node then stops waiting for its timeout). */
  | { type: 'agent.assigned'; agentId?: string }
  | { type: 'agent.released'; agentId?: string; note?: string }
  /**
   * An agent wrote to the customer in a handed-off conversation (the host sent it already). It
   * joins the conversation history, so an AI node after the hand-back knows what was said.
   */
  | { type: 'agent.message'; text: string; agentId?: string }
) & {
  /**
   * When the event happened, in epoch milliseconds, as the host's clock says. The engine never
   * reads a clock itself, so nodes that depend on the time (business hours) stay pure and
   * testable; it is stored as `context.now` while the event is handled.
   */
  now?: number;
};
