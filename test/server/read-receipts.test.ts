import type { SessionStore } from '@chatflow/server/src/ports/session-store';
import { afterEach, describe, expect, it } from 'vitest';
import { supportFlow } from './flows';
import { type Harness, received, startHarness, text } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The Graph requests in the order they came: `read` (with `+typing` for the indicator) or the text sent. */
const requests = (h: Harness) =>
  h.graph.requests.map((r) =>
    r.kind === 'read' ? `read ${String(r.body.message_id)}${r.body.typing_indicator ? ' +typing' : ''}` : 'send',
  );

/** Session writes that take 1.5 s make every turn slower than the typing indicator's 1 s. */
const slowWrites = (sessions: SessionStore): SessionStore =>
  new Proxy(sessions, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'setSession' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return value.apply(target, args);
      };
    },
  });

describe('read receipts and the typing indicator', () => {
  it('sends a quick reply alone and marks the message read after it, without a typing indicator', async () => {
    harness = await startHarness({ kind: 'in-process' }, { flows: [supportFlow], typingAfterMs: 60_000 });
    await harness.post(text('wamid.Q1', 'hi'));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    expect(requests(harness)).toEqual(['send', 'send', 'read wamid.Q1']);
  });

  it('marks the latest message of a burst read, which marks the earlier ones read too', async () => {
    harness = await startHarness({ kind: 'in-process' }, { flows: [supportFlow], typingAfterMs: 60_000 });
    const burst = ['wamid.B1', 'wamid.B2', 'wamid.B3'];
    await Promise.all(burst.map((id) => harness?.post(text(id, 'hi'))));
    await harness.service.idle();
    const reads = requests(harness).filter((r) => r.startsWith('read'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(burst.length);
    expect(reads.at(-1)).toBe('read wamid.B3');
    expect(reads.every((r) => !r.endsWith('+typing'))).toBe(true);
  });

  it('shows the typing indicator before the reply of a slow turn, and marks read only with it', async () => {
    harness = await startHarness({ kind: 'in-process' }, { flows: [supportFlow], wrapSessions: slowWrites });
    await harness.post(text('wamid.S1', 'hi'));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    expect(requests(harness)).toEqual(['read wamid.S1 +typing', 'send', 'send']);
  });
});
