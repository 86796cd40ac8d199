import type { CheckFinding, NodeEvent, NodeUpdate } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import type { ConversationContext } from '../../runtime/conversation-context';
import { AI_TOOL_NAMES, aiTools } from './ai-tools';
import { type AiTurn, type AiTurnParams, runAiTurn } from './ai-turn';

/** Exits of the node itself, which an outcome id may not take. */
const RESERVED_EXITS = ['handoff', 'max_turns', 'error'];
const identifier = '^[A-Za-z_][A-Za-z0-9_]*$';

/**
 * Answers customers with a language model through the host's AI port, turn after turn, until the
 * model finishes with an outcome (one exit each), hands off, or fails (`error`). The model may
 * search the catalog, fill the `cart` variable, set variables the admin listed, hand off or finish.
 */
export const ai = defineNodeType({
  type: 'ai',
  version: 1,
  title: 'AI assistant',
  description: 'Answer with a language model that can search the catalog, fill the cart, hand off or finish',
  category: 'AI',
  usesHistory: true,
  icon: '✨',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['systemPrompt'],
    properties: {
      systemPrompt: {
        type: 'string',
        title: 'Instructions',
        description:
          "Who the assistant is, what it knows and how it should behave. Write only your own words here: a {{variable}} may hold customer text (answers, their name), so its value reaches the model as the customer's words, beside these instructions, never inside them",
        minLength: 1,
        'x-widget': 'textarea',
      },
      greeting: {
        type: 'string',
        title: 'Greeting',
        description:
          "Sent when the conversation reaches this node; without one, the assistant answers the customer's opening message, or waits for the next",
        'x-widget': 'textarea',
      },
      model: {
        type: 'string',
        title: 'Model',
        description: 'The model name the host passes to its AI vendor',
        default: 'claude-sonnet-4-5',
        minLength: 1,
      },
      // Claude's API (version 2026-10-21) refuses sampling parameters on every model, so there is
      // nothing to set. Flows saved before still carry the field: it is accepted, ignored, and
      // left out of the form.
      temperature: { type: 'number', title: 'Temperature (no longer used)', deprecated: true, minimum: 0, maximum: 1 },
      maxTokens: { type: 'integer', title: 'Longest answer (tokens)', minimum: 16, maximum: 8192, default: 1024 },
      historyWindow: {
        type: 'integer',
        title: 'Messages of history',
        description: 'How many recent messages, both ways, the model reads',
        minimum: 1,
        maximum: 40,
        default: 20,
      },
      tools: {
        type: 'array',
        title: 'Tools it may use',
        uniqueItems: true,
        items: { enum: AI_TOOL_NAMES },
        default: [],
      },
      department: {
        type: 'string',
        title: 'Hand off to department',
        description: 'Agents of this department receive the conversation; leave empty to route through the node on the "Handoff" exit',
      },
      variables: {
        type: 'array',
        title: 'Variables it may set',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', title: 'Variable', pattern: identifier },
            description: {
              type: 'string',
              title: 'What it holds',
              description: 'Tells the model when to set it; what it saves is customer text',
            },
          },
        },
        default: [],
      },
      outcomes: {
        type: 'array',
        title: 'Outcomes',
        description: 'Ways the assistant can finish; each is an exit of the node',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'label'],
          properties: {
            id: { type: 'string', title: 'Id', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 100 },
            label: { type: 'string', title: 'Label', minLength: 1 },
            description: { type: 'string', title: 'When', description: 'Tells the model when to finish this way' },
          },
        },
        default: [],
      },
      maxTurns: {
        type: 'integer',
        title: 'Most customer messages',
        description: 'After answering this many without finishing, leave by "Too many turns"',
        minimum: 1,
        maximum: 200,
      },
      errorText: {
        type: 'string',
        title: 'When the assistant fails',
        description: 'Sent before leaving by "Error"',
        default: 'Sorry, I cannot answer right now. Please try again in a moment.',
        'x-widget': 'textarea',
      },
    },
    allOf: [
      { if: toolIs('handoff'), then: { properties: { department: {} } } },
      { if: toolIs('set_variable'), then: { properties: { variables: {} } } },
      { if: toolIs('finish'), then: { properties: { outcomes: {} } } },
    ],
  },
  exits: (config) => [
    ...config.outcomes.map((o) => ({ id: o.id, label: o.label })),
    ...(config.tools.includes('handoff') ? [{ id: 'handoff', label: 'Handoff' }] : []),
    ...(config.maxTurns ? [{ id: 'max_turns', label: 'Too many turns' }] : []),
    { id: 'error', label: 'Error' },
  ],
  summary: (config) => `${config.model}${config.tools.length ? ` · ${config.tools.join(', ')}` : ''}`,
  variables: (config) => ({
    // `profile`: the contact's name and preferences, when the host keeps a profile.
    sets: [...config.variables.map((v) => v.name), ...(config.tools.includes('add_to_cart') ? ['cart'] : []), 'profile'],
  }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    const seen = new Set<string>();
    config.outcomes.forEach((outcome, i) => {
      if (seen.has(outcome.id))
        findings.push({ severity: 'error', field: `data.outcomes[${i}].id`, message: `duplicates outcome "${outcome.id}"` });
      seen.add(outcome.id);
      if (RESERVED_EXITS.includes(outcome.id))
        findings.push({
          severity: 'error',
          field: `data.outcomes[${i}].id`,
          message: `"${outcome.id}" is reserved for the node's own exit`,
        });
    });
    const names = new Set<string>();
    config.variables.forEach((variable, i) => {
      if (names.has(variable.name))
        findings.push({ severity: 'error', field: `data.variables[${i}].name`, message: `lists "${variable.name}" twice` });
      names.add(variable.name);
    });
    if (config.tools.includes('finish') && config.outcomes.length === 0)
      findings.push({ severity: 'error', field: 'data.outcomes', message: 'the finish tool needs at least one outcome' });
    if (!config.tools.includes('finish') && config.outcomes.length > 0)
      findings.push({ severity: 'warning', field: 'data.tools', message: 'outcomes are only reached with the finish tool' });
    if (config.tools.includes('set_variable') && config.variables.length === 0)
      findings.push({ severity: 'error', field: 'data.variables', message: 'the set_variable tool needs at least one variable' });
    return findings;
  },
  compile: (config, ctx) => {
    const params: AiTurnParams = {
      model: config.model,
      systemPrompt: config.systemPrompt,
      maxTokens: config.maxTokens,
      historyWindow: config.historyWindow,
      tools: aiTools({ tools: config.tools, outcomes: config.outcomes, variables: config.variables }),
      variables: config.variables.map((v) => v.name),
      outcomes: config.outcomes.map((o) => o.id),
    };
    const apply = ctx.action('apply', { department: config.department });
    return {
      entry: config.greeting ? [ctx.say({ kind: 'text', text: config.greeting })] : [],
      // A conversation opened by the customer's message, with nothing said before this node, is answered at once.
      initial: 'opening',
      states: {
        opening: { always: [{ guard: ctx.guard('opensConversation'), target: 'thinking' }, { target: 'listening' }] },
        listening: { on: { 'user.message': { target: 'thinking' } } },
        thinking: {
          invoke: {
            ...ctx.invoke('respond', params),
            onDone: [
              ...config.outcomes.map((o) => ({
                guard: ctx.guard('finished', { outcome: o.id }),
                target: ctx.exit(o.id),
                actions: [apply],
              })),
              ...(config.tools.includes('handoff')
                ? [{ guard: ctx.guard('handedOff'), target: ctx.exit('handoff'), actions: [apply] }]
                : []),
              ...(config.maxTurns
                ? [{ guard: ctx.guard('lastTurn', { maxTurns: config.maxTurns }), target: ctx.exit('max_turns'), actions: [apply] }]
                : []),
              { target: 'listening', actions: [apply] },
            ],
            onError: { target: ctx.exit('error'), actions: [ctx.say({ kind: 'text', text: config.errorText })] },
          },
        },
      },
    };
  },
  actors: {
    respond: ({ context, params, ports }) => runAiTurn(context, params, ports),
  },
  guards: {
    opensConversation: ({ context }) => context.history.length === 1 && context.history[0]?.role === 'user',
    finished: ({ event, params }) => turnOf(event).outcome === params.outcome,
    handedOff: ({ event }) => turnOf(event).handoff !== undefined,
    lastTurn: ({ context, params }) => turnsTaken(context) + 1 >= params.maxTurns,
  },
  actions: {
    apply: ({
      context,
      event,
      params,
    }: {
      context: ConversationContext;
      event: NodeEvent;
      params: { department?: string };
    }): NodeUpdate => {
      const turn = turnOf(event);
      const newProfile = turn.profile && JSON.stringify(turn.profile) !== JSON.stringify(context.vars.profile);
      return {
        data: { turns: turnsTaken(context) + 1 },
        vars: { ...turn.vars, ...(turn.cart ? { cart: turn.cart } : {}), ...(newProfile ? { profile: turn.profile } : {}) },
        say: turn.reply ? [{ kind: 'text', text: turn.reply }] : [],
        effects: [
          { type: 'ai.usage', ...turn.usage },
          ...(turn.handoff && params.department
            ? [{ type: 'handoff' as const, department: params.department, note: turn.handoff.note }]
            : []),
        ],
      };
    },
  },
});

/** The `if` of a field that only matters when a tool is chosen. */
function toolIs(tool: (typeof AI_TOOL_NAMES)[number]) {
  return { properties: { tools: { contains: { const: tool } } }, required: ['tools'] } as const;
}

/** The output of this node's `respond` actor, carried by its done event. */
function turnOf(event: NodeEvent): AiTurn {
  return (event as { output: AiTurn }).output;
}

function turnsTaken(context: ConversationContext): number {
  return typeof context.node.data.turns === 'number' ? context.node.data.turns : 0;
}
