import type { Ports, Registry, TurnPorts } from '@chatflow/engine';
import type { DocumentStore } from '../ports/document-store';
import type { SessionStore } from '../ports/session-store';
import { type ContactRecord, channelKey } from '../records/contact-repository';
import { createRecords, type Records } from '../records/records';
import { cachedFlows } from './cached-flows';
import { carryOut, type TimerPayload } from './carry-out';
import type { Channel } from './channel';
import { conversationKeys, dedupKey, sessionOfQueue } from './conversation-keys';
import type { FlowSource } from './flow-source';
import type { ChannelRef, InboundEvent } from './inbound-event';
import { type Logger, stderrLogger } from './logger';
import { type PlanDeps, planTurn } from './plan-turn';
import type { QueueItem } from './queue-item';
import { createReadReceipts, type Receipt } from './read-receipts';
import { createReengage } from './reengage';
import { createRuntimeCache } from './runtime-cache';
import { parseSessionState, type SessionState } from './session-state';
import { createStatusBacklog } from './status-backlog';
import { createTimerPoller } from './timer-poller';
import { createTurnWorker, type RetryPolicy } from './turn-worker';

/** How stale a contact's last inbound time may get before a message writes it again. */
const TOUCH_INTERVAL_MS = 60_000;
/** Meta retries an unanswered webhook for up to 7 days; an id is remembered that long. */
const DEDUP_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface ConversationServiceDeps {
  documents: DocumentStore;
  sessions: SessionStore;
  /** The engine registry (its `defaultRegistry`, or one extended with custom node types). */
  registry: Registry;
  flows: FlowSource;
  channels: (ref: ChannelRef) => Channel;
  /** The host's implementations of the engine's ports (AI, HTTP, catalog), or per turn from its `TurnScope`. */
  ports: Ports | TurnPorts;
  clock?: () => number;
  logger?: Logger;
  /** The records over `documents`, when the caller already opened them. */
  records?: Records;
  /**
   * Tuning; the defaults suit production. `retry`: how often a turn that fails (a store error) is
   * tried before its event is parked as failed (default 5 tries, waiting 1 s, 4 s, 16 s, 60 s).
   * `lockTtlMs`: how soon a dead process's conversations are taken over (5 s; the live holder
   * extends its locks). `statusWaitMs`: how long a turn resumed after a crash waits for a status
   * saying an unrecorded message went out before sending it (3 s).
   */
  options?: {
    concurrency?: number;
    lockTtlMs?: number;
    pollMs?: number;
    timerPollMs?: number;
    retry?: RetryPolicy;
    statusWaitMs?: number;
    /** How long a turn works before the customer sees the typing indicator (default 1 s). */
    typingAfterMs?: number;
  };
  /**
   * Told after each turn is carried out (its messages sent, its records written), with the state
   * before (unknown when a stopped turn is finished) and after. For live views such as the inbox;
   * it must not throw, and a listener that does is logged and ignored.
   */
  onTurnDone?: (item: InboundEvent, before: SessionState | undefined, after: SessionState) => void;
  /** Variables a new conversation starts with, from what is known of the contact (see `PlanDeps`). */
  startVars?: PlanDeps['startVars'];
  /**
   * Completes an event in its turn, before the flow sees it (a customer's media message gets its
   * downloaded file); it must not throw for the event's own faults.
   */
  prepare?: (item: QueueItem, contactId: string) => Promise<QueueItem>;
}

export interface ConversationService {
  /**
   * Resolves once every event is durably accepted: deduplicated by id (a SessionStore key and a
   * unique inbound record) and enqueued on its conversation's queue, in the order of the calls.
   */
  accept(events: InboundEvent[]): Promise<void>;
  /** Runs the turn worker and the timer poller. */
  start(): void;
  /** Stops both, letting turns in progress finish. */
  stop(): Promise<void>;
  /** Resolves when no conversation has queued work. */
  idle(): Promise<void>;
  /**
   * A sent message failed later with Graph error 131047 (the window had closed): sends the flow's
   * outside-window template instead, once. For the webhook's `reengage`.
   */
  reengage(workspaceId: string, providerMessageId: string): Promise<void>;
  /** A delivery status arrived, about an event Meta timed at `happenedAt`: for the webhook, so a resumed turn knows a backlog is draining. */
  statusSeen(happenedAt: number | undefined): void;
  /** A webhook is being received: a resumed turn does not give up waiting for a status meanwhile. */
  webhookReceiving(): () => void;
  readonly records: Records;
}

/**
 * The path from an inbound event to the reply, exactly once: accept (dedup + enqueue), then per
 * conversation and in order under its turn lock: restore or start, step the engine, commit the
 * snapshot with the turn's outbox in one write, carry the outbox out (sends, timers, records),
 * and only then acknowledge the queue item.
 *
 * @example
 * const service = createConversationService({ documents, sessions, registry: defaultRegistry, flows, channels, ports: {} });
 * service.start();
 * await service.accept([event]);
 */
export function createConversationService(deps: ConversationServiceDeps): ConversationService {
  const clock = deps.clock ?? Date.now;
  const logger = deps.logger ?? stderrLogger;
  const records = deps.records ?? createRecords(deps.documents);
  const { sessions } = deps;
  const runtimes = createRuntimeCache(deps.registry, deps.ports);
  const flows = cachedFlows(deps.flows);
  const reengage = createReengage({ records, flows, channels: deps.channels, clock, logger });
  const statusWaitMs = deps.options?.statusWaitMs ?? 3_000;
  const statusBacklog = createStatusBacklog(clock(), clock);
  const carryDeps = { records, sessions, channels: deps.channels, clock, logger, reengage, statusWaitMs, statusBacklog };
  const planDeps: PlanDeps = {
    flows,
    runtimes,
    logger,
    expireOpen: records.conversations.expireOpen,
    ...(deps.startVars ? { startVars: deps.startVars } : {}),
  };
  /** Per queue, the tail of this process's enqueues, so a conversation's events keep the order they arrived in. */
  const tails = new Map<string, Promise<void>>();

  /**
   * The item's contact, created on first contact (already holding the message's time, so that is
   * one write); `created` when this call created it.
   */
  async function contactOf(item: QueueItem, contactId: string | undefined): Promise<{ contact: ContactRecord; created: boolean }> {
    const { workspaceId } = item;
    const found = contactId ? await records.contacts.get(workspaceId, contactId) : undefined;
    if (found) return { contact: found, created: false };
    const firstMessageAt = item.event.type === 'user.message' ? item.receivedAt : undefined;
    const now = clock();
    const contact = await records.contacts.ensure(workspaceId, item.channel, item.address, now, item.contactName, firstMessageAt);
    // Under this conversation's lock no other turn of this address runs, so a contact created now is this call's.
    return { contact, created: contact.createdAt === now };
  }

  /**
   * Records a customer message's time on the contact (it opens the 24-hour window for agents and
   * shows in the API) and a changed profile name. A time less than a minute newer than the stored
   * one is not written: a chatty customer costs one write a minute, and the contact's time is only
   * ever understated by that minute. The bot's own sends read the exact time from the session.
   */
  async function touch(item: QueueItem, contact: ContactRecord): Promise<ContactRecord> {
    const stale = contact.lastInboundAt === undefined || item.receivedAt - contact.lastInboundAt >= TOUCH_INTERVAL_MS;
    // A name the business corrected stays; the WhatsApp profile name replaces only the one it gave.
    const renamed = item.contactName !== undefined && item.contactName !== contact.name && !contact.nameCorrected;
    if (!stale && !renamed) return contact;
    const name = renamed ? item.contactName : undefined;
    return (await records.contacts.touchInbound(item.workspaceId, contact.id, item.receivedAt, name)) ?? contact;
  }

  async function process(queue: string, raw: string, session: { value: string | undefined } | undefined): Promise<void> {
    let item: QueueItem;
    try {
      item = JSON.parse(raw) as QueueItem;
    } catch {
      // Never written by this service; dropped so it cannot block the conversation behind it.
      logger.error('a queue item is not JSON; dropped', { queue });
      return;
    }
    const keys = conversationKeys(item.workspaceId, item.channel, item.address);
    const state = parseSessionState(
      session && keys.session === sessionOfQueue(queue) ? session.value : await sessions.getSession(keys.session),
    );
    if (state?.outbox?.eventId === item.id) {
      // The turn was committed but its process stopped before finishing: finish it, idempotently.
      const { contact } = await contactOf(item, state.contactId);
      await carryOut(carryDeps, item, keys, contact, state, state.outbox, { replay: true, resumed: true });
      turnDone(item, undefined, state);
      return;
    }
    const isMessage = item.event.type === 'user.message';
    const [found, recorded] = await Promise.all([
      contactOf(item, state?.contactId),
      // A customer message is recorded once its turn ran: if it is, this is a copy (a webhook
      // redelivered after its dedup mark, or the session store's marks were lost), dropped.
      isMessage ? records.messages.findInbound(item.workspaceId, item.id) : undefined,
    ]);
    if (recorded?.status === 'processed') return;
    const contact = isMessage && !found.created ? await touch(item, found.contact) : found.contact;
    // With an agent on the conversation the bot stays silent: no read receipt or typing indicator either.
    const receipt = state?.conversation?.status === 'handoff' ? undefined : startReceipt(item, contact, keys.conversation);
    try {
      const ready = deps.prepare && !contact.optedOut && !contact.blocked ? await deps.prepare(item, contact.id) : item;
      const plan = await planTurn(planDeps, ready, keys, state, contact, clock(), found.created);
      await sessions.setSession(keys.session, JSON.stringify(plan.state), plan.ttlSeconds);
      const outbox = plan.state.outbox ?? { eventId: item.id, at: clock(), effects: [] };
      // A redelivered copy whose first run stopped part-way may find some of its replies sent.
      await carryOut(carryDeps, ready, keys, contact, plan.state, outbox, { replay: item.redelivery === true, receipt });
      turnDone(ready, state, plan.state);
    } finally {
      void receipt?.done();
    }
  }

  function turnDone(item: QueueItem, before: SessionState | undefined, after: SessionState): void {
    try {
      deps.onTurnDone?.(item, before, after);
    } catch (error) {
      logger.warn('a turn listener failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Records an event whose turn kept failing (audit `turn.failed`, visible in the API), so its
   * conversation can move on. The address stays out of it, as out of every API view.
   */
  async function park(_queue: string, raw: string, error: string, attempts: number): Promise<void> {
    const item = JSON.parse(raw) as QueueItem;
    const details = { eventId: item.id, channel: channelKey(item.channel), event: item.event, attempts, error };
    await records.audit.record(item.workspaceId, 'turn.failed', details, clock());
  }

  /** Marks a customer message read, showing the typing indicator on a slow turn; never delays or fails the turn. */
  function startReceipt(item: QueueItem, contact: ContactRecord, conversation: string): Receipt | undefined {
    const channel = deps.channels(item.channel);
    if (item.event.type !== 'user.message' || contact.optedOut || contact.blocked || !channel.typing) return undefined;
    const target = { workspaceId: item.workspaceId, channel: item.channel, address: item.address, lastInboundAt: item.receivedAt };
    return receipts.start(conversation, { channel, target, messageId: item.id });
  }

  const receipts = createReadReceipts(logger, deps.options?.typingAfterMs);
  const worker = createTurnWorker({
    sessions,
    process,
    prefetch: (queue) => sessions.getSession(sessionOfQueue(queue)),
    logger,
    // Turns mostly wait (Graph, Redis, the disk, an AI answer), so many run at once; a slow one
    // (an AI node) must not hold up quick ones behind it.
    concurrency: deps.options?.concurrency ?? 256,
    // Short, so a dead process's conversations wait seconds, not half a minute; the worker extends
    // the locks it holds every fifth of it.
    lockTtlMs: deps.options?.lockTtlMs ?? 5_000,
    pollMs: deps.options?.pollMs ?? 250,
    retry: deps.options?.retry ?? { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 },
    park,
  });

  /**
   * Takes a place in a queue's line at the moment an event arrives, before any await, so
   * concurrent webhooks of one conversation are enqueued in the order they reached us.
   */
  function reserve(queue: string): { turn: Promise<void>; release(): void } {
    const turn = tails.get(queue) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    tails.set(queue, mine);
    void mine.then(() => {
      if (tails.get(queue) === mine) tails.delete(queue);
    });
    return { turn, release };
  }

  /**
   * Deduplicates and enqueues one event in its conversation's line. The first time its id is seen,
   * the dedup mark and the queue item are written in one step (one round trip on the webhook's
   * answer path). Accepting writes no document: the queue item is the durable copy of the message
   * until its turn records it (once, processed), which keeps the document store out of the answer.
   */
  async function acceptOne(item: QueueItem): Promise<void> {
    const keys = conversationKeys(item.workspaceId, item.channel, item.address);
    const slot = reserve(keys.queue);
    try {
      await slot.turn;
      if (await sessions.rememberAndEnqueue(dedupKey(item.workspaceId, item.id), DEDUP_TTL_SECONDS, keys.queue, JSON.stringify(item))) {
        worker.hint(keys.queue);
        return;
      }
      if (item.event.type !== 'user.message') return;
      // Seen before. If its turn has not run, an earlier attempt may have stopped before enqueueing
      // it: enqueue it again, marked, and the turn skips it if the first copy ran meanwhile.
      const record = await records.messages.findInbound(item.workspaceId, item.id);
      if (record?.status === 'processed') return;
      await sessions.enqueue(keys.queue, JSON.stringify({ ...item, redelivery: true }));
      worker.hint(keys.queue);
    } finally {
      slot.release();
    }
  }

  async function fireTimer(timer: { id: string; dueAt: number; payload: TimerPayload }): Promise<void> {
    const { workspaceId, channel, address, conversationId, timerId } = timer.payload;
    await acceptOne({
      id: `timer:${timer.id}`,
      workspaceId,
      channel,
      address,
      event: { type: 'timer.fired', timerId, now: timer.dueAt },
      receivedAt: clock(),
      conversationId,
    });
  }

  const timers = createTimerPoller({ sessions, clock, logger, pollMs: deps.options?.timerPollMs ?? 1000, fire: fireTimer });

  return {
    records,
    async accept(events) {
      await Promise.all(events.map(acceptOne));
    },
    start() {
      worker.start();
      timers.start();
    },
    async stop() {
      await timers.stop();
      await worker.stop();
      await receipts.idle();
    },
    idle: async () => {
      await worker.idle();
      await receipts.idle();
    },
    reengage,
    statusSeen: statusBacklog.saw,
    webhookReceiving: statusBacklog.receiving,
  };
}
