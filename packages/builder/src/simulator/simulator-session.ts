import type { FlowDocument, FlowTest, OutboundMessage, UserMessage } from '@chatflow/engine';
import type { SimulatorApi } from '../api/simulator-api';
import { type EventStream, TicketedEventSource } from '../api/ticketed-event-source';

/** One bubble of the simulated chat: the customer's (`in`) or the bot's (`out`). */
export type ChatEntry = { id: number; at: number } & (
  | { direction: 'in'; message: UserMessage }
  | { direction: 'out'; message: OutboundMessage }
);

export interface SimulatorState {
  phase: 'idle' | 'starting' | 'running' | 'failed';
  entries: readonly ChatEntry[];
  /** The node the conversation is at, highlighted on the canvas. */
  nodeId?: string;
  vars: Readonly<Record<string, unknown>>;
  /** `active` while the conversation goes on, `done` once it ended. */
  status?: string;
  timerPending: boolean;
  error?: string;
  /** The stream dropped and the browser is reconnecting. */
  reconnecting: boolean;
  /** The answers AI and HTTP nodes got in this chat, in order: a test saved from it replays them. */
  recorded: { ai: RecordedAnswers['ai']; http: RecordedAnswers['http'] };
  /** The visitor the flow talks to ({{contact.name}}). */
  contactName?: string;
  /** How many chat entries there were each time a timer was fired, so a saved test fires it at the same point. */
  timersFired: readonly number[];
}

export type RecordedAnswers = Required<NonNullable<FlowTest['recorded']>>;

const initial: SimulatorState = {
  phase: 'idle',
  entries: [],
  vars: {},
  timerPending: false,
  reconnecting: false,
  recorded: { ai: [], http: [] },
  timersFired: [],
};

/**
 * A conversation with the current draft on the server's web channel: starts a session, follows
 * its server-sent events (messages both ways, the state after each step) and sends the
 * customer's messages, timer firings and restarts.
 */
export class SimulatorSession {
  private current: SimulatorState = initial;
  private sessionId: string | undefined;
  private stream: EventStream | undefined;
  private nextId = 1;
  /** Bumped by every start and close, so a start that was overtaken does not open its stream. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: SimulatorApi,
    private readonly openStream: (url: () => Promise<string>) => EventStream = (url) => new TicketedEventSource(url),
  ) {}

  readonly getState = (): SimulatorState => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts a conversation with `document`; the flow says its first messages at once. */
  async start(document: FlowDocument): Promise<void> {
    this.close();
    const generation = this.generation;
    this.update({ ...initial, phase: 'starting' });
    try {
      const { sessionId, contactName } = await this.api.start(document);
      if (generation !== this.generation) return;
      this.sessionId = sessionId;
      this.listen(sessionId);
      this.update({ phase: 'running', contactName });
    } catch (error) {
      if (generation === this.generation) this.update({ phase: 'failed', error: messageOf(error) });
    }
  }

  /** Starts over with `document` (the draft as it is now) in the same session. */
  async restart(document: FlowDocument): Promise<void> {
    if (!this.sessionId) return this.start(document);
    this.update({ entries: [], vars: {}, timerPending: false, error: undefined, recorded: { ai: [], http: [] }, timersFired: [] });
    await this.call(() => this.api.restart(this.sessionId!, document));
  }

  /** Sends what the customer typed or tapped. */
  async send(message: UserMessage): Promise<void> {
    if (this.sessionId) await this.call(() => this.api.send(this.sessionId!, message));
  }

  /** Sends a photo, voice note, video or document as the customer. */
  async sendFile(file: File): Promise<void> {
    if (this.sessionId) await this.call(() => this.api.sendFile(this.sessionId!, file));
  }

  /** Fires the pending timer now, as if the customer had not answered in time. */
  async fireTimer(): Promise<void> {
    if (!this.sessionId) return;
    this.update({ timersFired: [...this.current.timersFired, this.current.entries.length] });
    await this.call(() => this.api.fireTimer(this.sessionId!));
  }

  close(): void {
    this.generation += 1;
    this.stream?.close();
    this.stream = undefined;
    this.sessionId = undefined;
    this.update(initial);
  }

  private async call(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.update({ error: messageOf(error) });
    }
  }

  private listen(sessionId: string): void {
    const stream = this.openStream(() => this.api.eventsUrl(sessionId));
    this.stream = stream;
    const data = (event: Event): unknown => {
      const text = (event as MessageEvent).data;
      return typeof text === 'string' ? JSON.parse(text) : undefined;
    };
    stream.addEventListener('open', () => this.update({ reconnecting: false }));
    stream.addEventListener('message', (event) => {
      const payload = data(event) as { direction: 'in'; message: UserMessage } | { direction: 'out'; message: OutboundMessage };
      this.update({ entries: [...this.current.entries, { ...payload, id: this.nextId++, at: Date.now() }], reconnecting: false });
    });
    stream.addEventListener('state', (event) => {
      const state = data(event) as { nodeId?: string; vars?: Record<string, unknown>; status?: string; timerPending?: boolean };
      this.update({ nodeId: state.nodeId, vars: state.vars ?? {}, status: state.status, timerPending: Boolean(state.timerPending) });
    });
    stream.addEventListener('recorded', (event) => {
      const { port, answer } = data(event) as
        | { port: 'ai'; answer: RecordedAnswers['ai'][number] }
        | { port: 'http'; answer: RecordedAnswers['http'][number] };
      const { ai, http } = this.current.recorded;
      this.update({ recorded: port === 'ai' ? { ai: [...ai, answer], http } : { ai, http: [...http, answer] } });
    });
    stream.addEventListener('error', (event) => {
      const payload = data(event) as { message?: string } | undefined;
      // A server `error` event carries a message; a bare one means the connection dropped.
      if (payload?.message) this.update({ error: payload.message });
      else this.update({ reconnecting: true });
    });
  }

  private update(change: Partial<SimulatorState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
