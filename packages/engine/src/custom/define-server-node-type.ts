import { type AnyNodeType, type ConfigOf, defineNodeType, type NodeEvent, type NodeTypeDefinition } from '../define-node-type';
import type { HandlerResult } from '../runtime/ports';
import { interpolate } from '../runtime/template';

type ServerNodeDefinition<S, C> = Omit<NodeTypeDefinition<S, C>, 'compile' | 'actors' | 'guards' | 'actions'> & {
  /** How long the handler may take before the node leaves by `error`; 10 s unless given. */
  timeoutSeconds?: number;
};

/** Marks a node type whose work runs in a server handler, so the server knows to load its `handler.ts`. */
export const SERVER_HANDLER = Symbol.for('chatflow.serverHandler');

/**
 * Declares a custom node type whose work runs on the server: the file `handler.ts` beside it (in
 * the folder named after the type) exports `handler`, a `NodeHandler` that gets the host's
 * services. The node hands the handler its config (`{{variables}}` filled), sets the variables
 * it returns and leaves by the exit it names. An `error` exit is added: the handler threw, timed
 * out, named an unknown exit, or the host runs no handlers (the offline CLI, a browser).
 */
export function defineServerNodeType<const S extends object>(definition: ServerNodeDefinition<S, ConfigOf<S>>): AnyNodeType {
  const { timeoutSeconds = 10, ...rest } = definition;
  const exits = (config: ConfigOf<S>) => [...definition.exits(config), { id: 'error', label: 'Error' }];
  const type = defineNodeType<S>({
    ...rest,
    exits,
    compile: (config, ctx) => ({
      invoke: {
        ...ctx.invoke('handle', { nodeId: ctx.nodeId, config, timeoutMs: timeoutSeconds * 1000 }),
        onDone: [
          ...definition.exits(config).map((exit) => ({
            guard: ctx.guard('took', { exit: exit.id }),
            target: ctx.exit(exit.id),
            actions: [ctx.action('save')],
          })),
          { target: ctx.exit('error'), actions: [ctx.action('unknownExit')] },
        ],
        onError: { target: ctx.exit('error'), actions: [ctx.action('fail')] },
      },
    }),
    actors: {
      handle: async ({ context, params, ports }) => {
        if (!ports.handlers) throw new Error(`the ${definition.type} node runs on the server; this host has no handlers`);
        const config = Object.fromEntries(
          Object.entries(params.config as Record<string, unknown>).map(([key, value]) => [
            key,
            typeof value === 'string' ? interpolate(value, context) : value,
          ]),
        );
        const result = await ports.handlers.run({ type: definition.type, nodeId: params.nodeId, config, timeoutMs: params.timeoutMs });
        return JSON.parse(JSON.stringify({ exit: result.exit, vars: result.vars ?? {} })) as HandlerResult;
      },
    },
    guards: { took: ({ event, params }) => resultOf(event)?.exit === params.exit },
    actions: {
      save: ({ event }) => ({ vars: resultOf(event)?.vars ?? {} }),
      unknownExit: ({ event }) => ({
        effects: [{ type: 'node.failed', reason: `the handler chose no exit of this node (${resultOf(event)?.exit})` }],
      }),
      fail: ({ event }) => {
        const error = 'error' in event ? event.error : undefined;
        return {
          effects: [{ type: 'node.failed', reason: error instanceof Error && error.message ? error.message : 'the handler failed' }],
        };
      },
    },
  });
  return Object.assign(type, { [SERVER_HANDLER]: true });
}

/** Whether a node type runs a server handler. */
export function runsOnServer(type: AnyNodeType): boolean {
  return (type as { [SERVER_HANDLER]?: boolean })[SERVER_HANDLER] === true;
}

function resultOf(event: NodeEvent): HandlerResult | undefined {
  const output = ('output' in event ? event.output : undefined) as Partial<HandlerResult> | undefined;
  return typeof output?.exit === 'string' ? (output as HandlerResult) : undefined;
}
