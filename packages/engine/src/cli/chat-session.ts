import type { CompiledFlow } from '../compile/compile-flow';
import type { Contact } from '../runtime/conversation-context';
import { type ConversationRuntime, type ConversationSnapshot, createRuntime, type StepResult } from '../runtime/conversation-runtime';
import type { EngineEvent } from '../runtime/engine-event';
import { matchOption } from '../runtime/match-option';
import type { OutboundMessage } from '../runtime/outbound-message';
import type { Ports } from '../runtime/ports';
import type { UserMessage } from '../runtime/user-message';

type MenuMessage = Extract<OutboundMessage, { kind: 'menu' }>;

/**
 * One terminal conversation, held the way the server holds one: the snapshot is kept as JSON
 * text between events and restored for each, the pending timers and the agent are tracked from
 * the effects, and nothing is sent anywhere.
 */
export class ChatSession {
  private readonly runtime: ConversationRuntime;
  private saved: string | undefined;
  private timers: string[] = [];
  private menu: MenuMessage | undefined;
  private step: StepResult | undefined;
  /** The department an agent took the conversation for, until it is handed back or moves on. */
  agent: string | undefined;
  private agentNode: string | undefined;

  /**
   * @param clock the host's time for each event (business hours read it); the wall clock unless
   * the person fixed a time with `--now`.
   */
  constructor(
    compiled: CompiledFlow,
    ports: Ports,
    readonly contact: Contact,
    private readonly clock: () => number = Date.now,
  ) {
    this.runtime = createRuntime(compiled, ports);
  }

  get done(): boolean {
    return this.step?.status === 'done';
  }

  get vars(): Record<string, unknown> {
    return this.step?.vars ?? {};
  }

  /** The node the conversation waits at (or ended at). */
  get nodeId(): string | undefined {
    return this.step?.nodeId;
  }

  get hasTimer(): boolean {
    return this.timers.length > 0;
  }

  /** Starts (or restarts) the conversation at the flow's start node, opened by `message` as on WhatsApp when given. */
  async start(message?: UserMessage): Promise<StepResult> {
    this.timers = [];
    this.menu = undefined;
    this.agent = undefined;
    return this.record(await this.runtime.start({ contact: this.contact, now: this.clock(), ...(message ? { message } : {}) }));
  }

  /** Sends one event; when it fails the conversation stays where it was, as on the server. */
  async send(event: EngineEvent): Promise<StepResult> {
    if (this.saved === undefined) throw new Error('the conversation has not started');
    const snapshot = JSON.parse(this.saved) as ConversationSnapshot;
    const step = await this.runtime.send(snapshot, { ...event, now: this.clock() });
    if (event.type === 'timer.fired') this.timers = this.timers.filter((id) => id !== event.timerId);
    if (event.type === 'agent.released') this.agent = undefined;
    return this.record(step);
  }

  /** The event of the newest pending timer firing, or undefined when none is pending. */
  timerEvent(): EngineEvent | undefined {
    const timerId = this.timers.at(-1);
    return timerId === undefined ? undefined : { type: 'timer.fired', timerId };
  }

  /**
   * What a typed line means: after a menu, a number in range or an option's label is a tap on
   * that option (as a WhatsApp button or list reply), anything else is text.
   */
  userMessage(line: string): UserMessage {
    const text: UserMessage = { kind: 'text', text: line };
    const option = this.menu ? matchOption(text, this.menu.options) : undefined;
    return option ? { kind: 'choice', id: option.id, title: option.label } : text;
  }

  private record(step: StepResult): StepResult {
    this.step = step;
    this.saved = JSON.stringify(step.snapshot);
    const sent = step.effects.flatMap((e) => (e.type === 'message.send' ? [e.message] : []));
    const last = sent.at(-1);
    if (last) this.menu = last.kind === 'menu' ? last : undefined;
    for (const effect of step.effects) {
      if (effect.type === 'timer.schedule') this.timers.push(effect.timerId);
      if (effect.type === 'timer.cancel') this.timers = this.timers.filter((id) => id !== effect.timerId);
      if (effect.type === 'handoff') {
        this.agent = effect.department;
        this.agentNode = effect.nodeId;
      }
    }
    if (step.status === 'done') this.timers = [];
    // Handed back, timed out waiting for an agent, or ended: no agent has the conversation any more.
    if (step.status === 'done' || step.nodeId !== this.agentNode) this.agent = undefined;
    return step;
  }
}
