import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import type { OutboundMessage } from '../../runtime/outbound-message';
import { WHATSAPP_LIMITS } from '../../runtime/whatsapp-limits';
import { ANSWER_TYPES, type AnswerRules, DATE_FORMATS, MEDIA_TYPES, parseAnswer } from './parse-answer';

const { buttons: BUTTONS_MAX, buttonTitle: BUTTON_TITLE_MAX, listRows: LIST_ROWS_MAX, rowTitle: ROW_TITLE_MAX } = WHATSAPP_LIMITS;

/** Asks a question, checks the answer against its type, and saves it normalised in a variable. */
export const question = defineNodeType({
  type: 'question',
  version: 1,
  title: 'Question',
  description: 'Ask and save the answer',
  category: 'Input',
  icon: '❓',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['text', 'variable'],
    properties: {
      text: { type: 'string', title: 'Question', minLength: 1, 'x-widget': 'textarea', 'x-placeholder': 'What is your email address?' },
      variable: { type: 'string', title: 'Save answer in variable', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      answerType: {
        enum: [...ANSWER_TYPES],
        title: 'Answer type',
        description: 'Answers of another kind are refused and the question is asked again',
        default: 'text',
      },
      minLength: { type: 'integer', title: 'Minimum length', description: 'Text answers', minimum: 1 },
      maxLength: { type: 'integer', title: 'Maximum length', description: 'Text answers', minimum: 1 },
      min: { type: 'number', title: 'Minimum', description: 'Number answers' },
      max: { type: 'number', title: 'Maximum', description: 'Number answers' },
      integer: { type: 'boolean', title: 'Whole numbers only', description: 'Number answers', default: false },
      choices: {
        type: 'array',
        title: 'Choices',
        description: 'Choice answers: shown as buttons (up to 3) or a list (up to 10); the chosen label is saved',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
      },
      mediaTypes: {
        type: 'array',
        title: 'Accepted media',
        description: 'Media answers; leave empty to accept any',
        uniqueItems: true,
        items: { enum: [...MEDIA_TYPES] },
      },
      dateFormat: {
        enum: [...DATE_FORMATS],
        title: 'Dates typed as',
        description: 'Date answers; ISO dates (2024-12-31) are always accepted. Saved as yyyy-mm-dd.',
        default: 'dd/mm/yyyy',
      },
      defaultCountryCode: {
        type: 'string',
        title: 'Default country code',
        description: 'Phone answers typed without a country code get this one, e.g. 44',
        pattern: '^\\+?[1-9][0-9]{0,2}$',
      },
      invalidText: {
        type: 'string',
        title: 'When the answer is not valid',
        description: 'Leave empty for a message that fits the answer type, e.g. "Please enter a valid email address."',
        'x-widget': 'textarea',
      },
      maxRetries: { type: 'integer', title: 'Retries before the "invalid" exit', minimum: 0, maximum: 10, default: 2 },
      timeoutMinutes: {
        type: 'number',
        title: 'Timeout (minutes)',
        description: 'Leave by "timeout" if there is no answer',
        exclusiveMinimum: 0,
      },
    },
    if: { properties: { answerType: { const: 'choice' } }, required: ['answerType'] },
    then: { required: ['choices'] },
  },
  exits: (config) => [
    { id: 'next', label: 'Next' },
    { id: 'invalid', label: 'Invalid' },
    ...(config.timeoutMinutes ? [{ id: 'timeout', label: 'Timeout' }] : []),
  ],
  summary: (config) => `${config.text}\n→ {{${config.variable}}} (${config.answerType})`,
  variables: (config) => ({ sets: [config.variable] }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    if (config.min !== undefined && config.max !== undefined && config.min > config.max)
      findings.push({ severity: 'error', field: 'data.max', message: `is less than the minimum (${config.min})` });
    if (config.minLength !== undefined && config.maxLength !== undefined && config.minLength > config.maxLength)
      findings.push({ severity: 'error', field: 'data.maxLength', message: `is less than the minimum length (${config.minLength})` });
    if (config.answerType === 'choice') findings.push(...choiceFindings(config.choices ?? []));
    return findings;
  },
  compile: (config, ctx) => {
    const rules = answerRules(config);
    const message: OutboundMessage =
      config.answerType === 'choice'
        ? { kind: 'menu', text: config.text, style: 'auto', options: (config.choices ?? []).map((label) => ({ id: label, label })) }
        : { kind: 'text', text: config.text };
    const prompt = ctx.say(message);
    return {
      entry: [prompt, ...(config.timeoutMinutes ? [ctx.startTimer(config.timeoutMinutes * 60_000)] : [])],
      on: {
        'user.message': [
          {
            guard: ctx.guard('valid', { rules }),
            target: ctx.exit('next'),
            actions: [ctx.action('save', { variable: config.variable, rules })],
          },
          {
            guard: ctx.guard('canRetry', { maxRetries: config.maxRetries }),
            // Buttons and lists are sent again so they are at hand; a typed answer needs only the hint.
            actions: [
              ctx.action('retry'),
              ctx.say({ kind: 'text', text: config.invalidText || defaultInvalidText(rules) }),
              ...(config.answerType === 'choice' ? [prompt] : []),
            ],
          },
          { target: ctx.exit('invalid') },
        ],
        'timer.fired': { guard: ctx.isOwnTimer(), target: ctx.exit('timeout') },
      },
    };
  },
  guards: {
    valid: ({ event, params }) =>
      event.type === 'user.message' && 'message' in event && parseAnswer(event.message, params.rules) !== undefined,
    canRetry: ({ context, params }) => context.node.retries < params.maxRetries,
  },
  actions: {
    save: ({ event, params }) => {
      const answer = event.type === 'user.message' && 'message' in event ? parseAnswer(event.message, params.rules) : undefined;
      return answer ? { vars: { [params.variable]: answer.value } } : undefined;
    },
    retry: ({ context }) => ({ retries: context.node.retries + 1 }),
  },
});

/** The rules of the configured answer type only, so params stay small and other types' fields are ignored. */
function answerRules(config: AnswerRules): AnswerRules {
  const pick = <K extends keyof AnswerRules>(...keys: K[]): Pick<AnswerRules, K> =>
    Object.fromEntries(keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])) as Pick<AnswerRules, K>;
  switch (config.answerType) {
    case 'text':
      return { answerType: 'text', ...pick('minLength', 'maxLength') };
    case 'number':
      return { answerType: 'number', ...pick('min', 'max', 'integer') };
    case 'choice':
      return { answerType: 'choice', ...pick('choices') };
    case 'media':
      return { answerType: 'media', ...pick('mediaTypes') };
    case 'date':
      return { answerType: 'date', ...pick('dateFormat') };
    case 'phone':
      return { answerType: 'phone', ...pick('defaultCountryCode') };
    default:
      return { answerType: config.answerType };
  }
}

/** A re-prompt that tells the user what a valid answer looks like. */
export function defaultInvalidText(rules: AnswerRules): string {
  switch (rules.answerType) {
    case 'text':
      if (rules.maxLength !== undefined) return `Please answer in ${rules.maxLength} characters or fewer.`;
      return rules.minLength !== undefined ? `Please answer in at least ${rules.minLength} characters.` : 'Please type your answer.';
    case 'number': {
      const kind = rules.integer ? 'a whole number' : 'a number';
      if (rules.min !== undefined && rules.max !== undefined) return `Please enter ${kind} between ${rules.min} and ${rules.max}.`;
      if (rules.min !== undefined) return `Please enter ${kind} of at least ${rules.min}.`;
      if (rules.max !== undefined) return `Please enter ${kind} of at most ${rules.max}.`;
      return `Please enter ${kind}.`;
    }
    case 'email':
      return 'Please enter a valid email address.';
    case 'phone':
      return rules.defaultCountryCode
        ? 'Please enter a valid phone number.'
        : 'Please enter a valid phone number with its country code, e.g. +44 20 7946 0958.';
    case 'date':
      return `Please enter a date like ${rules.dateFormat === 'mm/dd/yyyy' ? '12/31/2024' : '31/12/2024'}.`;
    case 'choice':
      return 'Please choose one of the options.';
    case 'location':
      return 'Please share a location.';
    case 'media': {
      const names = { image: 'a photo', document: 'a document', audio: 'an audio message', video: 'a video', sticker: 'a sticker' };
      const accepted = rules.mediaTypes?.length ? rules.mediaTypes.map((t) => names[t]) : ['a photo, video, audio message or document'];
      return `Please send ${accepted.join(' or ')}.`;
    }
  }
}

function choiceFindings(choices: string[]): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const limit = choices.length <= BUTTONS_MAX ? BUTTON_TITLE_MAX : choices.length <= LIST_ROWS_MAX ? ROW_TITLE_MAX : undefined;
  const normalised = choices.map((c) => c.trim().toLowerCase());
  choices.forEach((choice, i) => {
    if (limit !== undefined && choice.length > limit)
      findings.push({
        severity: 'error',
        field: `data.choices[${i}]`,
        message: `is ${choice.length} characters; WhatsApp allows ${limit} for ${limit === BUTTON_TITLE_MAX ? 'a button' : 'a list row'}`,
      });
    if (normalised.indexOf(normalised[i] as string) !== i)
      findings.push({
        severity: 'error',
        field: `data.choices[${i}]`,
        message: 'two choices have the same label; WhatsApp needs them unique',
      });
  });
  if (limit === undefined)
    findings.push({
      severity: 'warning',
      field: 'data.choices',
      message: `more than ${LIST_ROWS_MAX} choices are sent as a numbered text menu`,
    });
  return findings;
}
