import { type MenuOption, matchOption, type UserMessage } from '@chatflow/engine';
import { assign, emit, setup } from 'xstate';

/**
 * The twenty-node flow written by hand as a minimal XState v5 machine: the baseline the engine
 * is measured against. Same states (20 and a final one), same events, same effects (each
 * message and each variable change), same answers accepted and the same retries; no generic
 * node machinery, no history, no timers.
 */
interface Context {
  contact: { id: string; name?: string };
  visits: number;
  retries: number;
  drink?: string;
  note?: string;
  cups?: number;
  total?: number;
  customer?: string;
}
type Event = { type: 'user.message'; message: UserMessage };
type Message = { kind: 'text'; text: string } | { kind: 'menu'; text: string; options: MenuOption[]; style: 'auto' };
type Effect =
  | { type: 'message.send'; nodeId: string; message: Message }
  | { type: 'variable.set'; nodeId: string; name: string; value: unknown }
  | { type: 'conversation.end'; nodeId: string };

const DRINKS: MenuOption[] = [
  { id: 'coffee', label: 'Coffee' },
  { id: 'tea', label: 'Tea' },
  { id: 'juice', label: 'Juice' },
];
const CONFIRM: MenuOption[] = [
  { id: 'yes', label: 'Confirm' },
  { id: 'no', label: 'Cancel' },
];
const AGAIN: MenuOption[] = [
  { id: 'again', label: 'Yes' },
  { id: 'stop', label: 'No' },
];
const MAX_RETRIES = 2;
const CHOOSE = 'Please choose one of the options.';

const typed = (event: Event) => (event.message.kind === 'text' ? event.message.text.trim() : '');
const cupsOf = (event: Event) => {
  const n = Number(typed(event));
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined;
};

export const handWrittenMachine = setup({
  types: {} as { context: Context; events: Event; input: { contact: Context['contact'] }; emitted: Effect },
  actions: {
    say: emit((_, p: { nodeId: string; message: Message }): Effect => ({ type: 'message.send', nodeId: p.nodeId, message: p.message })),
    record: emit(
      ({ context }, p: { nodeId: string; name: keyof Context }): Effect => ({
        type: 'variable.set',
        nodeId: p.nodeId,
        name: p.name,
        value: context[p.name],
      }),
    ),
    askDrink: emit(
      ({ context }): Effect => ({
        type: 'message.send',
        nodeId: 'drink',
        message: { kind: 'menu', text: `What would you like? (order ${context.visits})`, options: DRINKS, style: 'auto' },
      }),
    ),
    askConfirm: emit(
      ({ context }): Effect => ({
        type: 'message.send',
        nodeId: 'confirm',
        message: {
          kind: 'menu',
          text: `Confirm ${context.cups} × ${context.drink} for ${context.total}?`,
          options: CONFIRM,
          style: 'auto',
        },
      }),
    ),
    end: emit((_, p: { nodeId: string }): Effect => ({ type: 'conversation.end', nodeId: p.nodeId })),
    enter: assign({ retries: 0 }),
    retry: assign({ retries: ({ context }) => context.retries + 1 }),
    countVisit: assign({ visits: ({ context }) => context.visits + 1 }),
    saveDrink: assign({ drink: (_, p: { label: string }) => p.label }),
    saveNote: assign({ note: ({ context }) => `${context.drink} for ${context.contact.name ?? ''}` }),
    saveCups: assign({ cups: ({ event }) => cupsOf(event) }),
    saveTotal: assign({ total: ({ context }) => (context.cups ?? 0) * 2.5 }),
    saveName: assign({ customer: ({ event }) => typed(event) }),
  },
  guards: {
    chose: ({ event }, p: { options: MenuOption[]; id: string }) => matchOption(event.message, p.options)?.id === p.id,
    canRetry: ({ context }) => context.retries < MAX_RETRIES,
    validCups: ({ event }) => cupsOf(event) !== undefined,
    validName: ({ event }) => typed(event).length > 0 && typed(event).length <= 40,
    bigOrder: ({ context }) => (context.cups ?? 0) > 3,
    longName: ({ context }) => (context.customer ?? '').length > 10,
  },
}).createMachine({
  id: 'hand-written',
  initial: 'welcome',
  context: ({ input }) => ({ contact: input.contact, visits: 0, retries: 0 }),
  states: {
    welcome: {
      entry: {
        type: 'say',
        params: ({ context }) => ({
          nodeId: 'welcome',
          message: { kind: 'text', text: `Hi ${context.contact.name ?? ''}, welcome to the café!` },
        }),
      },
      always: 'count',
    },
    count: { entry: ['countVisit', { type: 'record', params: { nodeId: 'count', name: 'visits' } }], always: 'drink' },
    drink: {
      entry: ['enter', 'askDrink'],
      on: {
        'user.message': [
          ...DRINKS.map((option) => ({
            guard: { type: 'chose' as const, params: { options: DRINKS, id: option.id } },
            target: option.id,
            actions: [
              { type: 'saveDrink' as const, params: { label: option.label } },
              { type: 'record' as const, params: { nodeId: 'drink', name: 'drink' as const } },
            ],
          })),
          { guard: 'canRetry', actions: ['retry', say('drink', CHOOSE), 'askDrink'] },
          { target: 'again' },
        ],
      },
    },
    coffee: { entry: say('coffee', 'Coffee it is.'), always: 'note' },
    tea: { entry: say('tea', 'Tea it is.'), always: 'note' },
    juice: { entry: say('juice', 'Juice it is.'), always: 'note' },
    note: { entry: ['saveNote', { type: 'record', params: { nodeId: 'note', name: 'note' } }], always: 'cups' },
    cups: {
      entry: ['enter', say('cups', 'How many cups?')],
      on: {
        'user.message': [
          { guard: 'validCups', target: 'big', actions: ['saveCups', { type: 'record', params: { nodeId: 'cups', name: 'cups' } }] },
          { guard: 'canRetry', actions: ['retry', say('cups', 'Please enter a whole number between 1 and 10.')] },
          { target: 'again' },
        ],
      },
    },
    big: { always: [{ guard: 'bigOrder', target: 'large' }, { target: 'small' }] },
    large: { entry: say('large', "That's a big order!"), always: 'total' },
    small: { entry: say('small', 'Coming right up.'), always: 'total' },
    total: { entry: ['saveTotal', { type: 'record', params: { nodeId: 'total', name: 'total' } }], always: 'name' },
    name: {
      entry: ['enter', say('name', 'Name for the order?')],
      on: {
        'user.message': [
          { guard: 'validName', target: 'long', actions: ['saveName', { type: 'record', params: { nodeId: 'name', name: 'customer' } }] },
          { guard: 'canRetry', actions: ['retry', say('name', 'Please answer in 40 characters or fewer.')] },
          { target: 'again' },
        ],
      },
    },
    long: { always: [{ guard: 'longName', target: 'longName' }, { target: 'shortName' }] },
    longName: {
      entry: {
        type: 'say',
        params: ({ context }) => ({ nodeId: 'long-name', message: { kind: 'text', text: `What a long name, ${context.customer}!` } }),
      },
      always: 'confirm',
    },
    shortName: {
      entry: {
        type: 'say',
        params: ({ context }) => ({ nodeId: 'short-name', message: { kind: 'text', text: `Thanks, ${context.customer}.` } }),
      },
      always: 'confirm',
    },
    confirm: {
      entry: ['enter', 'askConfirm'],
      on: {
        'user.message': [
          { guard: { type: 'chose', params: { options: CONFIRM, id: 'yes' } }, target: 'confirmed' },
          { guard: { type: 'chose', params: { options: CONFIRM, id: 'no' } }, target: 'cancelled' },
          { guard: 'canRetry', actions: ['retry', say('confirm', CHOOSE), 'askConfirm'] },
          { target: 'again' },
        ],
      },
    },
    confirmed: {
      entry: {
        type: 'say',
        params: ({ context }) => ({ nodeId: 'confirmed', message: { kind: 'text', text: `Order confirmed: ${context.note}.` } }),
      },
      always: 'again',
    },
    cancelled: { entry: say('cancelled', 'Order cancelled.'), always: 'again' },
    again: {
      entry: ['enter', say('again', { kind: 'menu', text: 'Order again?', options: AGAIN, style: 'auto' })],
      on: {
        'user.message': [
          { guard: { type: 'chose', params: { options: AGAIN, id: 'again' } }, target: 'count' },
          { guard: { type: 'chose', params: { options: AGAIN, id: 'stop' } }, target: 'done' },
          {
            guard: 'canRetry',
            actions: ['retry', say('again', CHOOSE), say('again', { kind: 'menu', text: 'Order again?', options: AGAIN, style: 'auto' })],
          },
          { target: 'done' },
        ],
      },
    },
    done: { type: 'final', entry: { type: 'end', params: { nodeId: 'again' } } },
  },
});

function say(nodeId: string, message: string | Message) {
  return {
    type: 'say' as const,
    params: { nodeId, message: typeof message === 'string' ? { kind: 'text' as const, text: message } : message },
  };
}
