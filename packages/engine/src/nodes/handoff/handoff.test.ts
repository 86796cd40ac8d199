import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../runtime/engine-event';
import type { AiPort, AiRequest } from '../../runtime/ports';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

/** Monday 2 June 2025, 10:00 and 20:00 in São Paulo (UTC-3). */
const MONDAY_10AM = Date.UTC(2025, 5, 2, 13, 0);
const MONDAY_8PM = Date.UTC(2025, 5, 2, 23, 0);

const hours = {
  timezone: 'America/Sao_Paulo',
  weekly: { mon: [{ open: '09:00', close: '18:00' }] },
  holidays: ['2025-12-25'],
};

const flow = (data: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id: 'handoff-test',
  name: 'Handoff test',
  start: 'ask',
  variables: [{ name: 'issue', type: 'string', default: 'late delivery' }],
  nodes: [
    { id: 'ask', type: 'menu', position: { x: 0, y: 0 }, data: { text: 'Talk to a person?', options: [{ id: 'yes', label: 'Yes' }] } },
    {
      id: 'human',
      type: 'handoff',
      position: { x: 0, y: 0 },
      data: { department: 'support', note: 'Customer reports {{issue}}', ...data },
    },
    { id: 'back', type: 'message', position: { x: 0, y: 0 }, data: { text: 'The bot is back. Anything else?' } },
    { id: 'closed', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Leave us a message.' } },
    { id: 'nobody', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Nobody is free, sorry.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'yes', target: 'human' },
    { id: 'e2', source: 'human', sourceHandle: 'released', target: 'back' },
    ...(data.useBusinessHours ? [{ id: 'e3', source: 'human', sourceHandle: 'closed', target: 'closed' }] : []),
    ...(data.timeoutMinutes ? [{ id: 'e4', source: 'human', sourceHandle: 'timeout', target: 'nobody' }] : []),
  ],
});

const at = (now: number, event: EngineEvent): { event: EngineEvent } => ({ event: { ...event, now } });
const choose = (now: number) => at(now, { type: 'user.message', message: { kind: 'choice', id: 'yes', title: 'Yes' } });
const says = (now: number, text: string) => at(now, { type: 'user.message', message: { kind: 'text', text } });

describe('handoff', () => {
  it('inside business hours hands off with the note filled in, stays silent, and resumes when the agent hands back', async () => {
    // With an AI node in the flow the conversation keeps a history, where the customer's words to the agent belong too.
    const handoff = flow({ useBusinessHours: true, businessHours: hours });
    const withAi = {
      ...handoff,
      nodes: [...handoff.nodes, { id: 'assistant', type: 'ai', position: { x: 0, y: 0 }, data: { systemPrompt: 'Help' } }],
    };
    const { steps, last } = await runScript(withAi, [
      choose(MONDAY_10AM),
      says(MONDAY_10AM + 60_000, 'hello? my order is late'),
      at(MONDAY_10AM + 120_000, { type: 'agent.released', agentId: 'maria' }),
    ]);
    expect(steps[1]?.effects).toContainEqual({
      type: 'handoff',
      nodeId: 'human',
      department: 'support',
      note: 'Customer reports late delivery',
    });
    expect(steps[2]?.effects).toEqual([]);
    expect(steps[2]?.nodeId).toBe('human');
    expect(botLines(steps)).toEqual([
      'Talk to a person? [Yes]',
      'One moment please, an agent will be with you shortly.',
      'The bot is back. Anything else?',
    ]);
    expect(last.status).toBe('done');
    expect(last.snapshot.context?.history.map((h) => h.text)).toContain('hello? my order is late');
  });

  it("puts the agent's replies into the history between the customer's, so an AI node after the hand-back knows them", async () => {
    const handoff = flow();
    const withAi = {
      ...handoff,
      nodes: [
        ...handoff.nodes.filter((n) => n.id !== 'back'),
        { id: 'back', type: 'ai', position: { x: 0, y: 0 }, data: { systemPrompt: 'Help with orders' } },
      ],
    };
    const requests: AiRequest[] = [];
    const ai: AiPort = {
      respond: async (request) => {
        requests.push(request);
        return { text: 'It arrives tomorrow before noon.', toolCalls: [], usage: { inputTokens: 1, outputTokens: 1 } };
      },
    };
    const { steps } = await runScript(
      withAi,
      [
        choose(MONDAY_10AM),
        says(MONDAY_10AM + 60_000, 'my order is late'),
        at(MONDAY_10AM + 90_000, { type: 'agent.message', agentId: 'maria', text: 'Sorry! It left the warehouse today.' }),
        says(MONDAY_10AM + 100_000, 'ok, thanks'),
        at(MONDAY_10AM + 110_000, { type: 'agent.message', agentId: 'maria', text: 'The courier has it now.' }),
        at(MONDAY_10AM + 120_000, { type: 'agent.released', agentId: 'maria' }),
        says(MONDAY_10AM + 130_000, 'when will it arrive?'),
      ],
      { ports: { ai } },
    );
    // The host sent the agent's words already: the bot sends nothing for them.
    expect(steps[3]?.effects).toEqual([]);
    expect(requests[0]?.messages.map((m) => (m.role === 'tool' ? '' : m.text))).toEqual([
      'Yes',
      'One moment please, an agent will be with you shortly.',
      'my order is late',
      'Sorry! It left the warehouse today.',
      'ok, thanks',
      'The courier has it now.',
      'when will it arrive?',
    ]);
    expect(botLines(steps).at(-1)).toBe('It arrives tomorrow before noon.');
  });

  it('outside business hours says the closed message and leaves by "closed" without handing off', async () => {
    const { steps } = await runScript(flow({ useBusinessHours: true, businessHours: hours }), [choose(MONDAY_8PM)]);
    expect(steps[1]?.effects.map((e) => e.type)).not.toContain('handoff');
    expect(botLines(steps).slice(1)).toEqual(['We are closed right now. Please write to us during business hours.', 'Leave us a message.']);
  });

  it('is closed on a holiday even at a time it would be open', async () => {
    const { steps } = await runScript(
      flow({ useBusinessHours: true, businessHours: { ...hours, weekly: { thu: [{ open: '09:00', close: '18:00' }] } } }),
      [choose(Date.UTC(2025, 11, 25, 13, 0))],
    );
    expect(botLines(steps).at(-1)).toBe('Leave us a message.');
  });

  it('hands off at any time when business hours are off', async () => {
    const { steps } = await runScript(flow(), [choose(MONDAY_8PM)]);
    expect(steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'handoff', department: 'support' }));
  });

  it('leaves by "timeout" when no agent takes the conversation in time, and not once one has', async () => {
    const waiting = await runScript(flow({ timeoutMinutes: 15 }), [choose(MONDAY_10AM), { fireTimer: true }]);
    expect(waiting.steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', delayMs: 900_000 }));
    expect(botLines(waiting.steps).at(-1)).toBe('Nobody is free, sorry.');

    const taken = await runScript(flow({ timeoutMinutes: 15 }), [
      choose(MONDAY_10AM),
      { event: { type: 'agent.assigned', agentId: 'maria' } },
      { fireTimer: true },
    ]);
    expect(taken.last.nodeId).toBe('human');
    expect(botLines(taken.steps).at(-1)).toBe('One moment please, an agent will be with you shortly.');
  });

  it('cancels its timer when the agent hands back', async () => {
    const { steps } = await runScript(flow({ timeoutMinutes: 15 }), [choose(MONDAY_10AM), { event: { type: 'agent.released' } }]);
    expect(steps[2]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel' }));
  });

  it('flags an unknown time zone and a range that closes before it opens, naming the field', () => {
    const { problems } = validateFlow(
      flow({ useBusinessHours: true, businessHours: { timezone: 'Sao Paulo', weekly: { fri: [{ open: '18:00', close: '09:00' }] } } }),
      builtins,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'human',
        field: 'data.businessHours.timezone',
        message: expect.stringContaining('IANA'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'human', field: 'data.businessHours.weekly.fri[0].close' }),
    );
  });

  it('requires the schedule when business hours are on', () => {
    const { problems } = validateFlow(flow({ useBusinessHours: true }), builtins);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'human', field: 'data.businessHours', message: 'is required' }),
    );
  });
});
