import type { FlowDocument } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import type { SimulatorApi } from '../api/simulator-api';
import type { EventStream } from '../api/ticketed-event-source';
import { SimulatorSession } from './simulator-session';

class FakeStream implements EventStream {
  listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = Object.assign(new Event(type), data === undefined ? {} : { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const document: FlowDocument = { schemaVersion: 1, id: 'f', name: 'F', start: 'a', nodes: [], edges: [] };

function setup() {
  const calls: string[] = [];
  const api: SimulatorApi = {
    start: async () => ({ sessionId: 's1', contactName: 'Simulator' }),
    eventsUrl: async (id) => `/events/${id}`,
    send: async (_, message) => {
      calls.push(`send ${JSON.stringify(message)}`);
    },
    sendFile: async (_, file) => {
      calls.push(`file ${file.name}`);
    },
    fireTimer: async () => {
      calls.push('fire');
    },
    restart: async () => {
      calls.push('restart');
    },
  };
  const streams: FakeStream[] = [];
  const session = new SimulatorSession(api, () => {
    const stream = new FakeStream();
    streams.push(stream);
    return stream;
  });
  return { session, calls, streams };
}

describe('SimulatorSession', () => {
  it('shows the messages and state the server streams', async () => {
    const { session, streams } = setup();
    await session.start(document);
    const stream = streams[0]!;
    stream.emit('message', { direction: 'out', message: { kind: 'text', text: 'Hello' } });
    stream.emit('state', { nodeId: 'menu', vars: { plan: 'pro' }, status: 'active', timerPending: true });
    expect(session.getState()).toMatchObject({
      phase: 'running',
      entries: [{ id: 1, at: expect.any(Number), direction: 'out', message: { kind: 'text', text: 'Hello' } }],
      nodeId: 'menu',
      vars: { plan: 'pro' },
      timerPending: true,
    });
  });

  it('sends messages, fires timers and restarts with a clean transcript', async () => {
    const { session, calls, streams } = setup();
    await session.start(document);
    streams[0]!.emit('message', { direction: 'out', message: { kind: 'text', text: 'Hello' } });
    await session.send({ kind: 'choice', id: 'sales', title: 'Sales' });
    await session.fireTimer();
    await session.restart(document);
    expect(calls).toEqual(['send {"kind":"choice","id":"sales","title":"Sales"}', 'fire', 'restart']);
    expect(session.getState().entries).toEqual([]);
  });

  it('tells a server error from a dropped connection', async () => {
    const { session, streams } = setup();
    await session.start(document);
    streams[0]!.emit('error');
    expect(session.getState().reconnecting).toBe(true);
    streams[0]!.emit('error', { message: 'flow failed' });
    expect(session.getState().error).toBe('flow failed');
  });

  it('follows only the latest of two starts made at once', async () => {
    const { session, streams } = setup();
    await Promise.all([session.start(document), session.start(document)]);
    expect(streams).toHaveLength(1);
  });

  it('closes the stream when closed', async () => {
    const { session, streams } = setup();
    await session.start(document);
    session.close();
    expect(streams[0]!.closed).toBe(true);
    expect(session.getState().phase).toBe('idle');
  });
});
