import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../compile/compile-flow';
import { createRuntime } from '../../runtime/conversation-runtime';
import type { AiPort, AiRequest, AiResult, CatalogPort } from '../../runtime/ports';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

/** An AI port that answers with the given results in turn and records what it was asked. */
function fakeAi(...results: Partial<AiResult>[]): AiPort & { requests: AiRequest[] } {
  const requests: AiRequest[] = [];
  return {
    requests,
    respond: async (request) => {
      requests.push(JSON.parse(JSON.stringify(request)));
      const next = results.shift();
      if (!next) throw new Error('the model is unavailable');
      return { text: '', toolCalls: [], usage: { inputTokens: 100, outputTokens: 20 }, ...next };
    },
  };
}

const call = (name: string, input: Record<string, unknown>, id = `call-${name}`) => ({ id, name, input });

const flow = (data: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id: 'ai-test',
  name: 'AI test',
  start: 'bot',
  variables: [{ name: 'shop', type: 'string', default: 'Pizzaria Roma' }],
  nodes: [
    {
      id: 'bot',
      type: 'ai',
      position: { x: 0, y: 0 },
      data: {
        systemPrompt: 'You answer for {{shop}}. The customer is {{contact.name}}.',
        greeting: 'Hi! Ask me anything.',
        tools: ['set_variable', 'finish', 'handoff'],
        variables: [{ name: 'city', description: 'where the customer lives' }],
        outcomes: [{ id: 'resolved', label: 'Resolved', description: 'the question was answered' }],
        ...data,
      },
    },
    { id: 'bye', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Glad to help!' } },
    { id: 'human', type: 'message', position: { x: 0, y: 0 }, data: { text: 'A person will answer.' } },
    { id: 'broken', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Let me get a human.' } },
  ],
  edges: [
    { id: 'e1', source: 'bot', sourceHandle: 'resolved', target: 'bye' },
    { id: 'e2', source: 'bot', sourceHandle: 'handoff', target: 'human' },
    { id: 'e3', source: 'bot', sourceHandle: 'error', target: 'broken' },
    ...(data.maxTurns ? [{ id: 'e4', source: 'bot', sourceHandle: 'max_turns', target: 'human' }] : []),
  ],
});

describe('ai', () => {
  it('greets, answers each message with the instructions and their variables apart, stays for the next, and reports usage', async () => {
    const port = fakeAi({ text: 'We open at 6pm.' }, { text: 'Yes, we deliver.', model: 'claude-sonnet-4-5-20250929' });
    const { steps, last } = await runScript(flow(), ['When do you open?', 'Do you deliver?'], { ports: { ai: port } });
    expect(botLines(steps)).toEqual(['Hi! Ask me anything.', 'We open at 6pm.', 'Yes, we deliver.']);
    expect(last.nodeId).toBe('bot');
    expect(last.status).toBe('active');
    expect(port.requests[0]).toMatchObject({
      nodeId: 'bot',
      model: 'claude-sonnet-4-5',
      system: expect.stringMatching(/^You answer for \{\{shop\}\}\. The customer is \{\{contact\.name\}\}\.\n\n\(Each \{\{name\}\} above/),
      facts: [
        { name: 'shop', value: 'Pizzaria Roma' },
        { name: 'contact.name', value: 'Ana' },
      ],
      maxTokens: 1024,
      messages: [{ role: 'user', text: 'When do you open?' }],
    });
    expect(port.requests[0]?.tools.map((t) => t.name)).toEqual(['set_variable', 'finish', 'handoff']);
    expect(steps[2]?.effects).toContainEqual({
      type: 'ai.usage',
      nodeId: 'bot',
      model: 'claude-sonnet-4-5-20250929',
      inputTokens: 100,
      outputTokens: 20,
    });
  });

  it('answers the message that opened the conversation at once when nothing was said before it', async () => {
    const opening = { kind: 'text', text: 'Do you open late today?' } as const;
    const port = fakeAi({ text: 'Yes, until midnight.' });
    const runtime = createRuntime(compileFlow(flow({ greeting: undefined }), builtins), { ai: port });
    const step = await runtime.start({ contact: { id: 'contact-1', name: 'Ana' }, message: opening });
    expect(botLines([step])).toEqual(['Yes, until midnight.']);
    expect(step.nodeId).toBe('bot');
    expect(port.requests[0]?.messages).toEqual([{ role: 'user', text: 'Do you open late today?' }]);

    // With a greeting, the greeting is the answer to the opening; the node then waits for the customer.
    const greeted = fakeAi();
    const withGreeting = createRuntime(compileFlow(flow(), builtins), { ai: greeted });
    const first = await withGreeting.start({ contact: { id: 'contact-1', name: 'Ana' }, message: opening });
    expect(botLines([first])).toEqual(['Hi! Ask me anything.']);
    expect(greeted.requests).toEqual([]);
  });

  it('still runs a flow saved with the temperature setting, which Claude no longer takes, and sends none', async () => {
    const saved = flow({ temperature: 0.7 });
    expect(validateFlow(saved, builtins).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const port = fakeAi({ text: 'We open at 6pm.' });
    const { steps } = await runScript(saved, ['When do you open?'], { ports: { ai: port } });
    expect(botLines(steps).at(-1)).toBe('We open at 6pm.');
    expect(port.requests[0]).not.toHaveProperty('temperature');
  });

  it('keeps the profile the host reports as the `profile` variable, so the message after the node can use it', async () => {
    const base = flow();
    const thanks = 'Glad to help, {{profile.name}} ({{profile.preferences}})!';
    const withName = { ...base, nodes: base.nodes.map((n) => (n.id === 'bye' ? { ...n, data: { text: thanks } } : n)) };
    expect(validateFlow(withName, builtins).problems.filter((p) => p.code === 'unset-variable')).toEqual([]);
    const profile = { name: 'Joana', preferences: 'vegan, thin crust' };
    const port = fakeAi({ text: 'Enjoy!', toolCalls: [call('finish', { outcome: 'resolved' })], profile });
    const { steps, last } = await runScript(withName, ['that is all, thanks'], { ports: { ai: port } });
    expect(botLines(steps).slice(1)).toEqual(['Enjoy!', 'Glad to help, Joana (vegan, thin crust)!']);
    expect(last.vars.profile).toEqual(profile);
    expect(steps[1]?.effects).toContainEqual({ type: 'variable.set', nodeId: 'bot', name: 'profile', value: profile });
  });

  it('sets a variable the model was allowed to, answering the tool call before it replies', async () => {
    const port = fakeAi(
      { toolCalls: [call('set_variable', { name: 'city', value: 'Lisbon' })], usage: { inputTokens: 50, outputTokens: 10 } },
      { text: 'Lisbon, noted!' },
    );
    const { steps } = await runScript(flow(), ['I live in Lisbon'], { ports: { ai: port } });
    expect(steps[1]?.vars.city).toBe('Lisbon');
    expect(botLines(steps).at(-1)).toBe('Lisbon, noted!');
    expect(port.requests[1]?.messages.slice(-2)).toEqual([
      { role: 'assistant', text: '', toolCalls: [call('set_variable', { name: 'city', value: 'Lisbon' })] },
      { role: 'tool', results: [{ callId: 'call-set_variable', content: 'Saved city.' }] },
    ]);
    expect(steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'ai.usage', inputTokens: 150, outputTokens: 30 }));
  });

  it('refuses a variable outside the list and lets the model carry on', async () => {
    const port = fakeAi({ toolCalls: [call('set_variable', { name: 'vip', value: true })] }, { text: 'Ok.' });
    const { steps } = await runScript(flow(), ['make me vip'], { ports: { ai: port } });
    expect(steps[1]?.vars.vip).toBeUndefined();
    expect(port.requests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      results: [{ callId: 'call-set_variable', content: 'name must be one of: city.', isError: true }],
    });
  });

  it('says its goodbye and leaves by the outcome the model finished with', async () => {
    const port = fakeAi({ text: 'Enjoy your pizza!', toolCalls: [call('finish', { outcome: 'resolved' })] });
    const { steps, last } = await runScript(flow(), ['thanks, that is all'], { ports: { ai: port } });
    expect(botLines(steps).slice(1)).toEqual(['Enjoy your pizza!', 'Glad to help!']);
    expect(last.status).toBe('done');
    expect(port.requests).toHaveLength(1);
  });

  it('hands off to the configured department with the model note, and leaves by "handoff"', async () => {
    const port = fakeAi({ text: 'Let me get you a colleague.', toolCalls: [call('handoff', { note: 'wants a refund' })] });
    const { steps } = await runScript(flow({ department: 'billing' }), ['I want a refund'], { ports: { ai: port } });
    expect(steps[1]?.effects).toContainEqual({ type: 'handoff', nodeId: 'bot', department: 'billing', note: 'wants a refund' });
    expect(botLines(steps).at(-1)).toBe('A person will answer.');
  });

  it('without a department leaves by "handoff" for the next node to route, emitting no handoff itself', async () => {
    const port = fakeAi({ toolCalls: [call('handoff', { note: 'angry' })] });
    const { steps } = await runScript(flow(), ['a human please'], { ports: { ai: port } });
    expect(steps[1]?.effects.map((e) => e.type)).not.toContain('handoff');
    expect(steps[1]?.nodeId).toBe('human');
  });

  it('on a failing port says the admin text and leaves by "error"', async () => {
    const { steps } = await runScript(flow({ errorText: 'Our assistant is resting.' }), ['hello'], { ports: { ai: fakeAi() } });
    expect(botLines(steps).slice(1)).toEqual(['Our assistant is resting.', 'Let me get a human.']);
  });

  it('without an AI port leaves by "error" instead of crashing', async () => {
    const { steps, last } = await runScript(flow(), ['hello']);
    expect(botLines(steps).slice(1)).toEqual(['Sorry, I cannot answer right now. Please try again in a moment.', 'Let me get a human.']);
    expect(last.status).toBe('done');
  });

  it('leaves by "error" when the model keeps calling tools without answering', async () => {
    const looping = Array.from({ length: 6 }, () => ({ toolCalls: [call('set_variable', { name: 'city', value: 'Porto' })] }));
    const { steps } = await runScript(flow(), ['hello'], { ports: { ai: fakeAi(...looping) } });
    expect(botLines(steps).at(-1)).toBe('Let me get a human.');
  });

  it('sends only the history window, starting with the customer, with phone numbers masked', async () => {
    const port = fakeAi({ text: 'One' }, { text: 'Two' });
    await runScript(flow({ historyWindow: 3 }), ['first question', 'call me on +55 11 98765-4321 after 2025-06-02'], {
      ports: { ai: port },
    });
    expect(port.requests[0]?.messages).toEqual([{ role: 'user', text: 'first question' }]);
    expect(port.requests[1]?.messages).toEqual([
      { role: 'user', text: 'first question' },
      { role: 'assistant', text: 'One' },
      { role: 'user', text: 'call me on [phone] after 2025-06-02' },
    ]);
  });

  it('adds catalog products to the cart variable with an exact total', async () => {
    const catalog: CatalogPort = {
      categories: async () => [],
      products: async () => [],
      product: async (id) => (id === 'soda' ? { id, name: 'Soda', price: 0.1, currency: 'EUR' } : undefined),
    };
    const port = fakeAi(
      {
        toolCalls: [
          call('add_to_cart', { productId: 'soda', quantity: 2 }, 'a'),
          call('add_to_cart', { productId: 'soda', quantity: 1 }, 'b'),
        ],
      },
      { text: 'Three sodas in your cart.' },
    );
    const { steps } = await runScript(flow({ tools: ['search_catalog', 'add_to_cart', 'finish', 'handoff'] }), ['3 sodas'], {
      ports: { ai: port, catalog },
    });
    expect(steps[1]?.vars.cart).toEqual({
      currency: 'EUR',
      total: 0.3,
      lines: [{ productId: 'soda', name: 'Soda', quantity: 3, unitPrice: 0.1 }],
    });
  });

  it('searches the catalog for the model and gives it the products found', async () => {
    const catalog: CatalogPort = {
      categories: async () => [],
      products: async ({ search }) =>
        search === 'pizza' ? [{ id: 'marg', name: 'Margherita', price: 9.5, currency: 'EUR', stock: 4 }] : [],
      product: async () => undefined,
    };
    const port = fakeAi({ toolCalls: [call('search_catalog', { query: 'pizza' })] }, { text: 'We have Margherita for €9.50.' });
    await runScript(flow({ tools: ['search_catalog', 'finish', 'handoff'] }), ['any pizza?'], { ports: { ai: port, catalog } });
    expect(port.requests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      results: [{ callId: 'call-search_catalog', content: '[{"id":"marg","name":"Margherita","price":9.5,"currency":"EUR","stock":4}]' }],
    });
  });

  it('leaves by "max_turns" after answering the last allowed message', async () => {
    const port = fakeAi({ text: 'a' }, { text: 'b' });
    const { steps } = await runScript(flow({ maxTurns: 2 }), ['1', '2'], { ports: { ai: port } });
    expect(steps[1]?.nodeId).toBe('bot');
    expect(botLines(steps).slice(-2)).toEqual(['b', 'A person will answer.']);
  });

  it('flags outcome ids that repeat or take a reserved exit, and finish without outcomes', () => {
    const bad = validateFlow(
      flow({
        outcomes: [
          { id: 'done', label: 'Done' },
          { id: 'done', label: 'Done again' },
          { id: 'error', label: 'Error' },
        ],
      }),
      builtins,
    );
    expect(bad.problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'bot', field: 'data.outcomes[1].id' }));
    expect(bad.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'bot',
        field: 'data.outcomes[2].id',
        message: expect.stringContaining('reserved'),
      }),
    );
    const empty = validateFlow(flow({ outcomes: [] }), builtins);
    expect(empty.problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'bot', field: 'data.outcomes' }));
  });
});
