import { flow, type TranscriptCase } from '../flow-builder';

/** Monday 1 December 2025 at 10:00 and at 21:00 in Lisbon (UTC in winter). */
const MONDAY_10AM = '2025-12-01T10:00:00Z';
const MONDAY_9PM = '2025-12-01T21:00:00Z';

const loyalty = flow(
  'count',
  {
    count: ['set-variable', { assignments: [{ name: 'visits', mode: 'expression', value: 'visits + 1' }] }],
    greet: ['set-variable', { assignments: [{ name: 'greeting', value: 'Welcome back, {{contact.name}}' }] }],
    tier: [
      'condition',
      {
        branches: [
          { id: 'gold', label: 'Regular', when: 'visits >= 3' },
          { id: 'silver', when: 'visits == 2' },
        ],
      },
    ],
    gold: ['message', { text: '{{greeting}}! Visit {{visits}}: your coffee is on us. ☕' }],
    silver: ['message', { text: '{{greeting}}! One more visit for a free coffee.' }],
    first: ['message', { text: 'Welcome to Casa Verde! Visit {{visits}}.' }],
    again: ['menu', { text: 'Come again?', options: [{ id: 'yes', label: 'Yes' }] }],
  },
  [
    'count.next -> greet',
    'greet.next -> tier',
    'tier.gold -> gold',
    'tier.silver -> silver',
    'tier.else -> first',
    'first.next -> again',
    'silver.next -> again',
    'gold.next -> again',
    'again.yes -> count',
  ],
  { variables: [{ name: 'visits', type: 'number', default: 0 }] },
);

const support = (data: Record<string, unknown>) =>
  flow(
    'agent',
    {
      agent: ['handoff', { department: 'support', note: 'Order {{order_id}} is late', ...data }],
      back: ['end', { text: 'Thanks for your patience! The bot is back.', outcome: 'released' }],
      closed: ['end', { text: 'Leave us a message and we will answer in the morning.', outcome: 'closed' }],
      nobody: ['end', { text: 'Nobody is free right now, sorry. We will call you back.', outcome: 'unattended' }],
    },
    [
      'agent.released -> back',
      ...(data.useBusinessHours ? ['agent.closed -> closed'] : []),
      ...(data.timeoutMinutes ? ['agent.timeout -> nobody'] : []),
    ],
    { variables: [{ name: 'order_id', type: 'string', default: 'CV-10234' }] },
  );
const hours = { timezone: 'Europe/Lisbon', weekly: { mon: [{ open: '09:00', close: '18:00' }] } };

const greetingTest = flow(
  'split',
  {
    split: [
      'split',
      {
        branches: [
          { id: 'short', label: 'Short', weight: 50 },
          { id: 'long', label: 'Long', weight: 50 },
        ],
        variable: 'variant',
      },
    ],
    short: ['menu', { text: 'Hi!', options: [{ id: 'again', label: 'Again' }] }],
    long: ['menu', { text: 'Hello and welcome to Casa Verde!', options: [{ id: 'again', label: 'Again' }] }],
  },
  ['split.short -> short', 'split.long -> long', 'short.again -> split', 'long.again -> split'],
);

/** Transcripts of the nodes that decide and route: set-variable, condition, split, jump, handoff. */
export const logicNodeCases: TranscriptCase[] = [
  {
    name: 'split: a contact takes one weighted branch and gets the same one every time',
    flow: greetingTest,
    transcript: ['· variant = "short"', '< Hi! [Again]', '> again', '· variant = "short"', '< Hi! [Again]'],
  },
  {
    name: 'set-variable and condition: an expression counts visits, a template builds a greeting, branches pick the message',
    flow: loyalty,
    transcript: [
      '· visits = 1',
      '· greeting = "Welcome back, Ana"',
      '< Welcome to Casa Verde! Visit 1.',
      '< Come again? [Yes]',
      '> yes',
      '· visits = 2',
      '· greeting = "Welcome back, Ana"',
      '< Welcome back, Ana! One more visit for a free coffee.',
      '< Come again? [Yes]',
      '> yes',
      '· visits = 3',
      '· greeting = "Welcome back, Ana"',
      '< Welcome back, Ana! Visit 3: your coffee is on us. ☕',
      '< Come again? [Yes]',
    ],
  },
  {
    name: 'jump: to a node of the same flow without an edge, and to another flow',
    flow: flow(
      'menu',
      {
        menu: [
          'menu',
          {
            text: 'Main menu',
            options: [
              { id: 'again', label: 'Start over' },
              { id: 'shop', label: 'Shop' },
            ],
          },
        ],
        restart: ['message', { text: 'Starting over.' }],
        loop: ['jump', { node: 'menu' }],
        shop: ['jump', { to: 'flow', flowId: 'order-capture' }],
      },
      ['menu.again -> restart', 'restart.next -> loop', 'menu.shop -> shop'],
    ),
    transcript: [
      '< Main menu [Start over | Shop]',
      '> 1',
      '< Starting over.',
      '< Main menu [Start over | Shop]',
      '> shop',
      '· jump to flow order-capture',
      '· end jump',
    ],
  },
  {
    name: 'handoff: during business hours an agent takes over, the bot stays silent, and resumes on release',
    flow: support({ useBusinessHours: true, businessHours: hours, text: 'Connecting you with our team…' }),
    options: () => ({ now: Date.parse(MONDAY_10AM) }),
    transcript: [
      '< Connecting you with our team…',
      '· handoff support: Order CV-10234 is late',
      '> hello? is anyone there?',
      '> /release',
      '< Thanks for your patience! The bot is back.',
      '· end released',
    ],
  },
  {
    name: 'handoff: outside business hours it says so and leaves by "closed", without handing off',
    flow: support({ useBusinessHours: true, businessHours: hours }),
    options: () => ({ now: Date.parse(MONDAY_9PM) }),
    transcript: [
      '< We are closed right now. Please write to us during business hours.',
      '< Leave us a message and we will answer in the morning.',
      '· end closed',
    ],
  },
  {
    name: 'handoff: when no agent takes the conversation in time the timer leads to "timeout"; once assigned it waits',
    flow: support({ timeoutMinutes: 5 }),
    transcript: [
      '< One moment please, an agent will be with you shortly.',
      '· handoff support: Order CV-10234 is late',
      '· timer 5 min',
      '> /timeout',
      '< Nobody is free right now, sorry. We will call you back.',
      '· end unattended',
    ],
  },
  {
    name: 'handoff: an agent who took the conversation keeps it past the timeout',
    flow: support({ timeoutMinutes: 5 }),
    transcript: [
      '< One moment please, an agent will be with you shortly.',
      '· handoff support: Order CV-10234 is late',
      '· timer 5 min',
      '> /assign',
      '> /timeout',
      '> thanks, all sorted',
      '> /release',
      // The timer fired while the agent had the conversation; the node still asks to cancel it on leaving (a no-op for the host).
      '· timer cancelled',
      '< Thanks for your patience! The bot is back.',
      '· end released',
    ],
  },
];
