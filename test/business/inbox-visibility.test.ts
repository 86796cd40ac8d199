import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseClient, type SseMessage } from '../api/sse-client';
import { type BusinessWorld, eventually, flowOf, startBusinessWorld } from './business-fixtures';

/** A menu: two departments take the conversation over, the third option stays with the bot. */
const routingFlow = flowOf(
  'routing',
  'menu',
  [
    {
      id: 'menu',
      type: 'menu',
      data: {
        text: 'Who do you need?',
        options: [
          { id: 'sales', label: 'Sales' },
          { id: 'support', label: 'Support' },
          { id: 'bot', label: 'Just the bot' },
        ],
      },
    },
    { id: 'to-sales', type: 'handoff', data: { department: 'sales', note: 'Sales lead' } },
    { id: 'to-support', type: 'handoff', data: { department: 'support', note: 'Card {{card}} blocked' } },
    { id: 'chat', type: 'question', data: { text: 'Tell the bot', variable: 'said' } },
    { id: 'done', type: 'message', data: { text: 'Noted.' } },
  ],
  ['menu:sales -> to-sales', 'menu:support -> to-support', 'menu:bot -> chat', 'chat:next -> done'],
);

interface Agent {
  token: string;
  api: ApiClient;
  stream: SseClient;
}

const conversationOf = (event: SseMessage) => (event.data as { conversationId: string }).conversationId;

describe('inbox visibility, REST and live', () => {
  let world: BusinessWorld;
  let sales: Agent;
  let support: Agent;
  let everyone: Agent;

  async function agent(email: string, departments: string[]): Promise<Agent> {
    await world.admin.post('/api/users', { email, name: email.split('@')[0], password: 'agent-long-password', role: 'agent', departments });
    const login = await apiClient(world.server.url).post<{ token: string }>('/api/auth/login', { email, password: 'agent-long-password' });
    const stream = await openStream(world.server.url, '/api/inbox/events', login.body.token);
    expect(stream.status).toBe(200);
    return { token: login.body.token, api: apiClient(world.server.url, login.body.token), stream };
  }

  /** The id of the conversation in which the customer wrote `text`, as an admin finds it. */
  async function conversationWith(text: string): Promise<string> {
    const list = await world.admin.get<{ id: string }[]>('/api/conversations');
    for (const { id } of list.body) {
      if ((await world.admin.get(`/api/conversations/${id}`)).text.includes(text)) return id;
    }
    throw new Error(`no conversation with "${text}"`);
  }

  beforeAll(async () => {
    world = await startBusinessWorld();
    await world.useFlow(routingFlow);
    sales = await agent('sid@shop.example', ['sales']);
    support = await agent('sue@shop.example', ['support']);
    everyone = await agent('eve@shop.example', []);
  });
  afterAll(async () => {
    for (const a of [sales, support, everyone]) a.stream.close();
    await world.close();
  });

  it("never streams a support conversation's note or messages to a sales-only agent", async () => {
    const customer = '5511911110001';
    await world.say(customer, 'hi');
    await world.say(customer, { tap: 'support' });
    const waiting = await support.stream.next((e) => e.event === 'waiting');
    const supportId = conversationOf(waiting);
    await world.say(customer, 'my card number is 4111 1111 1111 1111');
    await support.stream.next((e) => e.event === 'message' && (e.data as { text: string }).text.includes('4111'));
    expect((await support.api.post(`/api/inbox/conversations/${supportId}/take`)).status).toBe(200);
    expect((await support.api.post(`/api/inbox/conversations/${supportId}/messages`, { text: 'Blocked it for you' })).status).toBe(201);
    await support.stream.next((e) => e.event === 'message' && (e.data as { text: string }).text === 'Blocked it for you');
    expect((await support.api.post(`/api/inbox/conversations/${supportId}/release`)).status).toBe(202);
    await support.stream.next((e) => e.event === 'resumed' && conversationOf(e) === supportId);

    // A sales conversation afterwards: once the sales agent hears of it, every earlier event was delivered.
    const lead = '5511911110002';
    await world.say(lead, 'hi');
    await world.say(lead, { tap: 'sales' });
    const salesWaiting = await sales.stream.next((e) => e.event === 'waiting');
    expect(salesWaiting.data).toMatchObject({ department: 'sales', note: 'Sales lead' });
    await everyone.stream.next((e) => e.event === 'waiting' && conversationOf(e) === conversationOf(salesWaiting));

    expect(sales.stream.events.filter((e) => conversationOf(e) === supportId)).toEqual([]);
    expect(JSON.stringify(sales.stream.events)).not.toContain('4111');
    expect(new Set(support.stream.events.map((e) => e.event))).toEqual(new Set(['waiting', 'message', 'assigned', 'released', 'resumed']));
    expect(support.stream.events.some((e) => conversationOf(e) === conversationOf(salesWaiting))).toBe(false);
    // An agent of every department hears of both.
    expect(everyone.stream.events.filter((e) => conversationOf(e) === supportId).map((e) => e.event)).toContain('message');

    expect((await sales.api.get(`/api/inbox/conversations/${supportId}`)).status).toBe(404);
    expect((await support.api.get(`/api/inbox/conversations/${supportId}`)).status).toBe(200);
  });

  it('keeps bot-only conversations from an agent of every department', async () => {
    const customer = '5511911110003';
    await world.say(customer, 'hi');
    await world.say(customer, { tap: 'bot' });
    await world.say(customer, 'my address is 12 Elm Street');
    await eventually(async () => (world.sentTo(customer).includes('Noted.') ? true : undefined));
    const botOnly = await conversationWith('12 Elm Street');

    for (const path of ['', '/take', '/release', '/close', '/messages']) {
      const answer = path
        ? await everyone.api.post(`/api/inbox/conversations/${botOnly}${path}`, path === '/messages' ? { text: 'hello' } : undefined)
        : await everyone.api.get(`/api/inbox/conversations/${botOnly}`);
      expect(answer.status, `${path || 'GET'} of a bot-only conversation`).toBe(404);
    }
    expect(everyone.stream.events.filter((e) => conversationOf(e) === botOnly)).toEqual([]);
    // A conversation that was handed off stays readable after the hand-back.
    const released = conversationOf(everyone.stream.events.find((e) => e.event === 'resumed') as SseMessage);
    expect((await everyone.api.get(`/api/inbox/conversations/${released}`)).status).toBe(200);
    // The admin still sees every conversation.
    expect((await world.admin.get(`/api/inbox/conversations/${botOnly}`)).status).toBe(200);
  });
});
