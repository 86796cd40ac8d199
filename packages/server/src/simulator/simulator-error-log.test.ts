import type { FlowDocument } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger';
import { createRedactor } from '../observability/redactor';
import { simulatorErrorLog } from './simulator-error-log';
import { createSimulatorSessions } from './simulator-sessions';
import type { SseEvent } from './sse-stream';

describe('simulatorErrorLog', () => {
  it("shows a session its own draft's failures and nothing of other flows", () => {
    const sessions = createSimulatorSessions();
    const session = sessions.create('default', { id: 'f' } as FlowDocument);
    const received: SseEvent[] = [];
    sessions.subscribe(session.id, { send: (e) => received.push(e), close() {}, closed: false, onClose() {} });
    const lines: string[] = [];
    const log = simulatorErrorLog(createLogger({ redactor: createRedactor(), write: (line) => lines.push(line) }), sessions);

    log.error('the flow failed on an event; its state is unchanged', { flowId: `simulator:${session.id}`, error: 'node "ask" threw' });
    log.error('the flow failed on an event; its state is unchanged', { flowId: 'support', error: 'elsewhere' });
    log.warn('no flow for this channel', {});

    expect(received.map((e) => [e.event, e.data])).toEqual([
      ['error', { message: 'the flow failed on an event; its state is unchanged: node "ask" threw' }],
    ]);
    expect(lines).toHaveLength(3);
  });
});
