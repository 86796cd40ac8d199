import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { userMessageText } from '../../runtime/user-message';

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
/** WhatsApp's customer-service window (shared/reference/whatsapp-cloud-api.md). */
const SERVICE_WINDOW_MS = 24 * UNIT_MS.hours;

/**
 * Waits on a durable timer the host keeps (never an in-process timeout): a plain delay, or until
 * the user replies or the time runs out, whichever comes first.
 */
export const wait = defineNodeType({
  type: 'wait',
  version: 1,
  title: 'Wait',
  description: 'Pause, or wait for a reply',
  category: 'Logic',
  icon: '⏳',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['duration'],
    properties: {
      mode: {
        enum: ['delay', 'reply'],
        title: 'Wait for',
        description: 'Delay: pause, then continue (messages meanwhile are ignored). Reply: continue when the user answers, or on timeout.',
        default: 'delay',
      },
      duration: {
        type: 'number',
        title: 'Duration',
        description: 'How long to wait (the timeout when waiting for a reply)',
        exclusiveMinimum: 0,
      },
      unit: { enum: ['seconds', 'minutes', 'hours', 'days'], title: 'Unit', default: 'minutes' },
      variable: {
        type: 'string',
        title: 'Save the reply in variable',
        description: "When waiting for a reply: the reply's text (a caption, or [image] for media without one)",
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      },
    },
  },
  exits: (config) =>
    config.mode === 'reply'
      ? [
          { id: 'replied', label: 'Replied' },
          { id: 'timeout', label: 'Timeout' },
        ]
      : [{ id: 'next', label: 'Next' }],
  summary: (config) => `${config.mode === 'reply' ? 'Reply within' : 'Wait'} ${config.duration} ${config.unit}`,
  variables: (config) => (config.mode === 'reply' && config.variable ? { sets: [config.variable] } : {}),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    if (durationMs(config) > SERVICE_WINDOW_MS)
      findings.push({
        severity: 'warning',
        field: 'data.duration',
        message: 'is over 24 hours; WhatsApp then only delivers template messages until the user writes again',
      });
    if (config.mode !== 'reply' && config.variable)
      findings.push({ severity: 'warning', field: 'data.variable', message: 'is only saved when waiting for a reply' });
    return findings;
  },
  compile: (config, ctx) => {
    const timer = ctx.startTimer(durationMs(config));
    if (config.mode === 'reply')
      return {
        entry: [timer],
        on: {
          'user.message': {
            target: ctx.exit('replied'),
            actions: config.variable ? [ctx.action('saveReply', { variable: config.variable })] : [],
          },
          'timer.fired': { guard: ctx.isOwnTimer(), target: ctx.exit('timeout') },
        },
      };
    return {
      entry: [timer],
      on: {
        // Handled without moving, so the message is still remembered in the history.
        'user.message': {},
        'timer.fired': { guard: ctx.isOwnTimer(), target: ctx.exit('next') },
      },
    };
  },
  actions: {
    saveReply: ({ event, params }) =>
      event.type === 'user.message' && 'message' in event ? { vars: { [params.variable]: userMessageText(event.message) } } : undefined,
  },
});

function durationMs(config: { duration: number; unit: keyof typeof UNIT_MS }): number {
  return Math.round(config.duration * UNIT_MS[config.unit]);
}
