import type { UserMessage } from './user-message';

/** Everything a host can send into a running conversation. */
export type EngineEvent =
  | { type: 'user.message'; message: UserMessage }
  | { type: 'timer.fired'; timerId: string }
  | { type: 'agent.released'; agentId?: string; note?: string };
