import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { matchOption } from '../../runtime/match-option';
import type { MenuOption } from '../../runtime/outbound-message';
import { WHATSAPP_LIMITS } from '../../runtime/whatsapp-limits';

const {
  buttons: BUTTONS_MAX,
  buttonTitle: BUTTON_TITLE_MAX,
  buttonBody: BUTTON_BODY_MAX,
  listRows: LIST_ROWS_MAX,
  rowTitle: ROW_TITLE_MAX,
  rowDescription: ROW_DESCRIPTION_MAX,
} = WHATSAPP_LIMITS;

/** Shows options as reply buttons or a list and leaves by the chosen option's exit. */
export const menu = defineNodeType({
  type: 'menu',
  version: 1,
  title: 'Menu',
  description: 'Offer options as buttons or a list',
  category: 'Input',
  icon: '🔘',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['text', 'options'],
    properties: {
      text: { type: 'string', title: 'Text', minLength: 1, 'x-widget': 'textarea' },
      options: {
        type: 'array',
        title: 'Options',
        description: 'Each option is an exit of the node',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'label'],
          properties: {
            id: { type: 'string', title: 'Id', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 200 },
            label: { type: 'string', title: 'Label', minLength: 1 },
            description: { type: 'string', title: 'Description', description: 'Shown under the label in a list' },
          },
        },
      },
      style: {
        enum: ['auto', 'buttons', 'list'],
        title: 'Show as',
        description: 'Auto: buttons for up to 3 options, a list for up to 10, numbered text beyond',
        default: 'auto',
      },
      button: { type: 'string', title: 'List button', description: 'Opens the list', default: 'Choose', maxLength: 20 },
      header: { type: 'string', title: 'Header', maxLength: 60 },
      footer: { type: 'string', title: 'Footer', maxLength: 60 },
      variable: { type: 'string', title: 'Save choice in variable', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      invalidText: { type: 'string', title: 'When the answer matches no option', default: 'Please choose one of the options.' },
      maxRetries: { type: 'integer', title: 'Retries before the "invalid" exit', minimum: 0, maximum: 10, default: 2 },
      timeoutMinutes: {
        type: 'number',
        title: 'Timeout (minutes)',
        description: 'Leave by "timeout" if there is no answer',
        exclusiveMinimum: 0,
      },
    },
  },
  exits: (config) => [
    ...config.options.map((o) => ({ id: o.id, label: o.label })),
    { id: 'invalid', label: 'Invalid' },
    ...(config.timeoutMinutes ? [{ id: 'timeout', label: 'Timeout' }] : []),
  ],
  summary: (config) => `${config.text}\n${config.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}`,
  variables: (config) => (config.variable ? { sets: [config.variable] } : {}),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    const asButtons = config.style === 'buttons' || (config.style === 'auto' && config.options.length <= BUTTONS_MAX);
    const asList =
      config.style === 'list' || (config.style === 'auto' && config.options.length > BUTTONS_MAX && config.options.length <= LIST_ROWS_MAX);
    const seen = new Map<string, number>();
    config.options.forEach((option, i) => {
      const field = `data.options[${i}]`;
      if (seen.has(option.id))
        findings.push({
          severity: 'error',
          field: `${field}.id`,
          message: `duplicates the id of option ${(seen.get(option.id) ?? 0) + 1}`,
        });
      seen.set(option.id, i);
      if (['invalid', 'timeout'].includes(option.id))
        findings.push({ severity: 'error', field: `${field}.id`, message: `"${option.id}" is reserved for the node's own exit` });
      if (asButtons && option.label.length > BUTTON_TITLE_MAX)
        findings.push({
          severity: 'error',
          field: `${field}.label`,
          message: `button label is ${option.label.length} characters; WhatsApp allows ${BUTTON_TITLE_MAX}`,
        });
      if (asList && option.label.length > ROW_TITLE_MAX)
        findings.push({
          severity: 'error',
          field: `${field}.label`,
          message: `list row title is ${option.label.length} characters; WhatsApp allows ${ROW_TITLE_MAX}`,
        });
      if (asList && (option.description?.length ?? 0) > ROW_DESCRIPTION_MAX)
        findings.push({
          severity: 'error',
          field: `${field}.description`,
          message: `list row description is over ${ROW_DESCRIPTION_MAX} characters`,
        });
    });
    const labels = config.options.map((o) => o.label.trim().toLowerCase());
    labels.forEach((label, i) => {
      if (labels.indexOf(label) !== i)
        findings.push({
          severity: 'error',
          field: `data.options[${i}].label`,
          message: 'two options have the same label; WhatsApp needs them unique',
        });
    });
    if (config.style === 'buttons' && config.options.length > BUTTONS_MAX)
      findings.push({
        severity: 'error',
        field: 'data.options',
        message: `${config.options.length} buttons; WhatsApp allows ${BUTTONS_MAX} (use a list)`,
      });
    if (config.style === 'list' && config.options.length > LIST_ROWS_MAX)
      findings.push({
        severity: 'error',
        field: 'data.options',
        message: `${config.options.length} list rows; WhatsApp allows ${LIST_ROWS_MAX}`,
      });
    if (asButtons && config.text.length > BUTTON_BODY_MAX)
      findings.push({
        severity: 'error',
        field: 'data.text',
        message: `is ${config.text.length} characters; WhatsApp allows ${BUTTON_BODY_MAX} with buttons`,
      });
    if (config.style === 'auto' && config.options.length > LIST_ROWS_MAX)
      findings.push({
        severity: 'warning',
        field: 'data.options',
        message: `more than ${LIST_ROWS_MAX} options are sent as a numbered text menu`,
      });
    return findings;
  },
  compile: (config, ctx) => {
    const options: MenuOption[] = config.options.map((o) => ({
      id: o.id,
      label: o.label,
      ...(o.description ? { description: o.description } : {}),
    }));
    const prompt = ctx.say({
      kind: 'menu',
      text: config.text,
      options,
      style: config.style,
      ...(config.button ? { button: config.button } : {}),
      ...(config.header ? { header: config.header } : {}),
      ...(config.footer ? { footer: config.footer } : {}),
    });
    return {
      entry: [prompt, ...(config.timeoutMinutes ? [ctx.startTimer(config.timeoutMinutes * 60_000)] : [])],
      on: {
        'user.message': [
          ...options.map((option) => ({
            guard: ctx.guard('chose', { option: option.id, options }),
            target: ctx.exit(option.id),
            actions: config.variable ? [ctx.action('save', { variable: config.variable, label: option.label })] : [],
          })),
          {
            guard: ctx.guard('canRetry', { maxRetries: config.maxRetries }),
            actions: [ctx.action('retry'), ctx.say({ kind: 'text', text: config.invalidText }), prompt],
          },
          { target: ctx.exit('invalid') },
        ],
        'timer.fired': { guard: ctx.isOwnTimer(), target: ctx.exit('timeout') },
      },
    };
  },
  guards: {
    chose: ({ event, params }) =>
      event.type === 'user.message' && 'message' in event && matchOption(event.message, params.options)?.id === params.option,
    canRetry: ({ context, params }) => context.node.retries < params.maxRetries,
  },
  actions: {
    save: ({ params }) => ({ vars: { [params.variable]: params.label } }),
    retry: ({ context }) => ({ retries: context.node.retries + 1 }),
  },
});
