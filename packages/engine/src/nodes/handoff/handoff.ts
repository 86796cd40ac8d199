import type { CheckFinding, NodeEvent } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import type { ConversationContext } from '../../runtime/conversation-context';
import { interpolate } from '../../runtime/template';
import { type BusinessHours, isKnownTimeZone, isWithinHours, minuteOfDay, WEEKDAYS } from './business-hours';

const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const ranges = (title: string) =>
  ({
    type: 'array',
    title,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['open', 'close'],
      properties: {
        open: { ...time, title: 'Opens', description: 'HH:MM, 24-hour clock', default: '09:00' },
        close: {
          type: 'string',
          pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
          title: 'Closes',
          description: 'HH:MM; 24:00 for midnight',
          default: '18:00',
        },
      },
    },
  }) as const;

/**
 * Routes the conversation to a department of human agents and pauses the bot until an agent
 * hands it back. Outside business hours it leaves by `closed` without handing off.
 */
export const handoff = defineNodeType({
  type: 'handoff',
  version: 1,
  title: 'Handoff',
  description: 'Route to a department of human agents; the bot waits until an agent hands back',
  category: 'People',
  icon: '🧑‍💼',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['department'],
    properties: {
      department: {
        type: 'string',
        title: 'Department',
        description: 'Agents of this department receive the conversation, e.g. "sales"',
        minLength: 1,
        maxLength: 100,
      },
      text: {
        type: 'string',
        title: 'Message to the customer',
        description: 'Sent when the conversation is handed off',
        default: 'One moment please, an agent will be with you shortly.',
        'x-widget': 'textarea',
      },
      note: {
        type: 'string',
        title: 'Note for the agent',
        description: 'Shown to the agent with the conversation; use {{variable}} to include what the bot collected',
        'x-widget': 'textarea',
      },
      useBusinessHours: {
        type: 'boolean',
        title: 'Only during business hours',
        description: 'Outside them, leave by "Closed" instead of handing off',
        default: false,
      },
      businessHours: {
        type: 'object',
        title: 'Business hours',
        additionalProperties: false,
        required: ['timezone'],
        properties: {
          timezone: {
            type: 'string',
            title: 'Time zone',
            description: 'IANA name, e.g. America/Sao_Paulo or Europe/Lisbon',
            default: 'UTC',
            minLength: 1,
          },
          weekly: {
            type: 'object',
            title: 'Weekly schedule',
            description: 'Open hours per weekday; a day without hours is closed',
            additionalProperties: false,
            properties: {
              mon: ranges('Monday'),
              tue: ranges('Tuesday'),
              wed: ranges('Wednesday'),
              thu: ranges('Thursday'),
              fri: ranges('Friday'),
              sat: ranges('Saturday'),
              sun: ranges('Sunday'),
            },
          },
          holidays: {
            type: 'array',
            title: 'Holidays',
            description: 'Closed all day (yyyy-mm-dd)',
            items: { type: 'string', format: 'date' },
          },
        },
      },
      closedText: {
        type: 'string',
        title: 'Outside business hours',
        description: 'Sent before leaving by "Closed"',
        default: 'We are closed right now. Please write to us during business hours.',
        'x-widget': 'textarea',
      },
      timeoutMinutes: {
        type: 'number',
        title: 'Wait for an agent (minutes)',
        description: 'Leave by "Timeout" if no agent takes the conversation in time',
        exclusiveMinimum: 0,
      },
    },
    if: { properties: { useBusinessHours: { const: true } }, required: ['useBusinessHours'] },
    // The form hides the schedule and the closed message while business hours are off.
    then: { required: ['businessHours'], properties: { closedText: {} } },
  },
  exits: (config) => [
    { id: 'released', label: 'Agent handed back' },
    ...(config.useBusinessHours ? [{ id: 'closed', label: 'Closed' }] : []),
    ...(config.timeoutMinutes ? [{ id: 'timeout', label: 'No agent in time' }] : []),
  ],
  summary: (config) => `To ${config.department}${config.useBusinessHours ? ' (business hours)' : ''}`,
  checks: (config) => (config.useBusinessHours && config.businessHours ? hoursFindings(config.businessHours) : []),
  compile: (config, ctx) => {
    const hours = config.useBusinessHours ? config.businessHours : undefined;
    return {
      initial: 'routing',
      states: {
        routing: {
          always: [
            ...(hours
              ? [
                  {
                    guard: ctx.guard('closed', { hours }),
                    target: ctx.exit('closed'),
                    actions: [ctx.say({ kind: 'text', text: config.closedText })],
                  },
                ]
              : []),
            { target: 'withAgent' },
          ],
        },
        withAgent: {
          entry: [
            ...(config.text ? [ctx.say({ kind: 'text', text: config.text })] : []),
            ctx.action('handOff', { department: config.department, note: config.note }),
            ...(config.timeoutMinutes ? [ctx.startTimer(config.timeoutMinutes * 60_000)] : []),
          ],
          on: {
            // The agent talks to the customer now: messages are remembered, the bot stays silent.
            'user.message': { actions: [] },
            'agent.assigned': { actions: [ctx.action('assigned')] },
            // The agent's replies go into the history in the order they were written, between the customer's.
            'agent.message': { actions: [ctx.action('agentSaid')] },
            'agent.released': { target: ctx.exit('released') },
            'timer.fired': { guard: ctx.guard('unattended'), target: ctx.exit('timeout') },
          },
        },
      },
    };
  },
  guards: {
    closed: ({ context, params }: { context: ConversationContext; params: { hours: BusinessHours } }) =>
      // Without the host's time the bot cannot tell; handing off is the kinder mistake.
      context.now !== undefined && !isWithinHours(params.hours, context.now),
    unattended: ({ context, event }: { context: ConversationContext; event: NodeEvent }) =>
      event.type === 'timer.fired' &&
      'timerId' in event &&
      event.timerId === context.node.timerId &&
      context.node.data.agentId === undefined,
  },
  actions: {
    handOff: ({ context, params }: { context: ConversationContext; params: { department: string; note?: string } }) => ({
      effects: [
        {
          type: 'handoff',
          department: interpolate(params.department, context),
          ...(params.note ? { note: interpolate(params.note, context) } : {}),
        },
      ],
    }),
    assigned: ({ event }) => ({ data: { agentId: ('agentId' in event && event.agentId) || 'agent' } }),
    agentSaid: ({ event }) =>
      event.type === 'agent.message' && 'text' in event && typeof event.text === 'string' && event.text.trim()
        ? { remember: [{ role: 'assistant', text: event.text }] }
        : undefined,
  },
});

/** Design-time problems of a schedule: an unknown time zone, ranges that close before they open. */
function hoursFindings(hours: BusinessHours): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (!isKnownTimeZone(hours.timezone)) {
    findings.push({
      severity: 'error',
      field: 'data.businessHours.timezone',
      message: `"${hours.timezone}" is not a known IANA time zone (e.g. America/Sao_Paulo)`,
    });
  }
  let openDays = 0;
  for (const day of WEEKDAYS) {
    const dayRanges = hours.weekly?.[day] ?? [];
    if (dayRanges.length > 0) openDays += 1;
    dayRanges.forEach((range, i) => {
      if (minuteOfDay(range.close) <= minuteOfDay(range.open)) {
        findings.push({
          severity: 'error',
          field: `data.businessHours.weekly.${day}[${i}].close`,
          message: `closes at ${range.close}, not after it opens at ${range.open}; split overnight hours over two days`,
        });
      }
    });
  }
  if (openDays === 0) {
    findings.push({
      severity: 'warning',
      field: 'data.businessHours.weekly',
      message: 'no day has opening hours, so every customer gets the "Closed" exit',
    });
  }
  return findings;
}
