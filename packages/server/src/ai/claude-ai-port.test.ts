import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AiRequest } from '@chatflow/engine';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAnthropicApi, type MessagesRequestBody, startFakeAnthropicApi } from '../../../../test/support/fake-anthropic-api';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { AiError } from './ai-error';
import { type AiMemoryRepository, createAiMemoryRepository } from './ai-memory-repository';
import { type ClaudeAiOptions, createClaudeAi } from './claude-ai-port';
import { FACTS_HEADING } from './customer-facts';

let fake: FakeAnthropicApi;
let dir: string;
let store: EmbeddedDocumentStore;
let memory: AiMemoryRepository;

beforeAll(async () => {
  fake = await startFakeAnthropicApi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), 'ai-port-'));
  store = new EmbeddedDocumentStore(dir);
  memory = createAiMemoryRepository(store);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const scope = { workspaceId: 'w1', conversationId: 'conv-1', contactId: 'contact-1', contactAddress: '5511987654321' };

function ai(options: Partial<ClaudeAiOptions> = {}) {
  return createClaudeAi({ apiKey: 'test-key', baseUrl: fake.url, memory, maxRetries: 0, ...options });
}

function request(overrides: Partial<AiRequest> = {}): AiRequest {
  return {
    nodeId: 'assistant',
    model: 'claude-haiku-4-5',
    system: 'You are the assistant of Pizzeria Bella.',
    maxTokens: 300,
    messages: [{ role: 'user', text: 'Do you have vegan pizza?' }],
    tools: [],
    ...overrides,
  };
}

describe('Claude AI port', () => {
  it('sends the system prompt, conversation and tools, and maps a text answer with its usage', async () => {
    fake.enqueue({ text: 'Yes, the Verdura is vegan.', usage: { input_tokens: 120, output_tokens: 9 } });
    const result = await ai()
      .portFor(scope)
      .respond(
        request({
          tools: [
            {
              name: 'search_catalog',
              description: 'Search the catalog',
              inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
            },
          ],
        }),
      );
    expect(result).toEqual({
      text: 'Yes, the Verdura is vegan.',
      toolCalls: [],
      usage: { inputTokens: 120, outputTokens: 9 },
      model: 'claude-haiku-4-5',
    });
    const sent = fake.requests[0]?.body;
    expect(sent).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      system: 'You are the assistant of Pizzeria Bella.',
      messages: [{ role: 'user', content: 'Do you have vegan pizza?' }],
      tools: [{ name: 'search_catalog', description: 'Search the catalog', input_schema: { type: 'object' } }],
    });
    // The API version the SDK speaks rejects sampling parameters.
    expect(sent).not.toHaveProperty('temperature');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer test-key');
    expect(await memory.usage('w1', 'conv-1')).toMatchObject({ calls: 1, inputTokens: 120, outputTokens: 9 });
  });

  it('maps tool calls out and tool results back in', async () => {
    fake.enqueue({ text: 'Let me look.', toolUse: [{ name: 'search_catalog', input: { query: 'vegan' } }] });
    const port = ai().portFor(scope);
    const first = await port.respond(request());
    expect(first.text).toBe('Let me look.');
    expect(first.toolCalls).toEqual([{ id: expect.stringMatching(/^toolu_/), name: 'search_catalog', input: { query: 'vegan' } }]);
    const call = first.toolCalls[0]!;

    fake.enqueue({ text: 'The Verdura (9.50 EUR) is vegan.' });
    const second = await port.respond(
      request({
        messages: [
          { role: 'user', text: 'Do you have vegan pizza?' },
          { role: 'assistant', text: 'Let me look.', toolCalls: [call] },
          { role: 'tool', results: [{ callId: call.id, content: '{"products":[{"id":"7891234567895","name":"Verdura"}]}' }] },
        ],
      }),
    );
    expect(second.text).toBe('The Verdura (9.50 EUR) is vegan.');
    expect(fake.requests[1]?.body.messages).toEqual([
      { role: 'user', content: 'Do you have vegan pizza?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool_use', id: call.id, name: 'search_catalog', input: { query: 'vegan' } },
        ],
      },
      // A barcode in catalog data is kept: only the contact's own identifiers are masked in tool results.
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: call.id, content: '{"products":[{"id":"7891234567895","name":"Verdura"}]}' }],
      },
    ]);
    expect(await memory.usage('w1', 'conv-1')).toMatchObject({ calls: 2 });
  });

  it("never sends the contact's number or e-mail, however it is written", async () => {
    fake.enqueue({ text: 'Noted.' });
    await ai()
      .portFor(scope)
      .respond(
        request({
          system: 'Customer 5511987654321 writes from +55 11 98765-4321 about {{topic}}.',
          facts: [{ name: 'topic', value: 'a call to 5511987654321' }],
          messages: [
            { role: 'user', text: 'my number is +55 (11) 98765-4321, mail ana@example.com' },
            { role: 'assistant', text: 'Thanks! We call 55 11 98765 4321?' },
            { role: 'user', text: 'or my office 020 7946 0958' },
          ],
        }),
      );
    const sent = fake.sentText();
    expect(sent.replace(/\D/g, '')).not.toContain('987654321');
    expect(sent).not.toContain('79460958');
    expect(sent).not.toContain('ana@example.com');
    expect(sent).toContain('[phone]');
  });
});

describe('Claude AI port failures', () => {
  it('rejects at once without an API key', async () => {
    const error = await ai({ apiKey: undefined })
      .portFor(scope)
      .respond(request())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiError);
    expect(error).toMatchObject({ reason: 'config', message: expect.stringContaining('ANTHROPIC_API_KEY is not set') });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [{ status: 429, message: 'Number of requests has exceeded your rate limit.' }, 'rate_limit', /rate limit was reached \(429\)/],
    [{ status: 500 }, 'unavailable', /unavailable \(500\)/],
    [{ status: 529, message: 'Overloaded' }, 'unavailable', /unavailable \(529\)/],
    [{ status: 401 }, 'config', /rejected the API key/],
    [{ text: '', stopReason: 'refusal' as const }, 'refusal', /declined to answer/],
  ])('rejects %o as %s', async (scripted, reason, message) => {
    fake.enqueue(scripted);
    const error = await ai()
      .portFor(scope)
      .respond(request())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiError);
    expect(error).toMatchObject({ reason, message: expect.stringMatching(message) });
    expect((error as Error).message).toContain('AI node "assistant"');
  });

  it('gives up on a slow answer at its timeout instead of hanging', async () => {
    fake.enqueue({ text: 'too late', delayMs: 5_000 });
    const error = await ai({ timeoutMs: 300 })
      .portFor(scope)
      .respond(request())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', message: expect.stringContaining('did not answer within') });
  });
});

/** The marked customer-provided block that opens the first user turn, if any. */
function factsOf(body: MessagesRequestBody | undefined): string {
  const first = body?.messages[0]?.content;
  const block = Array.isArray(first) ? first[0] : undefined;
  return block?.type === 'text' && block.text.startsWith(FACTS_HEADING) ? block.text : '';
}

describe('conversation memory', () => {
  const memoryAnswer = (summary: string, name: string | null, preferences: string[]) => ({
    text: JSON.stringify({ summary, name, preferences }),
  });

  it('folds turns that leave the window into a summary and remembers the contact across conversations', async () => {
    fake.setFallback((req) =>
      String(req.body.system).startsWith('You keep the memory')
        ? memoryAnswer('Ana wants a vegan pizza delivered tonight.', 'Ana', ['vegan'])
        : { text: 'Sure.' },
    );
    const port = ai({ summaryBatch: 2 }).portFor(scope);
    const turn = (texts: string[]) =>
      port.respond(
        request({ messages: texts.map((text, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', text })) as AiRequest['messages'] }),
      );

    expect((await turn(['Hi, I am Ana'])).profile).toBeUndefined();
    const learnt = await turn(['Hi, I am Ana', 'Hello Ana!', 'I am vegan']);
    // Two customer messages: the profile is looked for once, and the node gets it for the `profile` variable.
    expect(await memory.profile('w1', 'contact-1')).toMatchObject({ name: 'Ana', preferences: ['vegan'] });
    expect(learnt.profile).toEqual({ name: 'Ana', preferences: 'vegan' });
    // The window moves on: the first two turns leave it and are summarised.
    await turn(['I am vegan', 'Noted.', 'Deliver tonight?']);
    const stored = await memory.memory('w1', 'conv-1');
    expect(stored).toMatchObject({ summary: 'Ana wants a vegan pizza delivered tonight.', pending: [] });
    const last = fake.requests.at(-1)?.body;
    // What the customer said and told about themselves is customer-provided content, never instructions.
    expect(last?.system).toBe('You are the assistant of Pizzeria Bella.');
    expect(factsOf(last)).toContain('Summary of the conversation so far:\nAna wants a vegan pizza delivered tonight.');
    expect(factsOf(last)).toContain('Name: Ana');

    // A new conversation with the same contact starts knowing them.
    await ai()
      .portFor({ ...scope, conversationId: 'conv-2' })
      .respond(request());
    expect(factsOf(fake.requests.at(-1)?.body)).toContain(
      'What the customer told you about themselves before:\nName: Ana\nPreferences: vegan',
    );
  });

  it('answers even when the memory call fails, keeping the turns to summarise later', async () => {
    fake.setFallback((req) => (String(req.body.system).startsWith('You keep the memory') ? { status: 500 } : { text: 'Sure.' }));
    const port = ai({ summaryBatch: 1 }).portFor(scope);
    await port.respond(request({ messages: [{ role: 'user', text: 'one' }] }));
    const result = await port.respond(request({ messages: [{ role: 'user', text: 'two' }] }));
    expect(result.text).toBe('Sure.');
    expect((await memory.memory('w1', 'conv-1'))?.pending).toEqual([{ role: 'user', text: 'one' }]);
    expect(factsOf(fake.requests.at(-1)?.body)).toContain('Earlier messages:\nCustomer: one');
    expect(fake.requests.at(-1)?.body.system).not.toContain('one');
  });
});
