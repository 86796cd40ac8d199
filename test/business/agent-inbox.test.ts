import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseClient } from '../api/sse-client';
import { type BusinessWorld, eventually, flowOf, startBusinessWorld } from './business-fixtures';

interface QueueItem {
  id: string;
  department?: string;
  note?: string;
  state: string;
  assignedTo?: { id: string; name?: string };
  windowClosesAt?: string;
}
interface Detail extends QueueItem {
  status: string;
  nodeId: string;
  vars: Record<string, unknown>;
  transcript: { direction: string; text: string; by?: string }[];
}

const supportFlow = flowOf(
  'support',
  'welcome',
  [
    { id: 'welcome', type: 'message', data: { text: 'Hi! Let me get you a person.' } },
    { id: 'human', type: 'handoff', data: { department: 'sales', text: 'One moment, an agent is coming.', note: 'Wants a quote' } },
    { id: 'back', type: 'message', data: { text: 'The bot is back. Anything else?' } },
    { id: 'more', type: 'question', data: { text: 'Type anything', variable: 'anything' } },
  ],
  ['welcome:next -> human', 'human:released -> back', 'back:next -> more'],
);

async function signIn(world: BusinessWorld, email: string, departments: string[]): Promise<{ id: string; token: string; api: ApiClient }> {
  const created = await world.admin.post<{ id: string }>('/api/users', {
    email,
    name: email.split('@')[0],
    password: 'agent-long-password',
    role: 'agent',
    departments,
  });
  const login = await apiClient(world.server.url).post<{ token: string }>('/api/auth/login', { email, password: 'agent-long-password' });
  return { id: created.body.id, token: login.body.token, api: apiClient(world.server.url, login.body.token) };
}

describe('agent inbox, end to end', () => {
  let world: BusinessWorld;
  let rita: Awaited<ReturnType<typeof signIn>>;
  let sam: Awaited<ReturnType<typeof signIn>>;
  let events: SseClient;
  beforeAll(async () => {
    world = await startBusinessWorld();
    await world.useFlow(supportFlow);
    rita = await signIn(world, 'rita@shop.example', ['sales']);
    sam = await signIn(world, 'sam@shop.example', ['support']);
    events = await openStream(world.server.url, '/api/inbox/events', rita.token);
    expect(events.status).toBe(200);
  });
  afterAll(async () => {
    events.close();
    await world.close();
  });

  it('queues a handed-off conversation, lets the agent take it over and reply on WhatsApp, then hands back to the bot', async () => {
    const customer = '5511900000001';
    const sent = (count: number) =>
      eventually(async () => (world.sentTo(customer).length >= count ? world.sentTo(customer) : undefined), 10_000, `${count} messages`);
    await world.say(customer, 'hello');
    expect(await sent(2)).toEqual(['Hi! Let me get you a person.', 'One moment, an agent is coming.']);

    const waiting = await events.next((e) => e.event === 'waiting');
    expect(waiting.data).toMatchObject({ department: 'sales', note: 'Wants a quote' });
    const conversationId = (waiting.data as { conversationId: string }).conversationId;

    const queue = await rita.api.get<QueueItem[]>('/api/inbox/conversations?state=waiting');
    expect(queue.body).toEqual([
      expect.objectContaining({ id: conversationId, department: 'sales', state: 'waiting', note: 'Wants a quote' }),
    ]);
    expect(Date.parse(queue.body[0]?.windowClosesAt ?? '')).toBeGreaterThan(Date.now());
    expect((await sam.api.get<QueueItem[]>('/api/inbox/conversations')).body).toEqual([]);
    expect((await rita.api.get('/api/inbox/departments')).body).toEqual([{ department: 'sales', waiting: 1, assigned: 0 }]);

    const early = await rita.api.post<{ error: { message: string } }>(`/api/inbox/conversations/${conversationId}/messages`, {
      text: 'hi',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('take the conversation over before you reply');

    const taken = await rita.api.post<QueueItem>(`/api/inbox/conversations/${conversationId}/take`);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ state: 'assigned', assignedTo: { id: rita.id } });
    expect((await sam.api.post(`/api/inbox/conversations/${conversationId}/take`)).status).toBe(404);
    await events.next((e) => e.event === 'assigned');
    // The takeover, the sign-ins and the accounts made for them are in the audit, by user id.
    const audit = (await world.admin.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit')).body;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'inbox.take', details: { actor: rita.id, conversationId } }),
        expect.objectContaining({ type: 'auth.login', details: { actor: rita.id } }),
        expect.objectContaining({ type: 'user.create', details: expect.objectContaining({ userId: sam.id }) }),
      ]),
    );

    const reply = await rita.api.post(`/api/inbox/conversations/${conversationId}/messages`, {
      text: 'Hi, Rita here. What do you need?',
      clientMessageId: 'r1',
    });
    expect(reply.status).toBe(201);
    expect((await sent(3)).at(-1)).toBe('Hi, Rita here. What do you need?');
    // A retried request with the same client id is not sent twice.
    await rita.api.post(`/api/inbox/conversations/${conversationId}/messages`, {
      text: 'Hi, Rita here. What do you need?',
      clientMessageId: 'r1',
    });

    await world.say(customer, 'A quote for 40 shirts');
    const incoming = await events.next((e) => e.event === 'message' && (e.data as { text: string }).text === 'A quote for 40 shirts');
    expect(incoming.data).toMatchObject({ conversationId, direction: 'in' });
    // The bot stays silent while the agent has the conversation.
    expect(world.sentTo(customer)).toHaveLength(3);

    const detail = await rita.api.get<Detail>(`/api/inbox/conversations/${conversationId}`);
    expect(detail.body).toMatchObject({ status: 'handoff', nodeId: 'human', state: 'assigned' });
    expect(detail.body.transcript.map((t) => [t.direction, t.by ?? '', t.text])).toEqual([
      ['in', '', 'hello'],
      ['out', 'bot', 'Hi! Let me get you a person.'],
      ['out', 'bot', 'One moment, an agent is coming.'],
      ['out', 'agent', 'Hi, Rita here. What do you need?'],
      ['in', '', 'A quote for 40 shirts'],
    ]);

    expect((await rita.api.post(`/api/inbox/conversations/${conversationId}/release`, { note: 'quote sent' })).status).toBe(202);
    await events.next((e) => e.event === 'released');
    // Once the bot's turn is over the inbox hears it, and everything it did is there to read.
    const resumed = await events.next((e) => e.event === 'resumed');
    expect(resumed.data).toMatchObject({ conversationId, status: 'active' });
    expect(world.sentTo(customer).slice(3)).toEqual(['The bot is back. Anything else?', 'Type anything']);
    const after = (await world.admin.get<{ status: string; nodeId: string }>(`/api/conversations/${conversationId}`)).body;
    expect(after).toMatchObject({ status: 'active', nodeId: 'more' });
    expect((await rita.api.get<QueueItem[]>('/api/inbox/conversations')).body).toEqual([]);
    // The bot's messages after the hand-back are the bot's, the agent's reply is Rita's.
    const transcript = (await rita.api.get<Detail>(`/api/inbox/conversations/${conversationId}`)).body.transcript;
    expect(transcript.filter((t) => t.direction === 'out').map((t) => [t.by, t.text])).toEqual([
      ['bot', 'Hi! Let me get you a person.'],
      ['bot', 'One moment, an agent is coming.'],
      ['agent', 'Hi, Rita here. What do you need?'],
      ['bot', 'The bot is back. Anything else?'],
      ['bot', 'Type anything'],
    ]);
  });

  it('closes a conversation: the next customer message starts a new one', async () => {
    const customer = '5511900000002';
    const sent = (count: number) =>
      eventually(async () => (world.sentTo(customer).length >= count ? world.sentTo(customer) : undefined), 10_000, `${count} messages`);
    await world.say(customer, 'hello');
    await sent(2);
    const item = await eventually(async () => (await rita.api.get<QueueItem[]>('/api/inbox/conversations')).body[0]);
    expect((await rita.api.post(`/api/inbox/conversations/${item.id}/close`)).status).toBe(409);
    await rita.api.post(`/api/inbox/conversations/${item.id}/take`);
    expect((await rita.api.post(`/api/inbox/conversations/${item.id}/close`)).status).toBe(204);
    expect((await world.admin.get<{ status: string }>(`/api/conversations/${item.id}`)).body.status).toBe('ended');
    await world.say(customer, 'hello again');
    expect((await sent(4)).slice(-2)).toEqual(['Hi! Let me get you a person.', 'One moment, an agent is coming.']);
  });

  it('an AI node after the hand-back knows what the agent told the customer', async () => {
    await world.useFlow(
      flowOf(
        'support-ai',
        'human',
        [
          { id: 'human', type: 'handoff', data: { department: 'sales', text: 'An agent is coming.' } },
          { id: 'assistant', type: 'ai', data: { systemPrompt: 'You help with orders.', model: 'claude-haiku-4-5' } },
        ],
        ['human:released -> assistant'],
      ),
    );
    const customer = '5511900000003';
    await world.say(customer, 'hi');
    const item = await eventually(
      async () =>
        (await world.admin.get<{ id: string; flowId: string; status: string }[]>('/api/conversations')).body.find(
          (c) => c.flowId === 'support-ai' && c.status === 'handoff',
        ),
      10_000,
      'the handed-off conversation',
    );
    await world.say(customer, 'where is my order?');
    await events.next((e) => e.event === 'message' && (e.data as { text: string }).text === 'where is my order?');
    await rita.api.post(`/api/inbox/conversations/${item.id}/take`);
    await rita.api.post(`/api/inbox/conversations/${item.id}/messages`, {
      text: 'Order A-77 ships on Friday by courier.',
      clientMessageId: 'f1',
    });
    await world.say(customer, 'great');
    await events.next((e) => e.event === 'message' && (e.data as { text: string }).text === 'great');
    expect((await rita.api.post(`/api/inbox/conversations/${item.id}/release`)).status).toBe(202);

    world.anthropic.reset();
    // Every call answers so, the memory update that reads the conversation for a name included.
    world.anthropic.setFallback({ text: 'It ships on Friday, as my colleague said.' });
    await world.say(customer, 'sorry, which day was it again?');
    await eventually(
      async () => (world.sentTo(customer).at(-1) === 'It ships on Friday, as my colleague said.' ? true : undefined),
      10_000,
      'the AI reply',
    );
    // The whole conversation, from the customer's opening message on.
    expect(world.anthropic.requests.at(-1)?.body.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'An agent is coming.' },
      { role: 'user', content: 'where is my order?' },
      { role: 'assistant', content: 'Order A-77 ships on Friday by courier.' },
      { role: 'user', content: 'great\n\nsorry, which day was it again?' },
    ]);
  });
});
