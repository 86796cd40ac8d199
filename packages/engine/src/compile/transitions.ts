type Config = Record<string, unknown>;

const TRANSITION_KEYS = ['always', 'onDone', 'onError'];

/**
 * Walks a node's state config and its nested states, and rewrites every transition with `fn`.
 * Used to make moves between nodes re-enter (a node looping to itself starts over) and to
 * remember user messages in the conversation history.
 */
export function mapTransitions(state: Config, fn: (transition: Config, event: string) => Config): Config {
  const out: Config = { ...state };
  if (state.on) {
    out.on = Object.fromEntries(Object.entries(state.on as Config).map(([event, value]) => [event, mapEach(value, (t) => fn(t, event))]));
  }
  for (const key of TRANSITION_KEYS) {
    if (state[key]) out[key] = mapEach(state[key], (t) => fn(t, key));
  }
  if (state.invoke) {
    const invoke = state.invoke as Config;
    out.invoke = {
      ...invoke,
      ...(invoke.onDone ? { onDone: mapEach(invoke.onDone, (t) => fn(t, 'onDone')) } : {}),
      ...(invoke.onError ? { onError: mapEach(invoke.onError, (t) => fn(t, 'onError')) } : {}),
    };
  }
  if (state.states) {
    out.states = Object.fromEntries(
      Object.entries(state.states as Config).map(([key, child]) => [key, mapTransitions(child as Config, fn)]),
    );
  }
  return out;
}

function mapEach(value: unknown, fn: (transition: Config) => Config): unknown {
  const one = (t: unknown): Config => fn(typeof t === 'string' ? { target: t } : (t as Config));
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Appends an action to a transition's actions. */
export function withAction(transition: Config, action: unknown, first = false): Config {
  const actions = transition.actions === undefined ? [] : Array.isArray(transition.actions) ? transition.actions : [transition.actions];
  return { ...transition, actions: first ? [action, ...actions] : [...actions, action] };
}
