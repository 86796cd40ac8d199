import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '@chatflow/engine';
import type { SseEvent, SseStream } from './sse-stream';

/** A flow under test in the builder: one draft, one visitor at a time, any number of open SSE streams. */
export interface SimulatorSession {
  id: string;
  workspaceId: string;
  /** The draft under test; the same object until a restart replaces it, so it compiles once. */
  document: FlowDocument;
  /** Each restart is a new visitor (a new address), so the conversation starts afresh. */
  generation: number;
  address: string;
  contactName: string;
  touchedAt: number;
}

export interface SimulatorSessions {
  create(workspaceId: string, document: FlowDocument, contactName?: string): SimulatorSession;
  get(workspaceId: string, id: string): SimulatorSession | undefined;
  /** Starts a new visitor on the same session, on a new draft when one is given. */
  restart(session: SimulatorSession, document?: FlowDocument): void;
  /** Sends an event to the session's streams and keeps it for streams that connect later. */
  publish(id: string, event: string, data: unknown): void;
  /** Attaches a stream: replays what it missed (after `lastEventId`, or everything), then follows. */
  subscribe(id: string, stream: SseStream, lastEventId?: number): void;
  /** Removes sessions idle since before `cutoff` and returns them, for their records to be cleaned up. */
  sweep(cutoff: number): SimulatorSession[];
  /** Ends every stream. */
  close(): void;
}

interface Entry {
  session: SimulatorSession;
  streams: Set<SseStream>;
  backlog: SseEvent[];
  nextEventId: number;
}

/** Events kept per session for late or reconnecting streams. */
const BACKLOG = 500;

/** Simulator sessions of this process, in memory (a draft under test is not worth persisting). */
export function createSimulatorSessions(clock: () => number = Date.now): SimulatorSessions {
  const entries = new Map<string, Entry>();
  return {
    create(workspaceId, document, contactName = 'Simulator') {
      const id = randomUUID();
      const session: SimulatorSession = { id, workspaceId, document, generation: 1, address: 'visitor-1', contactName, touchedAt: clock() };
      entries.set(id, { session, streams: new Set(), backlog: [], nextEventId: 1 });
      return session;
    },
    get(workspaceId, id) {
      const entry = entries.get(id);
      if (!entry || entry.session.workspaceId !== workspaceId) return undefined;
      entry.session.touchedAt = clock();
      return entry.session;
    },
    restart(session, document) {
      session.generation += 1;
      session.address = `visitor-${session.generation}`;
      if (document) session.document = document;
      session.touchedAt = clock();
    },
    publish(id, event, data) {
      const entry = entries.get(id);
      if (!entry) return;
      const sse: SseEvent = { id: entry.nextEventId++, event, data };
      entry.backlog.push(sse);
      if (entry.backlog.length > BACKLOG) entry.backlog.shift();
      for (const stream of entry.streams) stream.send(sse);
    },
    subscribe(id, stream, lastEventId) {
      const entry = entries.get(id);
      if (!entry) return;
      for (const sse of entry.backlog) if (lastEventId === undefined || sse.id > lastEventId) stream.send(sse);
      entry.streams.add(stream);
      stream.onClose(() => entry.streams.delete(stream));
    },
    sweep(cutoff) {
      const gone: SimulatorSession[] = [];
      for (const [id, entry] of entries) {
        if (entry.session.touchedAt >= cutoff || entry.streams.size > 0) continue;
        entries.delete(id);
        gone.push(entry.session);
      }
      return gone;
    },
    close() {
      for (const entry of entries.values()) for (const stream of entry.streams) stream.close();
    },
  };
}
