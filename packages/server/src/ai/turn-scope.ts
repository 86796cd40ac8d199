/**
 * The conversation whose turn is running: what host ports need that the engine's requests do not
 * carry. `planTurn` gives it to the runtime with each step, which makes that turn's ports from it
 * (`createTurnPorts`); nothing ambient, so no async context tracking on the turn's path.
 */
export interface TurnScope {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  /** The contact's address on the channel (WhatsApp number): masked wherever it would reach a model. */
  contactAddress?: string;
  /** The flow being run, for warnings (the test chat shows those of its draft). */
  flowId?: string;
}
