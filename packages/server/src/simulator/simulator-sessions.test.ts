import type { FlowDocument } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { createSimulatorSessions } from './simulator-sessions';
import type { SseEvent, SseStream } from './sse-stream';

const draft = { schemaVersion: 1, id: 'f', name: 'F', start: 'a', nodes: [], edges: [] } as unknown as FlowDocument;

function stream() {
  const received: SseEvent[] = [];
  const closers: (() => void)[] = [];
  let closed = false;
  const s: SseStream = {
    send: (event) => received.push(event),
    close: () => {
      closed = true;
      for (const c of closers) c();
    },
    get closed() {
      return closed;
    },
    onClose: (listener) => closers.push(listener),
  };
  return { s, received };
}

describe('simulator sessions', () => {
  it('replays what a stream missed, or resumes after Last-Event-ID, then follows', () => {
    const sessions = createSimulatorSessions();
    const session = sessions.create('default', draft);
    sessions.publish(session.id, 'message', { n: 1 });
    sessions.publish(session.id, 'state', { n: 2 });
    const late = stream();
    sessions.subscribe(session.id, late.s);
    const resumed = stream();
    sessions.subscribe(session.id, resumed.s, 1);
    sessions.publish(session.id, 'message', { n: 3 });
    expect(late.received.map((e) => [e.id, e.event])).toEqual([
      [1, 'message'],
      [2, 'state'],
      [3, 'message'],
    ]);
    expect(resumed.received.map((e) => e.id)).toEqual([2, 3]);
  });

  it('keeps sessions to their workspace and starts a new visitor on restart', () => {
    const sessions = createSimulatorSessions();
    const session = sessions.create('default', draft);
    expect(sessions.get('other', session.id)).toBeUndefined();
    const next = { ...draft, name: 'G' } as FlowDocument;
    sessions.restart(session, next);
    expect(sessions.get('default', session.id)).toMatchObject({ generation: 2, address: 'visitor-2', document: next });
  });

  it('sweeps sessions idle and unwatched since the cutoff', () => {
    let now = 1000;
    const sessions = createSimulatorSessions(() => now);
    const idle = sessions.create('default', draft);
    const watched = sessions.create('default', draft);
    const open = stream();
    sessions.subscribe(watched.id, open.s);
    now = 5000;
    const fresh = sessions.create('default', draft);
    expect(sessions.sweep(2000).map((s) => s.id)).toEqual([idle.id]);
    expect(sessions.get('default', idle.id)).toBeUndefined();
    open.s.close();
    expect(
      sessions
        .sweep(6000)
        .map((s) => s.id)
        .sort(),
    ).toEqual([watched.id, fresh.id].sort());
  });
});
